// scapc diff of two assessments (XCCDF results, ARF, CKL or CKLB): per host, the rules whose verdict
// changed, so that a team sees regressions at a glance (docs/assessor-workflow.md).
#include "drift_diff.h"

#include <scapc/checklist.h>
#include <scapc/input.h>
#include <scapc/output_files.h>
#include <scapc/results_file.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "diagnostics.h"

namespace scapc::cli {
namespace {

struct Verdict {
  std::string rule;  // the rule id (checklists: the SV rule id)
  std::string vuln;  // V-ID where known
  std::string version;
  std::string result;  // an XCCDF result word; checklists' statuses as STIG Manager maps them
};

struct HostVerdicts {
  std::string host;
  std::vector<std::string> order;        // keys in document order
  std::map<std::string, Verdict> rules;  // by V-ID, else rule id
};

// What needs attention first, when a rule has several results on one host (multi-check).
int concern(const std::string& result) {
  static const std::vector<std::string> kOrder = {"fail",          "error",         "unknown", "notchecked",
                                                  "informational", "notapplicable", "fixed",   "pass"};
  const auto found = std::find(kOrder.begin(), kOrder.end(), result);
  return static_cast<int>(found - kOrder.begin());
}

void add(HostVerdicts& host, Verdict verdict) {
  const auto key = verdict.vuln.empty() ? verdict.rule : verdict.vuln;
  auto [entry, fresh] = host.rules.emplace(key, verdict);
  if (fresh) {
    host.order.push_back(key);
  } else if (concern(verdict.result) < concern(entry->second.result)) {
    entry->second.result = verdict.result;
  }
}

std::string status_word(const std::string& status) {
  if (status == "NotAFinding") return "pass";
  if (status == "Open") return "fail";
  if (status == "Not_Applicable") return "notapplicable";
  return "notchecked";
}

bool read_assessment(const std::string& path, std::vector<HostVerdicts>& out) {
  std::string text;
  std::string error;
  if (!input::read_file(path, text, error)) {
    print_error(error);
    return false;
  }
  const bool json = input::starts_like_json(text);
  if (json || text.find("<CHECKLIST") != std::string::npos) {
    output::Checklist checklist;
    std::vector<std::string> warnings;
    if (!(json ? output::read_cklb(text, path, checklist, error, &warnings)
               : output::read_ckl(text, path, checklist, error))) {
      print_error(error);
      return false;
    }
    HostVerdicts host;
    host.host = checklist.asset.host_name;
    for (const auto& stig : checklist.stigs) {
      for (const auto& rule : stig.rules) {
        add(host, {rule.rule_id, rule.vuln_num, rule.rule_ver, status_word(rule.status)});
      }
    }
    out.push_back(std::move(host));
    return true;
  }
  output::ResultsFile results;
  if (!output::read_results(text, path, results, error)) {
    print_error(error);
    return false;
  }
  for (std::size_t i = 0; i < results.hosts.size(); ++i) {
    HostVerdicts host;
    host.host = check::host_identity(results.hosts[i]);
    for (const auto& outcome : results.results[i].rules) {
      // Not selected is not a verdict: a rule one profile leaves out is absent, not changed.
      if (outcome.result == xccdf::RuleResult::NotSelected) continue;
      add(host,
          {outcome.rule_id, check::vuln_id_of(outcome.rule_id), outcome.version, check::to_string(outcome.result)});
    }
    out.push_back(std::move(host));
  }
  return true;
}

std::string change_of(const std::string& from, const std::string& to) {
  if (to == "fail") return "newly failing";
  if (from == "fail" && (to == "pass" || to == "fixed")) return "fixed";
  if (to == "notapplicable") return "newly not applicable";
  const bool reviewed_before = from == "pass" || from == "fail" || from == "notapplicable" || from == "fixed";
  const bool reviewed_now = to == "pass" || to == "notapplicable" || to == "fixed";
  if (!reviewed_before && reviewed_now) return "newly reviewed";
  if (reviewed_before && !reviewed_now) return "no longer reviewed";
  return "changed";
}

// Hosts are one asset whatever the case of their names (DNS names are not case-sensitive).
const HostVerdicts* find_host(const std::vector<HostVerdicts>& hosts, const std::string& name) {
  const auto same = [](const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const auto& host : hosts) {
    if (same(host.host, name)) return &host;
  }
  return nullptr;
}

}  // namespace

bool is_assessment(const std::string& text) {
  return input::starts_like_json(text) || text.find("<CHECKLIST") != std::string::npos ||
         text.find("TestResult") != std::string::npos;
}

int diff_assessments(const std::string& before_path, const std::string& after_path, const std::string& json_path) {
  std::vector<HostVerdicts> before;
  std::vector<HostVerdicts> after;
  if (!read_assessment(before_path, before) || !read_assessment(after_path, after)) return 1;
  nlohmann::json hosts = nlohmann::json::array();
  bool differ = false;
  const auto line = [](const std::string& text) { std::cout << input::printable(text) << '\n'; };
  line("old: " + before_path);
  line("new: " + after_path);
  for (const auto& host : after) {
    const auto* earlier = find_host(before, host.host);
    nlohmann::json entry = {{"host", host.host}, {"in", earlier == nullptr ? "new" : "both"}};
    entry["changed"] = nlohmann::json::array();
    if (earlier == nullptr) {
      differ = true;
      line("host " + host.host + ": only in the new assessment");
      hosts.push_back(std::move(entry));
      continue;
    }
    std::vector<std::string> lines;
    const auto compare = [&](const std::string& key, const Verdict* old_verdict, const Verdict* new_verdict) {
      const std::string from = old_verdict == nullptr ? "none" : old_verdict->result;
      const std::string to = new_verdict == nullptr ? "none" : new_verdict->result;
      if (from == to) return;
      const auto& verdict = new_verdict != nullptr ? *new_verdict : *old_verdict;
      const auto change = change_of(from, to);
      entry["changed"].push_back({{"rule", verdict.rule},
                                  {"vulnId", verdict.vuln},
                                  {"ruleVersion", verdict.version},
                                  {"from", from},
                                  {"to", to},
                                  {"change", change}});
      lines.push_back("  " + (verdict.vuln.empty() ? key : verdict.vuln) +
                      (verdict.version.empty() ? "" : " " + verdict.version) + ": " + from + " -> " + to + " (" +
                      change + ")");
    };
    for (const auto& key : host.order) {
      const auto found = earlier->rules.find(key);
      compare(key, found == earlier->rules.end() ? nullptr : &found->second, &host.rules.at(key));
    }
    for (const auto& key : earlier->order) {
      if (!host.rules.contains(key)) compare(key, &earlier->rules.at(key), nullptr);
    }
    differ = differ || !lines.empty();
    line("host " + host.host + ": " + std::to_string(lines.size()) + " changed");
    for (const auto& text : lines) line(text);
    hosts.push_back(std::move(entry));
  }
  for (const auto& host : before) {
    if (find_host(after, host.host) != nullptr) continue;
    differ = true;
    line("host " + host.host + ": only in the old assessment");
    hosts.push_back({{"host", host.host}, {"in", "old"}, {"changed", nlohmann::json::array()}});
  }
  if (!json_path.empty()) {
    const nlohmann::json document = {
        {"old", {{"file", before_path}}}, {"new", {{"file", after_path}}}, {"hosts", hosts}};
    output::OutputFiles outputs;
    outputs.add(json_path, document.dump(2) + "\n");
    std::string error;
    if (!outputs.commit(error)) {
      print_error(error);
      return 1;
    }
  }
  return differ ? 2 : 0;
}

}  // namespace scapc::cli
