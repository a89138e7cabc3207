// The TestResult in the XSD's element order (testResultType): benchmark, tailoring-file, title,
// identity, profile, target, target-address, target-facts, target-id-ref, set-value, rule-result,
// score. It declares the XCCDF 1.2 namespace itself, so it stays valid wherever it is placed.
#include "test_result.h"

#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

#include <array>
#include <cmath>
#include <cstdio>

namespace scapc::output {
namespace {

void fact(pugi::xml_node facts, const std::string& name, const std::string& type, const std::string& value) {
  auto node = xml::append_text(facts, "fact", value);
  node.append_attribute("name") = name.c_str();
  node.append_attribute("type") = type.c_str();
}

// NCName-safe suffix for ids.
// Labels name files (checklists, OVAL results per host): at most this long.
constexpr std::size_t kMaxLabel = 64;

std::string id_part(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool keep = (std::isalnum(static_cast<unsigned char>(c)) != 0) || c == '-' || c == '.';
    out += keep ? c : '_';
  }
  return out.empty() ? "default" : out;
}

void append_targets(pugi::xml_node result, const check::Host& host, const std::string& asset_id) {
  xml::append_text(result, "target", check::host_identity(host));
  for (const auto& address : host.ip_addresses) xml::append_text(result, "target-address", address);
  auto facts = result.append_child("target-facts");
  fact(facts, "urn:xccdf:fact:asset:identifier:host_name", "string", host.host_name);
  if (!host.fqdn.empty()) fact(facts, "urn:xccdf:fact:asset:identifier:fqdn", "string", host.fqdn);
  for (const auto& address : host.ip_addresses) {
    const bool v6 = address.find(':') != std::string::npos;
    fact(facts, v6 ? "urn:xccdf:fact:asset:identifier:ipv6" : "urn:xccdf:fact:asset:identifier:ipv4", "string",
         address);
  }
  for (const auto& mac : host.mac_addresses) fact(facts, "urn:xccdf:fact:asset:identifier:mac", "string", mac);
  fact(facts, "urn:xccdf:fact:scanner:name", "string", "scapc");
  fact(facts, "urn:xccdf:fact:scanner:version", "string", SCAPC_VERSION);
  if (!asset_id.empty()) {
    auto ref = result.append_child("target-id-ref");
    ref.append_attribute("system") = ns::kAssetIdentification;
    ref.append_attribute("name") = asset_id.c_str();
    ref.append_attribute("href") = "";
  }
}

void append_check(pugi::xml_node parent, const check::CheckReference& reference, const std::string& href) {
  auto node = parent.append_child("check");
  node.append_attribute("system") = reference.system.c_str();
  if (reference.negate) node.append_attribute("negate") = "true";
  for (const auto& exported : reference.exports) {
    auto export_node = node.append_child("check-export");
    export_node.append_attribute("value-id") = exported.value_id.c_str();
    export_node.append_attribute("export-name") = exported.export_name.c_str();
  }
  auto ref = node.append_child("check-content-ref");
  ref.append_attribute("href") = href.c_str();
  if (!reference.name.empty()) ref.append_attribute("name") = reference.name.c_str();
}

// Idents travel with the rule-result so a result file alone still names the CCIs and STIG ids.
const xccdf::loaded::Item* find_item(const std::vector<xccdf::loaded::Item>& items, const std::string& id) {
  for (const auto& item : items) {
    if (item.id == id) return &item;
    if (const auto* found = find_item(item.children, id)) return found;
  }
  return nullptr;
}

void append_rule_result(pugi::xml_node parent, const Assessment& run, const check::RuleOutcome& outcome,
                        const std::string& time, const TestResultPlace& place) {
  auto node = parent.append_child("rule-result");
  node.append_attribute("idref") = outcome.rule_id.c_str();
  node.append_attribute("role") = outcome.role.c_str();
  node.append_attribute("severity") = outcome.severity.c_str();
  node.append_attribute("time") = time.c_str();
  if (!outcome.version.empty()) node.append_attribute("version") = outcome.version.c_str();
  node.append_attribute("weight") = decimal(outcome.weight).c_str();
  xml::append_text(node, "result", check::to_string(outcome.result));
  if (outcome.waiver) {
    // What was evaluated, and who accepted what instead (IR 7275r4 6.6.4.3, overrideType).
    const auto& waiver = *outcome.waiver;
    auto override_node = node.append_child("override");
    override_node.append_attribute("time") = time.c_str();
    override_node.append_attribute("authority") = waiver.approved_by.c_str();
    xml::append_text(override_node, "old-result", check::to_string(waiver.evaluated));
    xml::append_text(override_node, "new-result", check::to_string(outcome.result));
    xml::append_text(override_node, "remark", waiver_remark(waiver));
  }
  if (const auto* item = find_item(run.content->benchmark.items, outcome.rule_id)) {
    for (const auto& ident : item->rule.idents) {
      xml::append_text(node, "ident", ident.value).append_attribute("system") = ident.system.c_str();
    }
  }
  const bool failed = outcome.result == xccdf::RuleResult::Error || outcome.result == xccdf::RuleResult::Unknown;
  for (const auto& message : outcome.messages) {
    xml::append_text(node, "message", message).append_attribute("severity") = failed ? "error" : "info";
  }
  for (const auto& reference : outcome.checks) {
    std::string href = reference.href;
    if (reference.system == xccdf::kOvalSystem && place.oval_href) {
      const auto component = run.content->oval.find(reference.href);
      if (component != run.content->oval.end()) {
        if (auto results = place.oval_href(component->second.key); !results.empty()) href = std::move(results);
      }
    }
    append_check(node, reference, href);
  }
}

}  // namespace

std::string waiver_remark(const check::WaiverApplied& waiver) {
  if (waiver.rule.empty()) return waiver.justification;  // read back from an override's remark
  return waiver.justification + " (waiver for " + waiver.rule + ", approved by " + waiver.approved_by + " on " +
         waiver.approved + ", expires " + waiver.expires + ")";
}

std::string decimal(double value) {
  std::array<char, 64> text{};
  std::snprintf(text.data(), text.size(), "%.6f", value);
  std::string out = text.data();
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

std::string HostLabels::next(const std::string& label) {
  const auto place = ++place_;
  if (taken_.insert(label).second) return label;
  // Past the list's length a number is no host's place, so only a label a host brought can be in
  // the way, and there are finitely many.
  auto number = place;
  auto numbered = label + "-" + std::to_string(number);
  while (!taken_.insert(numbered).second) numbered = label + "-" + std::to_string(number += hosts_);
  return numbered;
}

std::vector<std::string> host_labels(const std::vector<check::Host>& hosts) {
  std::vector<std::string> labels;
  labels.reserve(hosts.size());
  HostLabels next(hosts.size());
  for (const auto& host : hosts) labels.push_back(next.next(host_label(host)));
  return labels;
}

std::string host_label(const check::Host& host) {
  auto label = id_part(check::host_identity(host));
  if (label.size() <= kMaxLabel) return label;
  // A long name keeps its start and a digest of the whole: file names stay within the 255 bytes a
  // file system allows, and two long names that share a start stay apart.
  std::uint64_t digest = 0xcbf29ce484222325ULL;  // FNV-1a
  for (const unsigned char c : label) digest = (digest ^ c) * 0x100000001b3ULL;
  std::array<char, 17> hex{};
  std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(digest));
  return label.substr(0, kMaxLabel - 17) + "-" + hex.data();
}

std::string label_of(const Assessment& run, std::size_t index) {
  if (run.labels != nullptr) return (*run.labels)[run.first + index];
  return host_labels(*run.hosts)[index];
}

std::string test_result_id(const Assessment& run, std::size_t index) {
  const auto& profile = run.evaluation->profile_id;
  const auto marker = profile.find("_profile_");
  const auto profile_part = marker == std::string::npos ? profile : profile.substr(marker + 9);
  return "xccdf_org.scapc_testresult_" + id_part(profile_part) + "_" + label_of(run, index);
}

pugi::xml_node append_test_result(pugi::xml_node parent, const Assessment& run, std::size_t index,
                                  const TestResultPlace& place) {
  const auto& host = (*run.hosts)[index];
  const auto& result = (*run.results)[index];
  auto node = parent.append_child("TestResult");
  node.append_attribute("xmlns") = ns::kXccdf12;
  node.append_attribute("id") = test_result_id(run, index).c_str();
  node.append_attribute("start-time") = result.start_time.c_str();
  node.append_attribute("end-time") = result.end_time.c_str();
  node.append_attribute("test-system") = "cpe:2.3:a:scapc:scapc:" SCAPC_VERSION ":*:*:*:*:*:*:*";
  if (!run.content->benchmark.version.empty())
    node.append_attribute("version") = run.content->benchmark.version.c_str();
  if (!place.benchmark_href.empty()) {
    auto benchmark = node.append_child("benchmark");
    benchmark.append_attribute("href") = place.benchmark_href.c_str();
    benchmark.append_attribute("id") = run.content->benchmark.id.c_str();
  }
  if (run.tailoring != nullptr) {
    auto tailoring = node.append_child("tailoring-file");
    tailoring.append_attribute("href") = run.tailoring_path.c_str();
    tailoring.append_attribute("id") = run.tailoring->id.c_str();
    tailoring.append_attribute("version") = run.tailoring->version.c_str();
    const auto& time = run.tailoring->version_time.empty() ? result.start_time : run.tailoring->version_time;
    tailoring.append_attribute("time") = time.c_str();
  }
  xml::append_text(node, "title", "scapc evaluation of " + check::host_identity(host));
  if (!run.user.empty()) {
    auto identity = xml::append_text(node, "identity", run.user);
    identity.append_attribute("authenticated") = "false";
    identity.append_attribute("privileged") = "false";
  }
  if (!run.evaluation->profile_id.empty()) {
    node.append_child("profile").append_attribute("idref") = run.evaluation->profile_id.c_str();
  }
  append_targets(node, host, place.asset_id);
  for (const auto& [id, value] : run.evaluation->values) {
    xml::append_text(node, "set-value", value).append_attribute("idref") = id.c_str();
  }
  for (const auto& outcome : result.rules) append_rule_result(node, run, outcome, result.end_time, place);
  for (const auto& score : result.scores) {
    auto score_node = xml::append_text(node, "score", decimal(score.value));
    score_node.append_attribute("system") = score.system.c_str();
    score_node.append_attribute("maximum") = decimal(score.maximum).c_str();
  }
  return node;
}

}  // namespace scapc::output
