// The questions an OCIL questionnaire asks, as report markup: for a rule a person answers (DISA's
// manual checks), the question and its steps are the check a reviewer follows.
#include <scapc/xml_names.h>

#include "html_parts.h"

namespace scapc::output::html {
namespace {

void index_ids(const pugi::xml_node& node, std::map<std::string, pugi::xml_node>& out) {
  for (const auto& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (const auto id = child.attribute("id")) out.emplace(id.value(), child);
    index_ids(child, out);
  }
}

std::string all_text(const pugi::xml_node& node) {
  std::string out;
  for (const auto& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
    if (child.type() == pugi::node_element) out += all_text(child);
  }
  return out;
}

// Every step's description, nested steps flattened in document order.
void steps(const pugi::xml_node& parent, std::string& out) {
  for (const auto& step : parent.children()) {
    if (xml::local_name(step) != "step") continue;
    const auto description = xml::child(step, "description");
    if (!description.empty()) out += element("li", tidy(all_text(description)), "class=\"text\"") + "\n";
    steps(step, out);
  }
}

std::string question_markup(const pugi::xml_node& question) {
  std::string out;
  const auto text = xml::child(question, "question_text");
  if (!text.empty()) out += element("p", tidy(all_text(text)), "class=\"text\"") + "\n";
  const auto instructions = xml::child(question, "instructions");
  if (instructions.empty()) return out;
  std::string list;
  steps(instructions, list);
  if (!list.empty()) out += "<ol>\n" + list + "</ol>\n";
  return out;
}

}  // namespace

OcilQuestions ocil_questions(const check::Content& content) {
  OcilQuestions out;
  for (const auto& [href, root] : content.ocil) {
    std::map<std::string, pugi::xml_node> by_id;
    index_ids(root, by_id);
    for (const auto& [id, node] : by_id) {
      if (xml::local_name(node) != "questionnaire") continue;
      std::string markup;
      for (const auto& ref : xml::child(node, "actions").children()) {
        if (xml::local_name(ref) != "test_action_ref") continue;
        const auto action = by_id.find(ref.text().get());
        if (action == by_id.end()) continue;
        const auto question = by_id.find(action->second.attribute("question_ref").value());
        if (question != by_id.end()) markup += question_markup(question->second);
      }
      if (!markup.empty()) out[{href, id}] = std::move(markup);
    }
  }
  return out;
}

}  // namespace scapc::output::html
