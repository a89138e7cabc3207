// What a definition looked at, in words a reviewer can check against the server: each test it
// reaches, its result, and the items it examined with their values.
#include <scapc/input.h>

#include <algorithm>
#include <set>

#include "analysis_model.h"

namespace scapc::oval {
namespace {

// Values in evidence are for reading: a 20 MB value quoted in every rule that looks at it made
// each results file 150 MB. Cut on a character boundary.
constexpr std::size_t kValueShown = 256;

std::string entity_text(const Entity& entity) {
  std::string out(entity.name);
  if (entity.status != "exists") return out.append(" (").append(entity.status).append(")");
  if (entity.record) {
    std::string fields;
    for (const auto& field : entity.fields) fields += (fields.empty() ? "" : ", ") + entity_text(field);
    return out.append("={").append(fields).append("}");
  }
  if (entity.nil) return out.append("=(null)");
  return out.append("=").append(input::cut_text(entity.value, kValueShown));
}

// A trustee's rights over a path: the path and trustee, and the rights it holds by name, rather
// than nineteen booleans of which most are false.
std::string describe_rights(const std::vector<Entity>& entities) {
  std::string out;
  std::string held;
  for (const auto& entity : entities) {
    if (entity.status == "does not exist") continue;
    if (entity.datatype == "boolean") {
      if (entity.value == "true" || entity.value == "1") held.append(held.empty() ? "" : ", ").append(entity.name);
      continue;
    }
    if (!out.empty()) out += ", ";
    out += entity_text(entity);
  }
  return out + (out.empty() ? "" : ", ") + (held.empty() ? "holds no right" : "holds " + held);
}

// A cmdlet item's interesting part is the `value` record (the selected properties); for other
// items every entity is shown.
std::string describe(const Item& item) {
  std::string out;
  // A property the object does not have says nothing about the object; leave it out.
  const auto append = [&out](const Entity& entity, const std::string& prefix = {}) {
    if (entity.status == "does not exist") return;
    if (!out.empty()) out += ", ";
    out += prefix + entity_text(entity);
  };
  std::vector<Entity> scratch;
  const auto& entities = detail::item_entities(item, scratch);
  if (item.type == "fileeffectiverights_item") return describe_rights(entities);
  for (const auto& entity : entities) {
    if (entity.record && entity.name == "value") {
      out.clear();
      for (const auto& field : entity.fields) append(field);
      return out;
    }
  }
  for (const auto& entity : entities) {
    append(entity);
  }
  return out;
}

void collect_tests(const DefinitionsDocument& definitions, const Criteria& criteria, std::set<std::string>& seen_defs,
                   std::vector<std::string>& tests) {
  switch (criteria.kind) {
    case Criteria::Kind::Criterion:
      if (std::find(tests.begin(), tests.end(), criteria.ref) == tests.end()) tests.emplace_back(criteria.ref);
      return;
    case Criteria::Kind::ExtendDefinition: {
      const auto found = definitions.definition_index.find(criteria.ref);
      if (found == definitions.definition_index.end() || !seen_defs.emplace(criteria.ref).second) return;
      const auto& extended = definitions.definitions[found->second];
      if (extended.has_criteria) collect_tests(definitions, extended.criteria, seen_defs, tests);
      return;
    }
    case Criteria::Kind::Criteria:
      for (const auto& child : criteria.children) collect_tests(definitions, child, seen_defs, tests);
      return;
  }
}

// The item result that decided a test's result under its check: false items make "all" and "at
// least one" false, true items make "none satisfy" false (and "only one", when two or more are);
// an error or unknown test has items of that result; a true test its true items.
Result deciding_result(std::string_view check, Result test, const std::vector<std::pair<std::string, Result>>& tested) {
  if (test == Result::False) {
    const auto trues =
        std::count_if(tested.begin(), tested.end(), [](const auto& item) { return item.second == Result::True; });
    const bool by_trues = check == "none satisfy" || check == "none exist" || (check == "only one" && trues >= 2);
    return by_trues ? Result::True : Result::False;
  }
  if (test == Result::True || test == Result::Error || test == Result::Unknown) return test;
  return Result::NotEvaluated;
}

// Describes up to `most` of `tested` (in `object`'s order) whose result is (or, with `wanted` false,
// is not) `deciding`.
void describe_items(const CollectedObject& object, const std::vector<std::pair<std::string, Result>>& tested,
                    Result deciding, bool wanted, std::size_t most, TestEvidence& entry) {
  // The tested items are some of the object's, in its order: one walk finds them all.
  auto next = object.items.begin();
  for (const auto& [item_id, item_result] : tested) {
    if (entry.items.size() >= most) return;
    if ((item_result == deciding) != wanted) continue;
    const std::string_view id = item_id;  // clang 14 cannot capture a structured binding
    next = std::find_if(next, object.items.end(), [id](const Item* item) { return item != nullptr && item->id == id; });
    if (next == object.items.end()) return;
    entry.items.emplace_back(describe(**next), item_result);
  }
}

}  // namespace

std::vector<std::string> definition_ids(const DefinitionsDocument& definitions) {
  std::vector<std::string> ids;
  ids.reserve(definitions.definitions.size());
  for (const auto& definition : definitions.definitions) ids.emplace_back(definition.id);
  return ids;
}

bool has_external_variable(const DefinitionsDocument& definitions, std::string_view id) {
  const auto found = definitions.variables.find(id);
  return found != definitions.variables.end() && found->second.kind == "external_variable";
}

std::string definition_class(const DefinitionsDocument& definitions, const std::string& id) {
  const auto found = definitions.definition_index.find(id);
  return found == definitions.definition_index.end() ? std::string()
                                                     : std::string(definitions.definitions[found->second].cls);
}

std::vector<TestEvidence> evidence(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                                   const Analysis& analysis, const std::string& definition_id, std::size_t most_items) {
  std::vector<TestEvidence> out;
  const auto found = definitions.definition_index.find(definition_id);
  if (found == definitions.definition_index.end()) return out;
  const auto& definition = definitions.definitions[found->second];
  if (!definition.has_criteria) return out;
  std::vector<std::string> tests;
  std::set<std::string> seen_defs{definition_id};
  collect_tests(definitions, definition.criteria, seen_defs, tests);
  for (const auto& test_id : tests) {
    TestEvidence entry;
    entry.test_id = test_id;
    const auto result = analysis.tests.find(test_id);
    entry.result = result == analysis.tests.end() ? Result::NotEvaluated : result->second;
    const CollectedObject* object = nullptr;
    std::string_view check = "all";
    if (const auto test = definitions.tests.find(test_id); test != definitions.tests.end()) {
      check = test->second.check;
      if (const auto cmdlet = definitions.cmdlets.find(test->second.object_ref); cmdlet != definitions.cmdlets.end())
        entry.cmdlet = cmdlet->second;
      const auto found = system.objects.find(test->second.object_ref);
      if (found != system.objects.end()) object = &found->second;
      entry.object_flag = object == nullptr ? "not collected" : std::string(object->flag);
      entry.object_items = object == nullptr ? 0 : object->items.size();
    }
    const auto tested = analysis.tested_items.find(test_id);
    if (object != nullptr && tested != analysis.tested_items.end()) {
      const auto& items = tested->second;
      entry.items_tested = items.size();
      // On an object of thousands of items the first few may all pass while one fails: the items
      // that decided the result come first.
      entry.deciding = deciding_result(check, entry.result, items);
      entry.items_deciding = static_cast<std::size_t>(std::count_if(
          items.begin(), items.end(), [&entry](const auto& item) { return item.second == entry.deciding; }));
      describe_items(*object, items, entry.deciding, true, most_items, entry);
      describe_items(*object, items, entry.deciding, false, most_items, entry);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace scapc::oval
