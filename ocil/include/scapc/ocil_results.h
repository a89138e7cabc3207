// Answers for XCCDF rules checked by OCIL (check system "http://scap.nist.gov/schema/ocil/2"):
// the results of a filled-in OCIL 2.0 questionnaire read back as XCCDF result words.
#pragma once

#include <map>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace scapc::ocil {

// XCCDF result words: "pass", "fail", "error", "unknown", "notchecked", "notapplicable".
// Reads an OCIL document that contains results (the questionnaires with an ocil:results section,
// or a results-only OCIL document) and answers each questionnaire. `questionnaires` is the OCIL
// document that defines the questionnaires (the check content); it may be the same document.
// Returns false with `error` = "file:line: reason" (one line) on bad input.
//
// A recorded questionnaire_result wins; otherwise a recorded test_action_result; otherwise the
// result is computed from the question answers with OCIL 2.0's handlers and truth tables.
// Questionnaires that no recorded result reaches are left out of `answers` (the caller treats
// them as notchecked). An empty `questionnaires` document means the results document defines
// its own questionnaires. On success the answers are added to `answers` (overwriting entries for
// the same questionnaire); on failure `answers` is unchanged.
bool answer_questionnaires(const pugi::xml_document& questionnaires, std::string_view results_xml,
                           const std::string& results_name, std::map<std::string, std::string>& answers,
                           std::string& error);

}  // namespace scapc::ocil
