// Reading definitions, system characteristics and variables for analysis.
#include <scapc/input.h>
#include <scapc/parallel.h>

#include <algorithm>
#include <sstream>
#include <unordered_set>

#include "analysis_model.h"
#include "collected_items.h"
#include "item_index.h"

namespace scapc::oval {
namespace {

bool load(pugi::xml_document& document, std::string_view xml, const std::string& name, std::string& error) {
  return input::parse_xml(xml, name, document, error);
}

// Where a node is, for messages: its line counted in the document's text, or in its file when the
// document was parsed in place (its text then no longer has every line break where it was).
struct Origin {
  const std::string& name;
  std::string_view text;
  bool parsed_in_place = false;

  [[nodiscard]] std::string at(const pugi::xml_node& node) const {
    if (parsed_in_place) return name + ":" + std::to_string(input::line_in_file(name, node.offset_debug()));
    return text.empty() ? name : name + ":" + std::to_string(xml::line_at(text, node.offset_debug()));
  }
};

using xml::child;

// An id seen for the first time in its group; otherwise the duplicate's message in `error`.
bool first_time(bool inserted, const pugi::xml_node& node, const char* group, const Origin& origin,
                std::string& error) {
  if (!inserted) error = origin.at(node) + ": duplicate id '" + node.attribute("id").value() + "' in " + group;
  return inserted;
}

// OVAL's key constraints, one per group: an id given twice would silently stand for whichever came
// last. The key of a collected object includes its variable_instance.
bool unique_ids(const pugi::xml_node& root, std::initializer_list<const char*> groups, const Origin& origin,
                std::string& error) {
  for (const char* group : groups) {
    // Views into the document: a string built per id cost more than the check itself. Only ids
    // with a variable_instance need a composed key.
    std::unordered_set<std::string_view> seen;
    std::unordered_set<std::string> seen_instances;
    for (const auto& node : child(root, group).children()) {
      if (node.type() != pugi::node_element) continue;
      const std::string_view id = node.attribute("id").value();
      const std::string_view instance = node.attribute("variable_instance").value();
      const bool inserted = instance.empty()
                                ? seen.insert(id).second
                                : seen_instances.insert(std::string(id).append(1, '\n').append(instance)).second;
      if (!first_time(inserted, node, group, origin, error)) return false;
    }
  }
  return true;
}

// An attribute's value as a view into the document, or the fallback literal.
std::string_view attribute_view(const pugi::xml_node& node, const char* name, const char* fallback) {
  const auto a = node.attribute(name);
  return a.empty() ? fallback : a.value();
}

std::string_view id_of(const pugi::xml_node& node) {
  return node.attribute("id").value();
}

std::size_t count_elements(const pugi::xml_node& parent) {
  std::size_t count = 0;
  for (auto node = parent.first_child(); !node.empty(); node = node.next_sibling()) {
    if (node.type() == pugi::node_element) ++count;
  }
  return count;
}

Entity read_entity(const pugi::xml_node& node) {
  Entity entity;
  entity.name = local_name(node) == "field" ? attribute_view(node, "name", "") : local_name(node);
  entity.datatype = attribute_view(node, "datatype", "string");
  entity.operation = attribute_view(node, "operation", "equals");
  entity.var_ref = attribute_view(node, "var_ref", "");
  entity.var_check = attribute_view(node, "var_check", "all");
  entity.entity_check = attribute_view(node, "entity_check", "all");
  entity.check_existence = attribute_view(node, "check_existence", "at_least_one_exists");
  entity.status = attribute_view(node, "status", "exists");
  entity.nil = attribute_view(node, "xsi:nil", "false") == "true";
  entity.record = entity.datatype == "record";
  if (entity.record) {
    for (auto field : node.children()) {
      if (field.type() == pugi::node_element && local_name(field) == "field")
        entity.fields.push_back(read_entity(field));
    }
  } else {
    entity.value = node.text().get();
  }
  return entity;
}

Criteria read_criteria(const pugi::xml_node& node) {
  Criteria criteria;
  const auto name = local_name(node);
  criteria.kind = name == "criteria"    ? Criteria::Kind::Criteria
                  : name == "criterion" ? Criteria::Kind::Criterion
                                        : Criteria::Kind::ExtendDefinition;
  criteria.op = attribute_view(node, "operator", "AND");
  criteria.negate = attribute_view(node, "negate", "false") == "true";
  criteria.has_applicability_check = !node.attribute("applicability_check").empty();
  criteria.applicability_check = attribute_view(node, "applicability_check", "false") == "true";
  criteria.ref =
      name == "criterion" ? attribute_view(node, "test_ref", "") : attribute_view(node, "definition_ref", "");
  for (auto c : node.children()) {
    const auto child_name = local_name(c);
    if (c.type() == pugi::node_element &&
        (child_name == "criteria" || child_name == "criterion" || child_name == "extend_definition")) {
      criteria.children.push_back(read_criteria(c));
    }
  }
  return criteria;
}

}  // namespace

const char* to_string(Result result) {
  switch (result) {
    case Result::True:
      return "true";
    case Result::False:
      return "false";
    case Result::Unknown:
      return "unknown";
    case Result::Error:
      return "error";
    case Result::NotEvaluated:
      return "not evaluated";
    case Result::NotApplicable:
      return "not applicable";
  }
  return "unknown";
}

namespace {
// The definitions of `document->source`, indexed.
std::shared_ptr<const DefinitionsDocument> index_definitions(std::shared_ptr<DefinitionsDocument> document,
                                                             const Origin& origin, std::string& error);

}  // namespace

// For definitions taken out of a larger document; read_definitions(text) finds them while indexing.
constexpr std::initializer_list<const char*> kDefinitionGroups = {"definitions", "tests", "objects", "states",
                                                                  "variables"};

std::shared_ptr<const DefinitionsDocument> read_definitions(std::string_view xml, const std::string& name,
                                                            std::string& error) {
  auto document = std::make_shared<DefinitionsDocument>();
  if (!load(document->source, xml, name, error)) return nullptr;
  return index_definitions(std::move(document), Origin{name, xml}, error);
}

std::shared_ptr<const DefinitionsDocument> read_definitions_file(const std::string& path, std::string& error) {
  auto document = std::make_shared<DefinitionsDocument>();
  if (!input::parse_xml_file(path, document->source, document->root_span, error, kFileParseOptions)) return nullptr;
  return index_definitions(std::move(document), Origin{path, {}, true}, error);
}

std::shared_ptr<const DefinitionsDocument> read_definitions(const pugi::xml_node& root, const std::string& name,
                                                            std::string& error, std::string_view source) {
  // Duplicates are looked for here, where the nodes still have their place in `source`; in the copy
  // indexed below they would have no line.
  if (!unique_ids(root, kDefinitionGroups, Origin{name, source}, error)) return nullptr;
  auto document = std::make_shared<DefinitionsDocument>();
  auto copy = document->source.append_copy(root);
  // Namespaces declared on the ancestors (a data stream's root) travel with the copy, so the
  // copy stays a document of its own when it is written into OVAL results.
  xml::inherit_namespaces(copy, root);
  return index_definitions(std::move(document), Origin{name, {}}, error);
}

namespace {

void resolve_criteria(Criteria& node, const DefinitionsDocument& document) {
  if (node.kind == Criteria::Kind::Criterion) {
    const auto test = document.tests.find(node.ref);
    node.test = test == document.tests.end() ? nullptr : &test->second;
  } else if (node.kind == Criteria::Kind::ExtendDefinition) {
    const auto index = document.definition_index.find(node.ref);
    node.definition =
        index == document.definition_index.end() ? kUnresolved : static_cast<std::uint32_t>(index->second);
  }
  for (auto& child : node.children) resolve_criteria(child, document);
}

// Criteria to their tests and definitions, tests to their states: each id is looked up once
// here rather than once per evaluation and once more per write of the results.
void resolve_references(DefinitionsDocument& document) {
  for (auto& [id, test] : document.tests) {
    test.states.reserve(test.state_refs.size());
    for (const auto& ref : test.state_refs) {
      const auto state = document.states.find(ref);
      test.states.push_back(state == document.states.end() ? nullptr : &state->second);
    }
  }
  for (auto& definition : document.definitions) {
    if (definition.has_criteria) resolve_criteria(definition.criteria, document);
  }
}

std::shared_ptr<const DefinitionsDocument> index_definitions(std::shared_ptr<DefinitionsDocument> document,
                                                             const Origin& origin, std::string& error) {
  const auto root = document->source.document_element();
  if (local_name(root) != "oval_definitions") {
    error = origin.name + ": not an OVAL definitions document (root element '" + root.name() + "')";
    return nullptr;
  }
  const auto definitions = child(root, "definitions");
  const auto tests = child(root, "tests");
  const auto objects = child(root, "objects");
  const auto states = child(root, "states");
  document->definitions.reserve(count_elements(definitions));
  document->definition_index.reserve(document->definitions.capacity());
  document->tests.reserve(count_elements(tests));
  document->object_ids.reserve(count_elements(objects));
  document->states.reserve(count_elements(states));
  for (auto node : definitions.children()) {
    if (node.type() != pugi::node_element) continue;
    DefinitionEntry definition;
    definition.id = attribute_view(node, "id", "");
    definition.version = attribute_view(node, "version", "1");
    definition.cls = attribute_view(node, "class", "");
    if (const auto criteria = child(node, "criteria")) {
      definition.has_criteria = true;
      definition.criteria = read_criteria(criteria);
    }
    if (!first_time(document->definition_index.emplace(id_of(node), document->definitions.size()).second, node,
                    "definitions", origin, error))
      return nullptr;
    document->definitions.push_back(std::move(definition));
  }
  for (auto node : tests.children()) {
    if (node.type() != pugi::node_element) continue;
    Test test;
    test.id = attribute_view(node, "id", "");
    test.type = local_name(node);
    test.version = attribute_view(node, "version", "1");
    test.check = attribute_view(node, "check", "all");
    test.check_existence = attribute_view(node, "check_existence", "at_least_one_exists");
    test.state_operator = attribute_view(node, "state_operator", "AND");
    test.index = static_cast<std::uint32_t>(document->tests.size());
    for (auto c : node.children()) {
      if (local_name(c) == "object") test.object_ref = attribute_view(c, "object_ref", "");
      if (local_name(c) == "state") test.state_refs.emplace_back(attribute_view(c, "state_ref", ""));
    }
    if (!first_time(document->tests.emplace(id_of(node), std::move(test)).second, node, "tests", origin, error))
      return nullptr;
  }
  for (auto node : objects.children()) {
    if (node.type() == pugi::node_element &&
        !first_time(document->object_ids.insert(id_of(node)).second, node, "objects", origin, error))
      return nullptr;
    if (local_name(node) != "cmdlet_object") continue;
    std::string cmdlet;
    for (auto child : node.children()) {
      if (local_name(child) == "verb") cmdlet.insert(0, child.text().get());
      if (local_name(child) == "noun") cmdlet.append("-").append(child.text().get());
    }
    document->cmdlets.emplace(id_of(node), std::move(cmdlet));
  }
  for (auto node : states.children()) {
    if (node.type() != pugi::node_element) continue;
    State state;
    state.id = attribute_view(node, "id", "");
    state.type = local_name(node);
    state.op = attribute_view(node, "operator", "AND");
    for (auto c : node.children()) {
      const auto entity_name = local_name(c);
      if (c.type() != pugi::node_element || entity_name == "Signature" || entity_name == "notes") continue;
      state.entities.push_back(read_entity(c));
    }
    if (!first_time(document->states.emplace(id_of(node), std::move(state)).second, node, "states", origin, error))
      return nullptr;
  }
  for (auto node : child(root, "variables").children()) {
    if (node.type() != pugi::node_element) continue;
    Variable variable;
    variable.id = attribute_view(node, "id", "");
    variable.kind = local_name(node);
    variable.datatype = attribute_view(node, "datatype", "string");
    variable.node = node;
    if (variable.kind == "constant_variable") {
      for (auto value : node.children()) {
        if (local_name(value) == "value") variable.values.emplace_back(value.text().get());
      }
    }
    if (!first_time(document->variables.emplace(id_of(node), std::move(variable)).second, node, "variables", origin,
                    error))
      return nullptr;
  }
  resolve_references(*document);
  return document;
}

}  // namespace

namespace {
std::shared_ptr<const SystemCharacteristics> index_system(std::shared_ptr<SystemCharacteristics> system,
                                                          const Origin& origin, std::string& error);
}  // namespace

std::shared_ptr<const SystemCharacteristics> read_system_characteristics(std::string_view xml, const std::string& name,
                                                                         std::string& error) {
  auto system = std::make_shared<SystemCharacteristics>();
  if (!load(system->source, xml, name, error)) return nullptr;
  return index_system(std::move(system), Origin{name, xml}, error);
}

std::shared_ptr<const SystemCharacteristics> read_system_characteristics_file(const std::string& path,
                                                                              std::string& error) {
  auto system = std::make_shared<SystemCharacteristics>();
  if (!input::parse_xml_file(path, system->source, system->root_span, error, kFileParseOptions)) return nullptr;
  return index_system(std::move(system), Origin{path, {}, true}, error);
}

pugi::xml_node definitions_root(const DefinitionsDocument& definitions) {
  return definitions.source.document_element();
}

pugi::xml_node system_info(const SystemCharacteristics& system) {
  return child(system.source.document_element(), "system_info");
}

namespace {
constexpr std::size_t kItemsForSecondThread = 10'000;

// The collected objects with their item references as written, not yet resolved to items.
bool read_collected_objects(const pugi::xml_node& root, const Origin& origin,
                            std::unordered_map<std::string_view, CollectedObject>& out, std::string& error) {
  if (!unique_ids(root, {"collected_objects"}, origin, error)) return false;
  const auto objects = child(root, "collected_objects");
  out.reserve(count_elements(objects));
  for (auto node : objects.children()) {
    if (node.type() != pugi::node_element || local_name(node) != "object") continue;
    CollectedObject object;
    object.id = node.attribute("id").value();
    object.flag = attribute_view(node, "flag", "complete");
    for (auto c : node.children()) {
      if (local_name(c) == "reference") object.item_refs.emplace_back(c.attribute("item_ref").value());
    }
    out[object.id] = std::move(object);
  }
  return true;
}

std::shared_ptr<const SystemCharacteristics> index_system(std::shared_ptr<SystemCharacteristics> system,
                                                          const Origin& origin, std::string& error) {
  const auto root = system->source.document_element();
  if (local_name(root) != "oval_system_characteristics") {
    error = origin.name + ": not an OVAL system characteristics document (root element '" + root.name() + "')";
    return nullptr;
  }
  // Large documents have their collected objects read on a second core while the items are
  // indexed: neither needs the other until the objects' references are resolved (at 100,000
  // items, indexing was a fifth of what an analysis adds to parsing). Small ones, such as every
  // host's collection in scapc check, which runs hosts in parallel already, stay on this thread:
  // a thread per host there raised peak memory by a ninth. Duplicate ids of objects come first.
  const auto items = child(root, "system_data");
  const auto item_count = count_elements(items);
  std::string objects_error;
  bool objects_ok = false;
  parallel::Background objects_read(
      [&] { objects_ok = read_collected_objects(root, origin, system->objects, objects_error); },
      item_count >= kItemsForSecondThread);
  // Items are many: their duplicate ids are found while indexing them, not in a pass of their own.
  system->items.reserve(item_count);
  detail::ItemIndex index(item_count);
  std::string items_error;
  for (auto node : items.children()) {
    if (node.type() != pugi::node_element) continue;
    Item& item = system->items.emplace_back();
    item.id = node.attribute("id").value();
    item.type = local_name(node);
    item.status = attribute_view(node, "status", "exists");
    item.node = node;
    if (!first_time(index.add(item.id, static_cast<std::uint32_t>(system->items.size() - 1)), node, "system_data",
                    origin, items_error))
      break;
  }
  objects_read.wait();
  if (!objects_ok) {
    error = objects_error;
    return nullptr;
  }
  if (!items_error.empty()) {
    error = items_error;
    return nullptr;
  }
  for (auto& [id, object] : system->objects) {
    object.items.reserve(object.item_refs.size());
    for (const auto& ref : object.item_refs) {
      const auto position = index.find(ref);
      object.items.push_back(position ? &system->items[*position] : nullptr);
    }
  }
  return system;
}
}  // namespace

namespace {
// An item entity: only what items carry (datatype, status, xsi:nil), read in one pass over its
// attributes. Every item a test looks at is decoded here, so read_entity's eight lookups by name
// per entity showed up as the largest part of the analysis (callgrind, 10,000 items).
void read_item_entity(const pugi::xml_node& node, Entity& entity) {
  entity.name = local_name(node) == "field" ? std::string_view(node.attribute("name").value()) : local_name(node);
  for (auto a = node.first_attribute(); !a.empty(); a = a.next_attribute()) {
    const std::string_view name = a.name();
    if (name == "datatype") {
      entity.datatype = a.value();
    } else if (name == "status") {
      entity.status = a.value();
    } else if (name == "xsi:nil") {
      entity.nil = std::string_view(a.value()) == "true";
    }
  }
  entity.record = entity.datatype == "record";
  if (entity.record) {
    for (auto field : node.children()) {
      if (field.type() != pugi::node_element || local_name(field) != "field") continue;
      read_item_entity(field, entity.fields.emplace_back());
    }
  } else {
    entity.value = node.text().get();
  }
}
}  // namespace

namespace detail {
const std::vector<Entity>& item_entities(const Item& item, std::vector<Entity>& scratch,
                                         const std::vector<std::string_view>* only) {
  if (item.collected != nullptr) {
    collected_entities(*item.collected, item.collected_index, scratch, only);
    return scratch;
  }
  scratch.clear();
  for (auto c : item.node.children()) {
    if (c.type() != pugi::node_element) continue;
    const auto name = local_name(c);
    if (name == "message") continue;
    if (only != nullptr && std::find(only->begin(), only->end(), name) == only->end()) continue;
    read_item_entity(c, scratch.emplace_back());
  }
  return scratch;
}
}  // namespace detail

void print_system(const SystemCharacteristics& system, pugi::xml_writer& writer, unsigned depth,
                  std::string_view indent) {
  if (system.collected) {
    detail::print_collected(system, writer, depth, indent);
  } else {
    const std::string unit(indent);  // pugixml wants it terminated
    system.source.document_element().print(writer, unit.c_str(), pugi::format_default, pugi::encoding_utf8, depth);
  }
}

std::string to_xml(const SystemCharacteristics& system) {
  std::string text = "<?xml version=\"1.0\"?>\n";
  xml::StringWriter writer(text);
  print_system(system, writer, 0);
  return text;
}

bool read_variables(std::string_view xml, const std::string& name, std::map<std::string, std::vector<std::string>>& out,
                    std::string& error) {
  pugi::xml_document document;
  if (!load(document, xml, name, error)) return false;
  const auto root = document.document_element();
  if (local_name(root) != "oval_variables") {
    error = name + ": not an OVAL variables document (root element '" + root.name() + "')";
    return false;
  }
  for (auto variable : child(root, "variables").children()) {
    if (variable.type() != pugi::node_element) continue;
    auto& values = out[std::string(attribute_view(variable, "id", ""))];
    for (auto value : variable.children()) {
      if (local_name(value) == "value") values.emplace_back(value.text().get());
    }
  }
  return true;
}

}  // namespace scapc::oval
