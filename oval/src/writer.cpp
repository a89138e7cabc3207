#include <scapc/oval.h>
#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

namespace scapc::oval {
namespace {

void nil(pugi::xml_node node) {
  node.append_attribute("xsi:nil") = "true";
}

// The attributes an entity or a record field carries beyond its schema defaults.
void write_comparison(pugi::xml_node node, const Field& field) {
  if (field.datatype != "string") node.append_attribute("datatype") = field.datatype.c_str();
  if (field.operation != "equals") node.append_attribute("operation") = field.operation.c_str();
  if (!field.var_ref.empty()) {
    node.append_attribute("var_ref") = field.var_ref.c_str();
    node.append_attribute("var_check") = field.var_check.empty() ? "all" : field.var_check.c_str();
  }
  if (!field.entity_check.empty()) node.append_attribute("entity_check") = field.entity_check.c_str();
}

// Record entities: datatype="record", fields in the definitions namespace (default here).
void write_record(pugi::xml_node parent, const char* name, const std::vector<Field>& fields, bool nillable) {
  auto node = parent.append_child(name);
  node.append_attribute("datatype") = "record";
  if (fields.empty() && nillable) {
    nil(node);
    return;
  }
  for (const auto& field : fields) {
    auto child = xml::append_text(node, "field", field.value);
    child.append_attribute("name") = field.name.c_str();
    write_comparison(child, field);
  }
}

// Entities of a registry, service, … object or state: one element each, named after the field.
void write_entities(pugi::xml_node parent, const std::vector<Field>& fields) {
  for (const auto& field : fields) {
    const auto name = "win-def:" + field.name;
    if (field.nil) {
      nil(parent.append_child(name.c_str()));
      continue;
    }
    write_comparison(xml::append_text(parent, name.c_str(), field.value), field);
  }
}

std::string element_name(const std::string& item, const char* kind) {
  return "win-def:" + item + "_" + kind;
}

void write_criteria(pugi::xml_node parent, const CriteriaNode& node) {
  switch (node.kind) {
    case CriteriaNode::Kind::Criteria: {
      auto element = parent.append_child("criteria");
      element.append_attribute("operator") = node.op.c_str();
      if (node.negate) element.append_attribute("negate") = "true";
      if (!node.comment.empty()) element.append_attribute("comment") = node.comment.c_str();
      for (const auto& child : node.children) write_criteria(element, child);
      break;
    }
    case CriteriaNode::Kind::Criterion: {
      auto element = parent.append_child("criterion");
      element.append_attribute("test_ref") = node.ref.c_str();
      if (node.negate) element.append_attribute("negate") = "true";
      if (!node.comment.empty()) element.append_attribute("comment") = node.comment.c_str();
      break;
    }
    case CriteriaNode::Kind::ExtendDefinition: {
      auto element = parent.append_child("extend_definition");
      element.append_attribute("definition_ref") = node.ref.c_str();
      if (node.negate) element.append_attribute("negate") = "true";
      if (!node.comment.empty()) element.append_attribute("comment") = node.comment.c_str();
      break;
    }
  }
}

void write_definition(pugi::xml_node parent, const Definition& definition) {
  auto node = parent.append_child("definition");
  node.append_attribute("id") = definition.id.c_str();
  node.append_attribute("version") = "1";
  node.append_attribute("class") = definition.cls.c_str();
  auto metadata = node.append_child("metadata");
  xml::append_text(metadata, "title", definition.title);
  auto affected = metadata.append_child("affected");
  affected.append_attribute("family") = "windows";
  for (const auto& product : definition.products) xml::append_text(affected, "product", product);
  for (const auto& reference : definition.references) {
    auto child = metadata.append_child("reference");
    child.append_attribute("source") = reference.source.c_str();
    child.append_attribute("ref_id") = reference.ref_id.c_str();
    if (!reference.ref_url.empty()) child.append_attribute("ref_url") = reference.ref_url.c_str();
  }
  xml::append_text(metadata, "description", definition.description);
  write_criteria(node, definition.criteria);
}

void write_object(pugi::xml_node parent, const WindowsObject& object) {
  auto node = parent.append_child(element_name(object.item, "object").c_str());
  node.append_attribute("id") = object.id.c_str();
  node.append_attribute("version") = "1";
  if (!object.comment.empty()) node.append_attribute("comment") = object.comment.c_str();
  if (!object.set.empty()) {
    const auto& set = object.set.front();
    auto element = node.append_child("set");
    element.append_attribute("set_operator") = set.set_operator.c_str();
    for (const auto& ref : set.object_refs) xml::append_text(element, "object_reference", ref);
    return;
  }
  if (object.item != "cmdlet") {
    write_entities(node, object.entities);
    for (const auto& filter : object.filters) {
      auto element = xml::append_text(node, "filter", filter.state_ref);
      element.append_attribute("action") = filter.include ? "include" : "exclude";
    }
    return;
  }
  nil(node.append_child("win-def:module_name"));
  nil(node.append_child("win-def:module_id"));
  auto version = node.append_child("win-def:module_version");
  version.append_attribute("datatype") = "version";
  nil(version);
  xml::append_text(node, "win-def:verb", object.verb);
  xml::append_text(node, "win-def:noun", object.noun);
  write_record(node, "win-def:parameters", object.parameters, true);
  write_record(node, "win-def:select", object.select, true);
  for (const auto& filter : object.filters) {
    auto element = xml::append_text(node, "filter", filter.state_ref);
    element.append_attribute("action") = filter.include ? "include" : "exclude";
  }
}

void write_test(pugi::xml_node parent, const WindowsTest& test) {
  auto node = parent.append_child(element_name(test.item, "test").c_str());
  node.append_attribute("id") = test.id.c_str();
  node.append_attribute("version") = "1";
  node.append_attribute("check") = test.check.c_str();
  node.append_attribute("check_existence") = test.check_existence.c_str();
  if (test.state_operator != "AND") node.append_attribute("state_operator") = test.state_operator.c_str();
  node.append_attribute("comment") = test.comment.c_str();
  node.append_child("win-def:object").append_attribute("object_ref") = test.object_ref.c_str();
  for (const auto& state : test.state_refs)
    node.append_child("win-def:state").append_attribute("state_ref") = state.c_str();
}

void write_undeclared_test(pugi::xml_node parent, const UndeclaredTest& test) {
  auto node = parent.append_child("ind-def:variable_test");
  node.append_attribute("id") = test.test_id.c_str();
  node.append_attribute("version") = "1";
  node.append_attribute("check") = "all";
  node.append_attribute("check_existence") = "none_exist";
  node.append_attribute("comment") = test.comment.c_str();
  node.append_child("ind-def:object").append_attribute("object_ref") = test.object_id.c_str();
}

void write_undeclared_object(pugi::xml_node parent, const UndeclaredTest& test) {
  auto node = parent.append_child("ind-def:variable_object");
  node.append_attribute("id") = test.object_id.c_str();
  node.append_attribute("version") = "1";
  node.append_attribute("comment") = ("the value of " + test.variable + " when it is " + test.declared).c_str();
  xml::append_text(node, "ind-def:var_ref", test.variable);
  xml::append_text(node, "filter", test.state_id).append_attribute("action") = "include";
}

void write_undeclared_state(pugi::xml_node parent, const UndeclaredTest& test) {
  auto node = parent.append_child("ind-def:variable_state");
  node.append_attribute("id") = test.state_id.c_str();
  node.append_attribute("version") = "1";
  auto value = xml::append_text(node, "ind-def:value", test.declared);
  value.append_attribute("datatype") = test.datatype.c_str();
}

}  // namespace

pugi::xml_document to_document(const Definitions& definitions) {
  pugi::xml_document document;
  auto root = document.append_child("oval_definitions");
  root.append_attribute("xmlns") = ns::kOvalDefinitions;
  root.append_attribute("xmlns:oval") = ns::kOvalCommon;
  root.append_attribute("xmlns:win-def") = ns::kOvalWindowsDefinitions;
  if (!definitions.undeclared.empty()) root.append_attribute("xmlns:ind-def") = ns::kOvalIndependentDefinitions;
  root.append_attribute("xmlns:xsi") = ns::kXmlSchemaInstance;

  auto generator = root.append_child("generator");
  if (!definitions.product_name.empty()) xml::append_text(generator, "oval:product_name", definitions.product_name);
  if (!definitions.product_version.empty())
    xml::append_text(generator, "oval:product_version", definitions.product_version);
  xml::append_text(generator, "oval:schema_version", kSchemaVersion);
  xml::append_text(generator, "oval:timestamp", definitions.timestamp);

  if (!definitions.definitions.empty()) {
    auto node = root.append_child("definitions");
    for (const auto& definition : definitions.definitions) write_definition(node, definition);
  }
  if (!definitions.tests.empty() || !definitions.undeclared.empty()) {
    auto node = root.append_child("tests");
    for (const auto& test : definitions.tests) write_test(node, test);
    for (const auto& test : definitions.undeclared) write_undeclared_test(node, test);
  }
  if (!definitions.objects.empty() || !definitions.undeclared.empty()) {
    auto node = root.append_child("objects");
    for (const auto& object : definitions.objects) write_object(node, object);
    for (const auto& test : definitions.undeclared) write_undeclared_object(node, test);
  }
  if (!definitions.states.empty() || !definitions.undeclared.empty()) {
    auto node = root.append_child("states");
    for (const auto& state : definitions.states) {
      auto element = node.append_child(element_name(state.item, "state").c_str());
      element.append_attribute("id") = state.id.c_str();
      element.append_attribute("version") = "1";
      if (!state.comment.empty()) element.append_attribute("comment") = state.comment.c_str();
      if (state.item == "cmdlet") {
        write_record(element, "win-def:value", state.value, false);
      } else {
        write_entities(element, state.value);
      }
    }
    for (const auto& test : definitions.undeclared) write_undeclared_state(node, test);
  }
  if (!definitions.variables.empty() || !definitions.local_variables.empty()) {
    auto node = root.append_child("variables");
    const auto variable_element = [&](const char* kind, const auto& variable) {
      auto element = node.append_child(kind);
      element.append_attribute("id") = variable.id.c_str();
      element.append_attribute("version") = "1";
      element.append_attribute("datatype") = variable.datatype.c_str();
      element.append_attribute("comment") = variable.comment.c_str();
      return element;
    };
    for (const auto& variable : definitions.variables) variable_element("external_variable", variable);
    for (const auto& variable : definitions.local_variables) {
      auto component = variable_element("local_variable", variable).append_child("object_component");
      component.append_attribute("object_ref") = variable.object_ref.c_str();
      component.append_attribute("item_field") = "value";
      component.append_attribute("record_field") = variable.record_field.c_str();
    }
  }
  return document;
}

}  // namespace scapc::oval
