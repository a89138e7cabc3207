// The OVAL results document: what oscap oval analyse writes, with full directives.
#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

#include <memory>
#include <string>

#include "analysis_model.h"

namespace scapc::oval {
namespace {

// The model's texts are views, not NUL-terminated strings.
void set(pugi::xml_attribute attribute, std::string_view value) {
  attribute.set_value(value.data(), value.size());
}

class Writer {
 public:
  Writer(const DefinitionsDocument& definitions, const Analysis& analysis)
      : definitions_(definitions), analysis_(analysis) {}

  [[nodiscard]] Result result_of_definition(std::string_view id) const { return result_in(analysis_.definitions, id); }
  [[nodiscard]] Result result_of_test(std::string_view id) const { return result_in(analysis_.tests, id); }

  // Writes the criteria tree; criteria results are filled in afterwards, bottom-up.
  void criteria(pugi::xml_node parent, const Criteria& node) const {
    switch (node.kind) {
      case Criteria::Kind::Criterion: {
        auto element = parent.append_child("criterion");
        if (node.has_applicability_check) element.append_attribute("applicability_check") = node.applicability_check;
        element.append_attribute("test_ref").set_value(node.ref.data(), node.ref.size());
        const auto test = definitions_.tests.find(node.ref);
        set(element.append_attribute("version"), test == definitions_.tests.end() ? "1" : test->second.version);
        if (node.negate) element.append_attribute("negate") = "true";
        const auto result = negated(result_of_test(node.ref), node.negate);
        element.append_attribute("result") = to_string(result);
        return;
      }
      case Criteria::Kind::ExtendDefinition: {
        auto element = parent.append_child("extend_definition");
        if (node.has_applicability_check) element.append_attribute("applicability_check") = node.applicability_check;
        element.append_attribute("definition_ref").set_value(node.ref.data(), node.ref.size());
        const auto index = definitions_.definition_index.find(node.ref);
        set(element.append_attribute("version"),
            index == definitions_.definition_index.end() ? "1" : definitions_.definitions[index->second].version);
        if (node.negate) element.append_attribute("negate") = "true";
        const auto result = negated(result_of_definition(node.ref), node.negate);
        element.append_attribute("result") = to_string(result);
        return;
      }
      case Criteria::Kind::Criteria:
        break;
    }
    auto element = parent.append_child("criteria");
    if (node.has_applicability_check) element.append_attribute("applicability_check") = node.applicability_check;
    set(element.append_attribute("operator"), node.op);
    if (node.negate) element.append_attribute("negate") = "true";
    for (const auto& child : node.children) criteria(element, child);
  }

  void definitions(pugi::xml_node parent) const {
    auto node = parent.append_child("definitions");
    for (const auto& definition : definitions_.definitions) {
      auto element = node.append_child("definition");
      set(element.append_attribute("definition_id"), definition.id);
      set(element.append_attribute("version"), definition.version);
      if (!definition.cls.empty()) set(element.append_attribute("class"), definition.cls);
      element.append_attribute("result") = to_string(result_of_definition(definition.id));
      if (definition.has_criteria) {
        criteria(element, definition.criteria);
        fill_criteria_results(element.child("criteria"), definition.criteria);
      }
    }
  }

  void tests(pugi::xml_node parent) const {
    auto node = parent.append_child("tests");
    for (const auto& [id, result] : analysis_.tests) {
      // A criterion naming a test that is not in the document has its error on the criterion.
      const auto found = definitions_.tests.find(id);
      if (found == definitions_.tests.end()) continue;
      const auto& test = found->second;
      auto element = node.append_child("test");
      element.append_attribute("test_id") = id.c_str();
      set(element.append_attribute("version"), test.version);
      set(element.append_attribute("check_existence"), test.check_existence);
      set(element.append_attribute("check"), test.check);
      set(element.append_attribute("state_operator"), test.state_operator);
      element.append_attribute("result") = to_string(result);
      if (const auto items = analysis_.tested_items.find(id); items != analysis_.tested_items.end()) {
        for (const auto& [item, item_result] : items->second) {
          auto tested = element.append_child("tested_item");
          tested.append_attribute("item_id") = item.c_str();
          tested.append_attribute("result") = to_string(item_result);
        }
      }
    }
  }

 private:
  // Criteria node results, recomputed bottom-up from the children written above.
  Result fill_criteria_results(pugi::xml_node element, const Criteria& node) const {  // NOLINT(modernize-use-nodiscard)
    if (node.kind != Criteria::Kind::Criteria) return Result::True;
    std::vector<Result> results;
    auto child = element.first_child();
    for (const auto& part : node.children) {
      if (part.kind == Criteria::Kind::Criteria) {
        results.push_back(fill_criteria_results(child, part));
      } else {
        results.push_back(part.kind == Criteria::Kind::Criterion
                              ? negated(result_of_test(part.ref), part.negate)
                              : negated(result_of_definition(part.ref), part.negate));
      }
      child = child.next_sibling();
    }
    const auto result = negated(combine_for_results(node.op, results), node.negate);
    element.append_attribute("result") = to_string(result);
    return result;
  }

  static Result combine_for_results(std::string_view op, const std::vector<Result>& results);

  const DefinitionsDocument& definitions_;
  const Analysis& analysis_;
};

}  // namespace

Result Writer::combine_for_results(std::string_view op, const std::vector<Result>& results) {
  return combine_results(op, results);
}

namespace {

// The system characteristics element copied under `parent`; collected ones are printed and read back.
void append_system(pugi::xml_node parent, const SystemCharacteristics& system) {
  if (!system.collected) {
    parent.append_copy(system.source.document_element());
    return;
  }
  std::string text;
  xml::StringWriter writer(text);
  print_system(system, writer, 0);
  pugi::xml_document document;
  document.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  parent.append_copy(document.document_element());
}

}  // namespace

pugi::xml_document results_document(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                                    const Analysis& analysis, const std::string& timestamp, SourceDefinitions source) {
  pugi::xml_document document;
  auto root = document.append_child("oval_results");
  root.append_attribute("xmlns") = ns::kOvalResults;
  root.append_attribute("xmlns:oval") = ns::kOvalCommon;
  auto generator = root.append_child("generator");
  generator.append_child("oval:product_name").text().set("scapc");
  generator.append_child("oval:schema_version").text().set("5.11.2");
  generator.append_child("oval:timestamp").text().set(timestamp.c_str());
  auto directives = root.append_child("directives");
  if (source == SourceDefinitions::Omitted) directives.append_attribute("include_source_definitions") = "false";
  for (const char* kind : {"definition_true", "definition_false", "definition_unknown", "definition_error",
                           "definition_not_evaluated", "definition_not_applicable"}) {
    auto directive = directives.append_child(kind);
    directive.append_attribute("reported") = "true";
    directive.append_attribute("content") = "full";
  }
  if (source == SourceDefinitions::Included) root.append_copy(definitions.source.document_element());
  auto system_node = root.append_child("results").append_child("system");
  const Writer writer(definitions, analysis);
  writer.definitions(system_node);
  writer.tests(system_node);
  append_system(system_node, system);
  return document;
}

}  // namespace scapc::oval
