// OCIL 2.0 questionnaires for checks a person answers, and their writer. Each questionnaire asks
// one yes/no question whose "yes" means compliant.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

namespace scapc::ocil {

struct Questionnaire {
  std::string id;              // ocil:<ns>:questionnaire:<n>
  std::string test_action_id;  // ocil:<ns>:testaction:<n>
  std::string question_id;     // ocil:<ns>:question:<n>
  std::string title;
  std::string description;
  std::string question;
  std::vector<std::string> instructions;  // steps; empty for none
};

struct Document {
  std::string product_name;
  std::string product_version;
  std::string timestamp;  // dateTime
  std::vector<Questionnaire> questionnaires;
};

pugi::xml_document to_document(const Document& document);

}  // namespace scapc::ocil
