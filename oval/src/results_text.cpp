// The OVAL results document written straight out as text: the same bytes as saving
// results_document() with pugixml ("  " indent, UTF-8), without building that DOM. Building it
// copied both input documents node by node, which cost more than analysing them (callgrind on SSG:
// a third of the run) and doubled the memory held at the end. Inputs read from files are copied
// from them as they are.
#include <algorithm>

#include "analysis_model.h"
#include "xml_escape.h"

namespace scapc::oval {

namespace {

// Output collected in a buffer and handed to the writer in large pieces.
class Out {
 public:
  // `base`: the depth of the oval_results element in what it is written into; `copy_files`: whether
  // documents read from files are copied from them (a report inside another document is printed,
  // as pugixml would print it there); `indent`: what each level of depth is indented by.
  explicit Out(pugi::xml_writer& writer, int base = 0, bool copy_files = true, std::string_view indent = "  ")
      : writer_(writer), base_(base), copy_files_(copy_files), indent_(indent) {
    buffer_.reserve(kChunk + 4096);
  }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;
  ~Out() { flush(); }

  void flush() {
    if (!buffer_.empty()) writer_.write(buffer_.data(), buffer_.size());
    buffer_.clear();
  }
  Out& raw(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kChunk) flush();
    return *this;
  }
  Out& indent(int depth) {
    for (int i = 0; i < base_ + depth; ++i) buffer_.append(indent_);
    return *this;
  }
  // An attribute escaped as pugixml escapes attribute values (xml_escape.h), so the text is what
  // the DOM writer produced.
  Out& attribute(std::string_view name, std::string_view value) {
    buffer_.append(" ").append(name).append("=\"");
    detail::append_escaped(buffer_, value, true);
    buffer_.push_back('"');
    return *this;
  }
  Out& text(std::string_view value) {
    detail::append_escaped(buffer_, value, false);
    return *this;
  }
  // A subtree of an input document, printed by pugixml at this depth.
  void node(const pugi::xml_node& node, int depth) {
    flush();
    node.print(writer_, indent_.c_str(), pugi::format_default, pugi::encoding_utf8,
               static_cast<unsigned int>(base_ + depth));
  }
  // System characteristics: printed, or copied from their file as document() does.
  bool system(const SystemCharacteristics& system, int depth, std::string& error) {
    if (!system.collected) return document(system.source, system.root_span, depth, error);
    flush();
    print_system(system, writer_, static_cast<unsigned>(base_ + depth), indent_);
    return true;
  }
  // An input document's root element: its bytes copied from its file when it was read from one,
  // since printing it again from the DOM cost more than the analysis (callgrind, 10,000 items).
  bool document(const pugi::xml_document& document, const input::FileSpan& span, int depth, std::string& error) {
    if (span.empty() || !copy_files_) {
      node(document.document_element(), depth);
      return true;
    }
    indent(depth);
    flush();
    if (!input::copy_span(span, writer_, error)) return false;
    raw("\n");
    return true;
  }

 private:
  static constexpr std::size_t kChunk = 1 << 16;
  pugi::xml_writer& writer_;
  int base_;
  bool copy_files_;
  std::string indent_;
  std::string buffer_;
};

class TextWriter {
 public:
  TextWriter(const DefinitionsDocument& definitions, const Analysis& analysis, Out& out)
      : definitions_(definitions), analysis_(analysis), out_(out) {}

  void definitions() {
    if (definitions_.definitions.empty()) {
      out_.indent(3).raw("<definitions />\n");
      return;
    }
    out_.indent(3).raw("<definitions>\n");
    for (const auto& definition : definitions_.definitions) {
      out_.indent(4).raw("<definition").attribute("definition_id", definition.id);
      out_.attribute("version", definition.version);
      if (!definition.cls.empty()) out_.attribute("class", definition.cls);
      out_.attribute("result", to_string(result_of_definition(definition.id)));
      if (!definition.has_criteria) {
        out_.raw(" />\n");
        continue;
      }
      out_.raw(">\n");
      results_.clear();
      next_ = 0;
      fill_results(definition.criteria);
      criteria(definition.criteria, 5);
      out_.indent(4).raw("</definition>\n");
    }
    out_.indent(3).raw("</definitions>\n");
  }

  void tests() {
    // A criterion naming a test that is not in the document has its error on the criterion.
    struct Written {
      const std::string* id;
      Result result;
      const Test* test;
      const std::vector<std::pair<std::string, Result>>* items;
    };
    std::vector<Written> written;
    // tested_items has a subset of the tests' keys in the same order: walked alongside, not
    // looked up (two ordered-map lookups per test were a tenth of writing).
    auto items = analysis_.tested_items.begin();
    for (const auto& [id, result] : analysis_.tests) {
      while (items != analysis_.tested_items.end() && items->first < id) ++items;
      const auto found = definitions_.tests.find(id);
      if (found == definitions_.tests.end()) continue;
      const bool tested = items != analysis_.tested_items.end() && items->first == id && !items->second.empty();
      written.push_back({&id, result, &found->second, tested ? &items->second : nullptr});
    }
    if (written.empty()) {
      out_.indent(3).raw("<tests />\n");
      return;
    }
    out_.indent(3).raw("<tests>\n");
    for (const auto& [id, result, test, tested] : written) {
      out_.indent(4).raw("<test").attribute("test_id", *id).attribute("version", test->version);
      out_.attribute("check_existence", test->check_existence).attribute("check", test->check);
      out_.attribute("state_operator", test->state_operator).attribute("result", to_string(result));
      if (tested == nullptr) {
        out_.raw(" />\n");
        continue;
      }
      out_.raw(">\n");
      for (const auto& [item, item_result] : *tested) {
        out_.indent(5).raw("<tested_item").attribute("item_id", item).attribute("result", to_string(item_result));
        out_.raw(" />\n");
      }
      out_.indent(4).raw("</test>\n");
    }
    out_.indent(3).raw("</tests>\n");
  }

 private:
  [[nodiscard]] Result result_of_definition(std::string_view id) const { return result_in(analysis_.definitions, id); }
  [[nodiscard]] Result result_of_test(std::string_view id) const { return result_in(analysis_.tests, id); }

  // The result of every node of a criteria tree as written, in the order they are written:
  // recomputed bottom-up from the children's written results, once. Recomputing each node's at
  // its own level repeated every lookup below it once per level of nesting.
  Result fill_results(const Criteria& node) {
    const auto slot = results_.size();
    results_.push_back(Result::NotEvaluated);
    Result result = Result::NotEvaluated;
    switch (node.kind) {
      case Criteria::Kind::Criterion:
        result = negated(result_of_test(node.ref), node.negate);
        break;
      case Criteria::Kind::ExtendDefinition:
        result = negated(result_of_definition(node.ref), node.negate);
        break;
      case Criteria::Kind::Criteria: {
        std::vector<Result> parts;
        parts.reserve(node.children.size());
        for (const auto& part : node.children) parts.push_back(fill_results(part));
        result = negated(combine_results(node.op, parts), node.negate);
        break;
      }
    }
    results_[slot] = result;
    return result;
  }
  Result next_result() { return results_[next_++]; }

  void applicability(const Criteria& node) {
    if (node.has_applicability_check)
      out_.attribute("applicability_check", node.applicability_check ? "true" : "false");
  }

  void criteria(const Criteria& node, int depth) {
    switch (node.kind) {
      case Criteria::Kind::Criterion: {
        out_.indent(depth).raw("<criterion");
        applicability(node);
        out_.attribute("test_ref", node.ref);
        out_.attribute("version", node.test == nullptr ? std::string_view("1") : node.test->version);
        if (node.negate) out_.attribute("negate", "true");
        out_.attribute("result", to_string(next_result())).raw(" />\n");
        return;
      }
      case Criteria::Kind::ExtendDefinition: {
        out_.indent(depth).raw("<extend_definition");
        applicability(node);
        out_.attribute("definition_ref", node.ref);
        out_.attribute("version", node.definition == kUnresolved ? std::string_view("1")
                                                                 : definitions_.definitions[node.definition].version);
        if (node.negate) out_.attribute("negate", "true");
        out_.attribute("result", to_string(next_result())).raw(" />\n");
        return;
      }
      case Criteria::Kind::Criteria:
        break;
    }
    out_.indent(depth).raw("<criteria");
    applicability(node);
    out_.attribute("operator", node.op);
    if (node.negate) out_.attribute("negate", "true");
    out_.attribute("result", to_string(next_result()));
    if (node.children.empty()) {
      out_.raw(" />\n");
      return;
    }
    out_.raw(">\n");
    for (const auto& child : node.children) criteria(child, depth + 1);
    out_.indent(depth).raw("</criteria>\n");
  }

  const DefinitionsDocument& definitions_;
  const Analysis& analysis_;
  Out& out_;
  std::vector<Result> results_;  // of the criteria tree being written (fill_results)
  std::size_t next_ = 0;
};

// From the oval_results start tag to the copied definitions.
bool write_head(Out& out, const DefinitionsDocument& definitions, const std::string& timestamp, std::string& error,
                SourceDefinitions source = SourceDefinitions::Included) {
  out.indent(0).raw("<oval_results");
  out.attribute("xmlns", "http://oval.mitre.org/XMLSchema/oval-results-5");
  out.attribute("xmlns:oval", "http://oval.mitre.org/XMLSchema/oval-common-5").raw(">\n");
  out.indent(1).raw("<generator>\n");
  out.indent(2).raw("<oval:product_name>scapc</oval:product_name>\n");
  out.indent(2).raw("<oval:schema_version>5.11.2</oval:schema_version>\n");
  // The timestamp is ours (digits, '-', ':', 'T'); escaped all the same, as text.
  out.indent(2).raw("<oval:timestamp>").text(timestamp).raw("</oval:timestamp>\n");
  out.indent(1).raw("</generator>\n");
  out.indent(1).raw(source == SourceDefinitions::Included ? "<directives>\n"
                                                          : "<directives include_source_definitions=\"false\">\n");
  for (const char* kind : {"definition_true", "definition_false", "definition_unknown", "definition_error",
                           "definition_not_evaluated", "definition_not_applicable"}) {
    out.indent(2).raw("<").raw(kind).raw(" reported=\"true\" content=\"full\" />\n");
  }
  out.indent(1).raw("</directives>\n");
  return source == SourceDefinitions::Omitted || out.document(definitions.source, definitions.root_span, 1, error);
}

// The results and the copied system characteristics, to the end tag.
bool write_rest(Out& out, const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                const Analysis& analysis, std::string& error) {
  out.indent(1).raw("<results>\n");
  out.indent(2).raw("<system>\n");
  TextWriter text(definitions, analysis, out);
  text.definitions();
  text.tests();
  if (!out.system(system, 3, error)) return false;
  out.indent(2).raw("</system>\n");
  out.indent(1).raw("</results>\n");
  out.indent(0).raw("</oval_results>\n");
  return true;
}

}  // namespace

bool write_results_head(pugi::xml_writer& writer, const DefinitionsDocument& definitions, const std::string& timestamp,
                        std::string& error) {
  Out out(writer);
  out.raw("<?xml version=\"1.0\"?>\n");
  return write_head(out, definitions, timestamp, error);
}

bool write_results_rest(pugi::xml_writer& writer, const DefinitionsDocument& definitions,
                        const SystemCharacteristics& system, const Analysis& analysis, std::string& error) {
  Out out(writer);
  return write_rest(out, definitions, system, analysis, error);
}

bool write_results_document(pugi::xml_writer& writer, const DefinitionsDocument& definitions,
                            const SystemCharacteristics& system, const Analysis& analysis, const std::string& timestamp,
                            std::string& error) {
  return write_results_head(writer, definitions, timestamp, error) &&
         write_results_rest(writer, definitions, system, analysis, error);
}

std::shared_ptr<const ResultsReport> results_report(std::shared_ptr<const DefinitionsDocument> definitions,
                                                    std::shared_ptr<const SystemCharacteristics> system,
                                                    Analysis analysis, const std::string& timestamp) {
  auto report = std::make_shared<ResultsReport>();
  report->definitions = std::move(definitions);
  report->system = std::move(system);
  report->analysis = std::move(analysis);
  report->timestamp = timestamp;
  return report;
}

void print_results_report(const ResultsReport& report, pugi::xml_writer& writer, unsigned depth,
                          SourceDefinitions source, std::string_view indent) {
  Out out(writer, static_cast<int>(depth), false, indent);
  std::string unused;  // printing, not copying from files, cannot fail
  write_head(out, *report.definitions, report.timestamp, unused, source);
  write_rest(out, *report.definitions, *report.system, report.analysis, unused);
}

std::string results_report_text(const ResultsReport& report) {
  std::string text = "<?xml version=\"1.0\"?>\n";
  xml::StringWriter writer(text);
  print_results_report(report, writer, 0);
  return text;
}

pugi::xml_document results_report_document(const ResultsReport& report, SourceDefinitions source) {
  return results_document(*report.definitions, *report.system, report.analysis, report.timestamp, source);
}

}  // namespace scapc::oval
