// Earlier assessments read as answers to carry forward (check --answers): STIG Viewer checklists
// (CKL, CKLB) from any tool, XCCDF results and ARF reports, and OCIL results.
#pragma once

#include <scapc/answers.h>

#include <string>
#include <vector>

namespace scapc::output {

// Adds the answers in `path` to `out`: one set per checklist or per TestResult (by its host), one
// set for every host from OCIL results (which answer `content`'s questionnaires and name no host).
// Only what a person answered is kept: a checklist's reviewed rules, and the rule-results that no
// OVAL check decided. One-line errors naming the file and position.
bool read_answers(const std::string& path, const check::Content& content, check::PreviousAnswers& out,
                  std::vector<std::string>& warnings, std::string& error);

}  // namespace scapc::output
