#include <scapc/ocil.h>
#include <scapc/xml_namespaces.h>

namespace scapc::ocil {
namespace {

pugi::xml_node text_element(pugi::xml_node parent, const char* name, const std::string& text) {
  auto node = parent.append_child(name);
  node.text().set(text.c_str());
  return node;
}

}  // namespace

pugi::xml_document to_document(const Document& document) {
  pugi::xml_document xml;
  auto root = xml.append_child("ocil");
  root.append_attribute("xmlns") = ns::kOcil;
  auto generator = root.append_child("generator");
  if (!document.product_name.empty()) text_element(generator, "product_name", document.product_name);
  if (!document.product_version.empty()) text_element(generator, "product_version", document.product_version);
  text_element(generator, "schema_version", "2.0");
  text_element(generator, "timestamp", document.timestamp);

  auto questionnaires = root.append_child("questionnaires");
  auto test_actions = root.append_child("test_actions");
  auto questions = root.append_child("questions");
  for (const auto& questionnaire : document.questionnaires) {
    auto node = questionnaires.append_child("questionnaire");
    node.append_attribute("id") = questionnaire.id.c_str();
    text_element(node, "title", questionnaire.title);
    if (!questionnaire.description.empty()) text_element(node, "description", questionnaire.description);
    text_element(node.append_child("actions"), "test_action_ref", questionnaire.test_action_id);

    auto action = test_actions.append_child("boolean_question_test_action");
    action.append_attribute("id") = questionnaire.test_action_id.c_str();
    action.append_attribute("question_ref") = questionnaire.question_id.c_str();
    text_element(action.append_child("when_true"), "result", "PASS");
    text_element(action.append_child("when_false"), "result", "FAIL");

    auto question = questions.append_child("boolean_question");
    question.append_attribute("id") = questionnaire.question_id.c_str();
    question.append_attribute("model") = "MODEL_YES_NO";
    text_element(question, "question_text", questionnaire.question);
    if (!questionnaire.instructions.empty()) {
      auto instructions = question.append_child("instructions");
      text_element(instructions, "title", "How to answer");
      for (const auto& step : questionnaire.instructions) {
        text_element(instructions.append_child("step"), "description", step);
      }
    }
  }
  return xml;
}

}  // namespace scapc::ocil
