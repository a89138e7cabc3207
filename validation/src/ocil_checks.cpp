// OCIL 2.0 references. The XSD's keyrefs already check, whenever the document is validated, that a
// test_action_ref names a test action or questionnaire and that a question_ref names a question of
// the test action's type; those checks run here only where the XSD did not (ARF content, missing
// XSD). Always checked: a when_choice names a choice of its own question (schematron in the XSD's
// appinfo, which libxml2 ignores) and test_action_refs never loop, which would make evaluation endless.
#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "checks.h"
#include "xml_tree.h"

namespace scapc::validation::detail {
namespace {

constexpr auto kQuestionTypes = std::to_array<std::string_view>({"boolean", "choice", "numeric", "string"});

struct OcilIndex {
  IdIndex actions;  // questionnaires and test actions: both can be a test_action_ref's target
  IdIndex questions;
  IdIndex choice_groups;
};

OcilIndex index_ocil(const DescendantIndex& below) {
  OcilIndex index;
  index_by_id(below.of(ns::kOcil, "questionnaire"), index.actions);
  for (std::string_view type : kQuestionTypes) {
    index_by_id(below.of(ns::kOcil, std::string(type) + "_question_test_action"), index.actions);
    index_by_id(below.of(ns::kOcil, std::string(type) + "_question"), index.questions);
  }
  index_by_id(below.of(ns::kOcil, "choice_group"), index.choice_groups);
  return index;
}

// The questionnaire or test action a test_action_ref belongs to.
const xmlNode* owning_action(const xmlNode* reference, const OcilIndex& index) {
  for (const xmlNode* up = reference->parent; up != nullptr && up->type == XML_ELEMENT_NODE; up = up->parent) {
    const auto found = index.actions.find(attribute(up, "id"));
    if (found != index.actions.end() && found->second == up) return up;
  }
  return nullptr;
}

std::string describe(const xmlNode* node) {
  return std::string(local_name(node)) + " '" + attribute(node, "id") + "'";
}

void check_question_ref(const xmlNode* action, std::string_view type, const OcilIndex& index,
                        const Findings& findings) {
  const std::string wanted = std::string(type) + "_question";
  const std::string question_ref = attribute(action, "question_ref");
  const auto found = index.questions.find(question_ref);
  if (found != index.questions.end() && local_name(found->second) == wanted) return;
  if (findings.xsd_checked_references) return;
  findings.error(action, describe(action) + " question_ref '" + question_ref + "' names " +
                             (found == index.questions.end() ? "no question" : "a " + describe(found->second)) +
                             "; expected " + wanted);
}

// The ids of the choices a choice_question offers: its own and those of its choice groups.
std::unordered_set<std::string> choices_of(const xmlNode* question, const OcilIndex& index) {
  std::unordered_set<std::string> ids;
  for (const xmlNode* choice : children(question, ns::kOcil, "choice")) ids.insert(attribute(choice, "id"));
  for (const xmlNode* group_ref : children(question, ns::kOcil, "choice_group_ref")) {
    const auto group = index.choice_groups.find(text(group_ref));
    if (group == index.choice_groups.end()) continue;  // the XSD's choiceGroupIdKeyRef reports it
    for (const xmlNode* choice : children(group->second, ns::kOcil, "choice")) ids.insert(attribute(choice, "id"));
  }
  return ids;
}

void check_choices(const xmlNode* action, const OcilIndex& index, const Findings& findings) {
  const auto question = index.questions.find(attribute(action, "question_ref"));
  if (question == index.questions.end() || local_name(question->second) != "choice_question") return;
  const auto offered = choices_of(question->second, index);
  for (const xmlNode* when : children(action, ns::kOcil, "when_choice")) {
    for (const xmlNode* choice_ref : children(when, ns::kOcil, "choice_ref")) {
      const std::string id = text(choice_ref);
      if (offered.contains(id)) continue;
      findings.error(choice_ref, "when_choice choice_ref '" + id + "' of " + describe(action) + " is not a choice of " +
                                     describe(question->second));
    }
  }
}

// Depth-first search over test_action_ref edges; a reference back into the current path is a loop.
class CycleFinder {
 public:
  CycleFinder(const OcilIndex& index, const Findings& findings) : index_(index), findings_(findings) {}

  void add_edge(const xmlNode* from, const xmlNode* reference) { edges_[from].push_back(reference); }

  void run(const std::vector<const xmlNode*>& roots) {
    for (const xmlNode* root : roots) visit(root);
  }

 private:
  enum class State { OnPath, Done };

  void visit(const xmlNode* action) {
    if (state_.contains(action)) return;
    state_[action] = State::OnPath;
    path_.push_back(action);
    for (const xmlNode* reference : edges_[action]) {
      const auto target = index_.actions.find(text(reference));
      if (target == index_.actions.end()) continue;
      const auto seen = state_.find(target->second);
      if (seen != state_.end() && seen->second == State::OnPath) {
        report(reference, target->second);
      } else {
        visit(target->second);
      }
    }
    path_.pop_back();
    state_[action] = State::Done;
  }

  void report(const xmlNode* reference, const xmlNode* target) const {
    std::string loop;
    const auto start = std::find(path_.begin(), path_.end(), target);
    for (auto it = start; it != path_.end(); ++it) loop += attribute(*it, "id") + " -> ";
    findings_.error(reference, "test_action_ref '" + text(reference) + "' closes a loop: " + loop +
                                   attribute(target, "id") + "; evaluation would never end");
  }

  const OcilIndex& index_;
  const Findings& findings_;
  std::unordered_map<const xmlNode*, std::vector<const xmlNode*>> edges_;
  std::unordered_map<const xmlNode*, State> state_;
  std::vector<const xmlNode*> path_;
};

}  // namespace

void check_ocil(const xmlNode* ocil, const Findings& findings) {
  const DescendantIndex below(ocil);
  const OcilIndex index = index_ocil(below);
  CycleFinder cycles(index, findings);
  for (const xmlNode* reference : below.of(ns::kOcil, "test_action_ref")) {
    const xmlNode* owner = owning_action(reference, index);
    if (owner != nullptr) cycles.add_edge(owner, reference);
    if (index.actions.contains(text(reference)) || findings.xsd_checked_references) continue;
    findings.error(reference, (owner == nullptr ? std::string() : describe(owner) + " ") + "test_action_ref '" +
                                  text(reference) + "' names no test action or questionnaire");
  }
  for (std::string_view type : kQuestionTypes) {
    for (const xmlNode* action : below.of(ns::kOcil, std::string(type) + "_question_test_action")) {
      check_question_ref(action, type, index, findings);
      if (type == "choice") check_choices(action, index, findings);
    }
  }
  cycles.run(below.of(ns::kOcil, "questionnaire"));
}

}  // namespace scapc::validation::detail
