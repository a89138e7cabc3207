// Verdicts per host from every kind of results file, compared rule by rule. A rule is keyed by its
// V-ID where its id carries DISA's (SV-…), so that two releases' rule ids still compare.
#include <scapc/checklist.h>
#include <scapc/drift.h>
#include <scapc/input.h>
#include <scapc/results_file.h>

#include <algorithm>
#include <cctype>

namespace scapc::output {
namespace {

// What needs attention first, when a rule has several results on one host (multi-check).
int concern(const std::string& result) {
  static const std::vector<std::string> kOrder = {"fail",          "error",         "unknown", "notchecked",
                                                  "informational", "notapplicable", "fixed",   "pass"};
  const auto found = std::find(kOrder.begin(), kOrder.end(), result);
  return static_cast<int>(found - kOrder.begin());
}

// A rule's key: its V-ID, else its version (STIG ID or control id), else its short id: what a
// checklist's Vuln_Num holds for the same rule (checklist_build.cpp).
void add(HostVerdicts& host, Verdict verdict) {
  const auto key = !verdict.vuln.empty()      ? verdict.vuln
                   : !verdict.version.empty() ? verdict.version
                                              : check::short_rule_id(verdict.rule);
  auto [entry, fresh] = host.rules.emplace(key, verdict);
  if (fresh) {
    host.order.push_back(key);
  } else if (concern(verdict.result) < concern(entry->second.result)) {
    entry->second.result = verdict.result;
  }
}

std::string status_word(const std::string& status) {
  const auto word = result_of_ckl_status(status);
  return word.empty() ? "notchecked" : word;
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

}  // namespace

bool read_verdicts(const std::string& path, std::vector<HostVerdicts>& out, std::string& error) {
  std::string text;
  if (!input::read_file(path, text, error)) return false;
  const bool json = input::starts_like_json(text);
  if (json || text.find("<CHECKLIST") != std::string::npos) {
    Checklist checklist;
    std::vector<std::string> warnings;
    if (!(json ? read_cklb(text, path, checklist, error, &warnings) : read_ckl(text, path, checklist, error))) {
      return false;
    }
    HostVerdicts host;
    const auto& asset = checklist.asset;
    host.host = !asset.host_fqdn.empty() ? asset.host_fqdn : !asset.host_name.empty() ? asset.host_name : asset.host_ip;
    host.checklist = true;
    for (const auto& stig : checklist.stigs) {
      for (const auto& rule : stig.rules) {
        add(host, {rule.rule_id, rule.vuln_num, rule.rule_ver, status_word(rule.status)});
      }
    }
    out.push_back(std::move(host));
    return true;
  }
  ResultsFile results;
  if (!read_results(text, path, results, error)) return false;
  const auto rules = xccdf::loaded::rules_by_id(results.content.benchmark);
  for (std::size_t i = 0; i < results.hosts.size(); ++i) {
    out.push_back(verdicts_of(check::host_identity(results.hosts[i]), results.results[i], rules));
  }
  return true;
}

HostVerdicts verdicts_of(const std::string& host, const check::HostResult& result,
                         const std::map<std::string, const xccdf::loaded::Item*>& rules) {
  HostVerdicts out;
  out.host = host;
  for (const auto& outcome : result.rules) {
    // Not selected is not a verdict: a rule one profile leaves out is absent, not changed.
    if (outcome.result == xccdf::RuleResult::NotSelected) continue;
    // The V-ID from the rule's STIG metadata: before 2020, DISA's SV number was not the V-ID.
    const auto found = rules.find(outcome.rule_id);
    const auto vuln = found != rules.end() ? check::vuln_id_of(*found->second) : check::vuln_id_of(outcome.rule_id);
    add(out, {outcome.rule_id, vuln, outcome.version, check::to_string(outcome.result)});
  }
  return out;
}

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

std::vector<VerdictChange> verdict_changes(const HostVerdicts& before, const HostVerdicts& after) {
  std::vector<VerdictChange> out;
  const auto compare = [&](const std::string& key, const Verdict* old_verdict, const Verdict* new_verdict) {
    const std::string from = old_verdict == nullptr ? "none" : old_verdict->result;
    const std::string to = new_verdict == nullptr ? "none" : new_verdict->result;
    if (from == to) return;
    out.push_back({new_verdict != nullptr ? *new_verdict : *old_verdict, key, from, to, change_of(from, to)});
  };
  for (const auto& key : after.order) {
    const auto found = before.rules.find(key);
    compare(key, found == before.rules.end() ? nullptr : &found->second, &after.rules.at(key));
  }
  for (const auto& key : before.order) {
    if (!after.rules.contains(key)) compare(key, &before.rules.at(key), nullptr);
  }
  return out;
}

}  // namespace scapc::output
