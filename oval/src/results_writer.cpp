// The OVAL results document: what oscap oval analyse writes, with full directives.
#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

#include <functional>
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

constexpr const char* kDefinitionsPlace = "scapc-definitions";
constexpr const char* kSystemPlace = "scapc-system";

// The document with the definitions and system characteristics at `definitions_at` and
// `system_at`: copies (a whole document) or placeholders (a report that shares them).
pugi::xml_document results_with(const DefinitionsDocument& definitions, const Analysis& analysis,
                                const std::string& timestamp, const std::function<void(pugi::xml_node)>& definitions_at,
                                const std::function<void(pugi::xml_node)>& system_at) {
  pugi::xml_document document;
  auto root = document.append_child("oval_results");
  root.append_attribute("xmlns") = ns::kOvalResults;
  root.append_attribute("xmlns:oval") = ns::kOvalCommon;
  auto generator = root.append_child("generator");
  generator.append_child("oval:product_name").text().set("scapc");
  generator.append_child("oval:schema_version").text().set("5.11.2");
  generator.append_child("oval:timestamp").text().set(timestamp.c_str());
  auto directives = root.append_child("directives");
  for (const char* kind : {"definition_true", "definition_false", "definition_unknown", "definition_error",
                           "definition_not_evaluated", "definition_not_applicable"}) {
    auto directive = directives.append_child(kind);
    directive.append_attribute("reported") = "true";
    directive.append_attribute("content") = "full";
  }
  definitions_at(root);
  auto system_node = root.append_child("results").append_child("system");
  const Writer writer(definitions, analysis);
  writer.definitions(system_node);
  writer.tests(system_node);
  system_at(system_node);
  return document;
}

}  // namespace

pugi::xml_document results_document(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                                    const Analysis& analysis, const std::string& timestamp) {
  return results_with(
      definitions, analysis, timestamp,
      [&](pugi::xml_node root) { root.append_copy(definitions.source.document_element()); },
      [&](pugi::xml_node node) { node.append_copy(system.source.document_element()); });
}

std::shared_ptr<const ResultsReport> results_report(std::shared_ptr<const DefinitionsDocument> definitions,
                                                    std::shared_ptr<const SystemCharacteristics> system,
                                                    const Analysis& analysis, const std::string& timestamp) {
  auto report = std::make_shared<ResultsReport>();
  report->skeleton = results_with(
      *definitions, analysis, timestamp, [](pugi::xml_node root) { root.append_child(kDefinitionsPlace); },
      [](pugi::xml_node node) { node.append_child(kSystemPlace); });
  report->definitions = std::move(definitions);
  report->system = std::move(system);
  return report;
}

void print_results_report(const ResultsReport& report, pugi::xml_writer& writer, unsigned depth) {
  std::string text;
  xml::StringWriter skeleton(text);
  report.skeleton.document_element().print(skeleton, "  ", pugi::format_default, pugi::encoding_utf8, depth);
  // Each placeholder is a line of its own: the text before that line, then the document printed
  // where the placeholder was, at its depth.
  std::size_t done = 0;
  const auto splice = [&](const char* place, const pugi::xml_node& node, unsigned at) {
    const auto marker = std::string("<") + place + " />\n";
    const auto found = text.find(marker, done);
    const auto line = text.rfind('\n', found) + 1;
    writer.write(text.data() + done, line - done);
    node.print(writer, "  ", pugi::format_default, pugi::encoding_utf8, at);
    done = found + marker.size();
  };
  splice(kDefinitionsPlace, report.definitions->source.document_element(), depth + 1);
  splice(kSystemPlace, report.system->source.document_element(), depth + 3);
  writer.write(text.data() + done, text.size() - done);
}

pugi::xml_document results_report_document(const ResultsReport& report) {
  pugi::xml_document document;
  document.append_copy(report.skeleton.document_element());
  const auto replace = [](pugi::xml_node place, const pugi::xml_node& with) {
    place.parent().insert_copy_before(with, place);
    place.parent().remove_child(place);
  };
  auto root = document.document_element();
  replace(root.child(kDefinitionsPlace), report.definitions->source.document_element());
  replace(root.child("results").child("system").child(kSystemPlace), report.system->source.document_element());
  return document;
}

std::string results_report_text(const ResultsReport& report) {
  std::string text = "<?xml version=\"1.0\"?>\n";
  xml::StringWriter writer(text);
  print_results_report(report, writer, 0);
  return text;
}

}  // namespace scapc::oval
