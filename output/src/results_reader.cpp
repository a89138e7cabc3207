// Results files read back into a run, so they can be turned into checklists or a summary without
// evaluating again: ARF (the content from its report request, one host per XCCDF report) and XCCDF
// results (the benchmark with its TestResults), from scapc or any other SCAP tool.
#include <scapc/input.h>
#include <scapc/results_file.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace scapc::output {
namespace {

// A node as a document of its own, carrying the namespace declarations it inherited.
std::string standalone_text(const pugi::xml_node& node) {
  pugi::xml_document copy;
  auto root = copy.append_copy(node);
  xml::inherit_namespaces(root, node);
  std::ostringstream out;
  copy.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

void collect(const pugi::xml_node& node, std::string_view name, std::vector<pugi::xml_node>& out) {
  for (const auto& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (xml::local_name(child) == name) {
      out.push_back(child);
    } else {
      collect(child, name, out);
    }
  }
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& name, std::string& error)
      : text_(text), name_(name), error_(error) {}

  bool host(const pugi::xml_node& test_result, check::Host& out) {
    out.source.clear();  // the collected data is not part of a results file
    const std::string target = xml::child(test_result, "target").text().get();
    for (const auto& child : test_result.children()) {
      if (xml::local_name(child) == "target-address") out.ip_addresses.emplace_back(child.text().get());
    }
    for (const auto& fact : xml::child(test_result, "target-facts").children()) {
      const std::string_view name = fact.attribute("name").value();
      const std::string value = fact.text().get();
      if (name.ends_with(":host_name")) out.host_name = value;
      if (name.ends_with(":fqdn")) out.fqdn = value;
      if (name.ends_with(":mac") || name.ends_with(":MAC")) out.mac_addresses.push_back(value);
    }
    if (out.host_name.empty()) out.host_name = target.substr(0, target.find('.'));
    if (out.fqdn.empty() && target.find('.') != std::string::npos) out.fqdn = target;
    if (out.host_name.empty()) return fail(test_result, "the TestResult names no target");
    return true;
  }

  bool result(const pugi::xml_node& test_result, check::HostResult& out) {
    out.start_time = test_result.attribute("start-time").value();
    out.end_time = test_result.attribute("end-time").value();
    for (const auto& child : test_result.children()) {
      const auto tag = xml::local_name(child);
      if (tag == "score") {
        out.scores.push_back({child.attribute("system").as_string("urn:xccdf:scoring:default"),
                              std::strtod(child.text().get(), nullptr), child.attribute("maximum").as_double(100)});
      }
      if (tag != "rule-result") continue;
      check::RuleOutcome outcome;
      if (!rule_result(child, outcome)) return false;
      out.rules.push_back(std::move(outcome));
    }
    return true;
  }

  bool fail(const pugi::xml_node& node, const std::string& reason) {
    error_ = name_ + ":" + std::to_string(xml::line_at(text_, node.offset_debug())) + ": " + reason;
    return false;
  }

 private:
  bool rule_result(const pugi::xml_node& node, check::RuleOutcome& out) {
    out.rule_id = node.attribute("idref").value();
    out.severity = node.attribute("severity").as_string("unknown");
    out.role = node.attribute("role").as_string("full");
    out.version = node.attribute("version").value();
    out.weight = node.attribute("weight").as_double(1.0);
    const std::string word = xml::child(node, "result").text().get();
    if (out.rule_id.empty()) return fail(node, "rule-result without idref");
    if (rules_ != nullptr && !rules_->items.contains(out.rule_id)) {
      return fail(node, "rule-result idref '" + out.rule_id + "' names no Rule of the benchmark the results carry");
    }
    if (!check::parse_result(word, out.result))
      return fail(node, "rule-result " + out.rule_id + ": result '" + word + "'");
    for (const auto& child : node.children()) {
      const auto tag = xml::local_name(child);
      if (tag == "message") out.messages.emplace_back(child.text().get());
      if (tag == "override" && !out.waiver) {
        // Any tool's override: what was evaluated, the authority and its remark (scapc's holds the
        // waiver's rule, approval and expiry).
        check::WaiverApplied waiver;
        if (check::parse_result(xml::child(child, "old-result").text().get(), waiver.evaluated)) {
          waiver.approved_by = child.attribute("authority").value();
          waiver.justification = xml::child(child, "remark").text().get();
          out.waiver = std::move(waiver);
        }
      }
      if (tag != "check") continue;
      const auto ref = xml::child(child, "check-content-ref");
      out.checks.push_back({child.attribute("system").value(),
                            ref.attribute("href").value(),
                            ref.attribute("name").value(),
                            child.attribute("negate").as_bool(),
                            false,
                            {}});
    }
    return true;
  }

  std::string_view text_;
  const std::string& name_;
  std::string& error_;

 public:
  // The benchmark's items, once loaded: each rule-result must name one of its rules.
  const xccdf::loaded::Evaluation* rules_ = nullptr;
};

}  // namespace

bool read_results(std::string_view xml, const std::string& name, ResultsFile& out, std::string& error) {
  pugi::xml_document document;
  if (!input::parse_xml(xml, name, document, error)) return false;
  const auto root = document.document_element();
  const auto kind = xml::local_name(root);
  Reader reader(xml, name, error);
  pugi::xml_node content_node;
  std::vector<pugi::xml_node> test_results;
  if (kind == "asset-report-collection") {
    for (const auto& request : xml::child(root, "report-requests").children()) {
      const auto content = xml::child(request, "content");
      for (const auto& child : content.children()) {
        if (child.type() == pugi::node_element) content_node = child;
      }
      if (!content_node.empty()) break;
    }
    collect(xml::child(root, "reports"), "TestResult", test_results);
    if (content_node.empty()) return reader.fail(root, "the ARF holds no report request with content");
  } else if (kind == "Benchmark") {
    content_node = root;
    collect(root, "TestResult", test_results);
  } else {
    error = name + ": not an ARF or XCCDF results file (root element " + std::string(root.name()) + ")";
    return false;
  }
  if (test_results.empty()) return reader.fail(root, "no TestResult");
  out = ResultsFile{};
  if (!check::load_content_text(standalone_text(content_node), name, {}, out.content, error)) return false;
  std::string profile = xml::child(test_results.front(), "profile").attribute("idref").value();
  if (!xccdf::loaded::resolve(out.content.benchmark, {}, profile, out.evaluation, error)) {
    // A profile from a tailoring file the results do not carry: report under its id, with the
    // benchmark's defaults for anything the rule-results do not say.
    xccdf::loaded::resolve(out.content.benchmark, {}, "", out.evaluation, error);
    out.evaluation.profile_id = profile;
  }
  reader.rules_ = &out.evaluation;
  for (const auto& test_result : test_results) {
    check::Host host;
    check::HostResult result;
    if (!reader.host(test_result, host) || !reader.result(test_result, result)) return false;
    out.hosts.push_back(std::move(host));
    out.results.push_back(std::move(result));
  }
  return true;
}

}  // namespace scapc::output
