// A check run as STIG checklists. DISA rules are keyed by V-ID (stable across releases). A STIG
// rule's status comes from the benchmark rule that is that STIG rule (its id carries DISA's rule id,
// SV-259649r… → V-259649); only where the benchmark has no such rule, from rules whose check a
// catalog declared to be that STIG rule's check text (ident kSameCheckIdent). A catalog control that
// merely cites a STIG rule in its references never decides the rule's status.
#include <scapc/input.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "checklist_text.h"

namespace scapc::output {
namespace {

using xccdf::RuleResult;
using xccdf::loaded::Item;

struct RuleInBenchmark {
  const Item* rule = nullptr;
  const Item* group = nullptr;
};

void index_rules(const std::vector<Item>& items, const Item* group, std::map<std::string, RuleInBenchmark>& out) {
  for (const auto& item : items) {
    if (item.kind == Item::Kind::Rule) {
      out[item.id] = {&item, group};
    } else {
      index_rules(item.children, &item, out);
    }
  }
}

// The V-IDs whose check text the rule's check is declared to be.
std::set<std::string> same_check_vulns(const Item& rule) {
  std::set<std::string> out;
  for (const auto& ident : rule.rule.idents) {
    if (ident.system == xccdf::kSameCheckIdent) out.insert(ident.value);
  }
  return out;
}

std::string severity_word(const std::string& severity) {
  return severity == "high" || severity == "medium" ? severity : "low";
}

// Several rule-results for one checklist rule: a failure anywhere is a finding; anything not
// reviewed keeps the whole rule not reviewed; otherwise it is not a finding unless nothing applied.
std::string combined_status(const std::vector<const check::RuleOutcome*>& outcomes) {
  std::set<std::string> statuses;
  for (const auto* outcome : outcomes) statuses.insert(ckl_status(outcome->result));
  for (const auto* status : {"Open", "Not_Reviewed", "NotAFinding", "Not_Applicable"}) {
    if (statuses.contains(status)) return status;
  }
  return "Not_Reviewed";
}

std::string finding_details(const std::vector<const check::RuleOutcome*>& outcomes) {
  std::string out;
  for (const auto* outcome : outcomes) {
    if (!out.empty()) out += "\n\n";
    out += check::short_rule_id(outcome->rule_id) + ": " + check::to_string(outcome->result);
    for (const auto& message : outcome->messages) out += "\n" + message;
  }
  return out;
}

class Builder {
 public:
  Builder(const Assessment& run, std::size_t host) : run_(run), result_((*run.results)[host]) {
    index_rules(run.content->benchmark.items, nullptr, rules_);
    for (const auto& outcome : result_.rules) {
      // A result for no rule of the benchmark (results read from elsewhere) has no place here.
      if (outcome.result == RuleResult::NotSelected || !rules_.contains(outcome.rule_id)) continue;
      if (outcomes_[outcome.rule_id].empty()) evaluated_.push_back(outcome.rule_id);
      outcomes_[outcome.rule_id].push_back(&outcome);
    }
    std::map<std::string, std::vector<std::string>> declared;
    for (const auto& id : evaluated_) {
      const auto& rule = *rules_.at(id).rule;
      if (const auto vuln = check::vuln_id_of(rule); !vuln.empty()) covering_[vuln].push_back(id);
      for (const auto& vuln : same_check_vulns(rule)) declared[vuln].push_back(id);
    }
    for (auto& [vuln, ids] : declared) covering_.try_emplace(vuln, std::move(ids));
  }

  ChecklistStig from_stig(const stig::Benchmark& benchmark) {
    ChecklistStig out;
    out.version = benchmark.version;
    out.stig_id = benchmark.id;
    out.description = benchmark.description;
    out.filename = std::filesystem::path(benchmark.source).filename().string();
    out.release_info = benchmark.release_info;
    out.title = benchmark.title;
    out.uuid = stable_uuid(benchmark.id + benchmark.version + benchmark.release_info);
    const auto stig_ref = out.title + " :: Version " + out.version + ", " + out.release_info;
    for (const auto& rule : benchmark.rules) {
      ChecklistRule entry = from_stig_rule(rule, stig_ref);
      std::vector<const check::RuleOutcome*> outcomes;
      for (const auto& id : covering_[rule.vuln_id]) {
        used_.insert(id);
        for (const auto* outcome : outcomes_[id]) outcomes.push_back(outcome);
      }
      apply(outcomes, entry);
      entry.uuid = out.uuid;  // STIG_UUID names the STIG the rule belongs to
      out.rules.push_back(std::move(entry));
    }
    return out;
  }

  // The benchmark's evaluated rules not already placed under a STIG.
  ChecklistStig from_benchmark() {
    const auto& benchmark = run_.content->benchmark;
    ChecklistStig out;
    out.version = benchmark.version;
    out.stig_id = benchmark.id;
    out.description = benchmark.description;
    out.filename = std::filesystem::path(run_.content->path).filename().string();
    out.release_info = benchmark.release_info;
    out.title = benchmark.title;
    out.uuid = stable_uuid(benchmark.id + benchmark.version);
    const auto stig_ref = out.title + " :: Version " + out.version;
    for (const auto& id : evaluated_) {
      if (used_.contains(id)) continue;
      out.rules.push_back(from_benchmark_rule(rules_.at(id), stig_ref));
      apply(outcomes_[id], out.rules.back());
      out.rules.back().uuid = out.uuid;
    }
    return out;
  }

  [[nodiscard]] bool any_left() const { return used_.size() < evaluated_.size(); }

 private:
  static ChecklistRule from_stig_rule(const controls::StigRule& rule, const std::string& stig_ref) {
    const auto field = [&rule](const char* name) {
      const auto found = rule.description_fields.find(name);
      return found == rule.description_fields.end() ? std::string() : found->second;
    };
    ChecklistRule out;
    out.vuln_num = rule.vuln_id;
    out.severity = severity_word(rule.severity);
    out.group_title = rule.group_title;
    out.rule_id = rule.rule_id;
    out.rule_ver = rule.stig_id;
    out.rule_title = rule.title;
    out.vuln_discuss = rule.discussion;
    out.ia_controls = field("IAControls");
    out.check_content = rule.check_text;
    out.fix_text = rule.fix_text;
    out.false_positives = field("FalsePositives");
    out.false_negatives = field("FalseNegatives");
    out.documentable = field("Documentable").empty() ? "false" : field("Documentable");
    out.mitigations = field("Mitigations");
    out.potential_impact = field("PotentialImpacts");
    out.third_party_tools = field("ThirdPartyTools");
    out.mitigation_control = field("MitigationControl");
    out.responsibility = field("Responsibility");
    out.security_override_guidance = field("SeverityOverrideGuidance");
    out.weight = rule.weight.empty() ? "10.0" : rule.weight;
    out.stig_ref = stig_ref;
    out.legacy_ids = rule.legacy_ids;
    out.ccis = rule.ccis;
    return out;
  }

  ChecklistRule from_benchmark_rule(const RuleInBenchmark& found, const std::string& stig_ref) {
    const Item& rule = *found.rule;
    const auto& outcome = *outcomes_[rule.id].front();
    ChecklistRule out;
    out.rule_id = check::short_rule_id(rule.id);
    out.rule_ver = rule.rule.version.empty() ? out.rule_id : rule.rule.version;
    // A rule compiled from one STIG rule keeps its V-ID; a catalog control is its own entry.
    const auto vuln = check::vuln_id_of(rule);
    out.vuln_num = out.rule_id.rfind("SV-", 0) == 0 && !vuln.empty() ? vuln : out.rule_ver;
    out.severity = severity_word(outcome.severity);
    out.group_title = found.group == nullptr ? std::string() : found.group->title;
    out.rule_title = rule.title;
    out.vuln_discuss = rule.description;
    out.check_content = check_text(rule);
    out.fix_text = rule.rule.fixtext;
    out.weight = decimal(outcome.weight);
    out.stig_ref = stig_ref;
    for (const auto& ident : rule.rule.idents) {
      if (ident.value.rfind("CCI-", 0) == 0) out.ccis.push_back(ident.value);
      if (ident.system == "http://cyber.mil/legacy") out.legacy_ids.push_back(ident.value);
    }
    return out;
  }

  // The manual check text when there is one, else which automated check decided.
  static std::string check_text(const Item& rule) {
    for (const auto& check : rule.rule.checks) {
      if (!check.content.empty()) return check.content;
    }
    for (const auto& check : rule.rule.checks) {
      for (const auto& ref : check.content_refs) {
        if (check.system == xccdf::kOvalSystem) {
          return "Automated: OVAL definition " + (ref.name.empty() ? std::string("(all)") : ref.name) + " in " +
                 ref.href;
        }
        return "Questionnaire " + ref.name + " in " + ref.href;
      }
    }
    return {};
  }

  // A rule that nothing decided (no rule covers it, or its questionnaire is unanswered) keeps no
  // text: STIG Manager's default import files a Not_Reviewed rule with text as a review
  // (informational), which would claim a review that did not happen.
  // An earlier answer that could not be carried is shown, though: the assessor must look again.
  static bool undecided(const std::vector<const check::RuleOutcome*>& outcomes) {
    return std::all_of(outcomes.begin(), outcomes.end(), [](const check::RuleOutcome* outcome) {
      return (outcome->result == RuleResult::NotChecked || outcome->result == RuleResult::NotSelected) &&
             !outcome->answer;
    });
  }

  // A person's answer carried forward reads as that person wrote it, with where it came from.
  static bool carried_answer(const std::vector<const check::RuleOutcome*>& outcomes, ChecklistRule& out) {
    if (outcomes.size() != 1 || !outcomes.front()->answer) return false;
    const auto& answer = *outcomes.front()->answer;
    if (answer.carried) {
      out.status = ckl_status(outcomes.front()->result);
      out.finding_details = answer.finding_details;
      out.comments = answer.comments + (answer.comments.empty() ? "" : "\n") + "Carried forward by scapc from " +
                     answer.source + (answer.release.empty() ? "" : " (" + answer.release + ")") + ": " +
                     answer.status + ".";
      return true;
    }
    if (outcomes.front()->result != RuleResult::NotChecked) return false;
    out.status = "Not_Reviewed";
    out.comments = answer.note;
    return true;
  }

  void apply(const std::vector<const check::RuleOutcome*>& outcomes, ChecklistRule& out) const {
    if (undecided(outcomes)) return;
    if (carried_answer(outcomes, out)) {
      apply_waivers(outcomes, out);
      return;
    }
    out.status = combined_status(outcomes);
    out.finding_details = finding_details(outcomes);
    std::string rules;
    for (const auto* outcome : outcomes) rules += (rules.empty() ? "" : ", ") + check::short_rule_id(outcome->rule_id);
    const auto& profile = run_.evaluation->profile_id;
    out.comments = "Evaluated by scapc " SCAPC_VERSION " with " + run_.content->benchmark.id + " version " +
                   run_.content->benchmark.version + (profile.empty() ? "" : ", profile " + profile) + "; rule " +
                   rules + ".";
    apply_waivers(outcomes, out);
  }

  static void apply_waivers(const std::vector<const check::RuleOutcome*>& outcomes, ChecklistRule& out) {
    for (const auto* outcome : outcomes) {
      if (!outcome->waiver) continue;
      const auto& waiver = *outcome->waiver;
      out.comments += "\nWaiver: " + std::string(check::to_string(waiver.evaluated)) + " accepted as " +
                      check::to_string(outcome->result) + ": " + waiver_remark(waiver) + ".";
      // STIG Viewer's severity override, where the waiver lowers the rule's severity.
      if (!waiver.severity.empty() && xccdf::parse_severity(waiver.severity) < xccdf::parse_severity(out.severity)) {
        out.severity_override = waiver.severity;
        out.severity_justification = waiver.justification;
      }
    }
  }

  const Assessment& run_;
  const check::HostResult& result_;
  std::map<std::string, RuleInBenchmark> rules_;
  std::map<std::string, std::vector<const check::RuleOutcome*>> outcomes_;
  std::vector<std::string> evaluated_;  // document order
  std::map<std::string, std::vector<std::string>> covering_;
  std::set<std::string> used_;
};

ChecklistAsset asset_of(const check::Host& host) {
  ChecklistAsset out;
  // HOST_NAME is the asset's name in STIG Manager, which names it by the XCCDF target otherwise.
  out.host_name = check::host_identity(host);
  out.host_fqdn = host.fqdn;
  if (!host.ip_addresses.empty()) out.host_ip = host.ip_addresses.front();
  if (!host.mac_addresses.empty()) out.host_mac = host.mac_addresses.front();
  if (!host.source.empty()) {
    out.target_comment = "Collected data: " + std::filesystem::path(host.source).filename().string();
  }
  return out;
}

}  // namespace

std::string result_of_ckl_status(const std::string& status) {
  if (status == "NotAFinding") return "pass";
  if (status == "Open") return "fail";
  if (status == "Not_Applicable") return "notapplicable";
  return {};
}

std::string ckl_status(RuleResult result) {
  switch (result) {
    case RuleResult::Pass:
    case RuleResult::Fixed:
      return "NotAFinding";
    case RuleResult::Fail:
      return "Open";
    case RuleResult::NotApplicable:
      return "Not_Applicable";
    default:
      return "Not_Reviewed";
  }
}

Checklist checklist_of(const Assessment& run, std::size_t host, const ChecklistLayout& layout) {
  Checklist out;
  out.asset = asset_of((*run.hosts)[host]);
  Builder builder(run, host);
  if (layout.rules != ChecklistRules::Benchmark) {
    for (const auto& benchmark : layout.stigs) out.stigs.push_back(builder.from_stig(benchmark));
  }
  const bool rest = layout.rules == ChecklistRules::Both && builder.any_left();
  if (layout.rules == ChecklistRules::Benchmark || rest) out.stigs.push_back(builder.from_benchmark());
  return out;
}

}  // namespace scapc::output
