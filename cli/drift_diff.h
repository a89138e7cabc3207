// scapc diff of two assessments: per host, the rules whose verdict changed.
#pragma once

#include <string>

namespace scapc::cli {

// Whether a file's text is an assessment (XCCDF results, ARF, CKL, CKLB) rather than a STIG.
bool is_assessment(const std::string& text);

// Prints the changes and writes them as JSON to `json_path` when given; exit status 0 when nothing
// changed, 2 when something did, 1 on any error (then no JSON is written).
int diff_assessments(const std::string& before_path, const std::string& after_path, const std::string& json_path);

}  // namespace scapc::cli
