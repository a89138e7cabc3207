// scapc diff of two assessments: per host, the rules whose verdict changed.
#pragma once

#include <scapc/drift.h>

#include <string>
#include <vector>

namespace scapc::cli {

// Whether a file's text is an assessment (XCCDF results, ARF, CKL, CKLB) rather than a STIG.
bool is_assessment(const std::string& text);

// --previous: the verdicts of every host in `files`, and the files' names joined for the report;
// false (error printed) when one cannot be read.
bool read_previous(const std::vector<std::string>& files, std::vector<output::HostVerdicts>& out, std::string& source);

// Prints the changes and writes them as JSON to `json_path` when given; exit status 0 when nothing
// changed, 2 when something did, 1 on any error (then no JSON is written).
int diff_assessments(const std::string& before_path, const std::string& after_path, const std::string& json_path);

}  // namespace scapc::cli
