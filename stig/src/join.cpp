// STIG rules merged into a catalog: by V-ID into the controls that reference them, the rest as
// controls of their own.
#include <scapc/input.h>
#include <scapc/pattern.h>
#include <scapc/stig.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "command.h"
#include "compare.h"
#include "site_conditions.h"
#include "text.h"

namespace scapc::stig {
namespace {

controls::Severity severity_of(const std::string& text) {
  const auto lowered = detail::lower(text);
  if (lowered == "high") return controls::Severity::High;
  if (lowered == "low") return controls::Severity::Low;
  return controls::Severity::Medium;
}

// The Exchange server role a STIG is written for, as Get-ExchangeServer's ServerRole names it: Edge
// Transport STIGs cover Edge servers, the 2010/2013 Client Access and Hub Transport STIGs those
// roles, the Email Services Policy STIG and STIGs of other products every server; the others the
// internal role, which Exchange 2016 and later run as the Mailbox role.
std::vector<std::string> roles_of(const std::string& benchmark_title) {
  const auto title = detail::lower(benchmark_title);
  // A STIG of something else (Windows Server, IIS) names no Exchange role.
  if (title.find("exchange") == std::string::npos) return {"Mailbox", "Edge"};
  if (title.find("edge") != std::string::npos) return {"Edge"};
  if (title.find("policy") != std::string::npos) return {"Mailbox", "Edge"};
  if (title.find("client access") != std::string::npos) return {"ClientAccess"};
  if (title.find("hub transport") != std::string::npos) return {"HubTransport"};
  return {"Mailbox"};
}

// Exchange 2019 STIG -> "2019"; the Email Services Policy STIG names no version.
std::vector<std::string> versions_of(const std::string& benchmark_title) {
  static const input::Pattern year(R"(Exchange (?:Server )?(20\d\d)\b)", input::Pattern::Case::Ignored);
  input::Match match;
  if (input::regex_safe(benchmark_title) && year.finds(benchmark_title, match)) return {match.str(1)};
  return {};
}

// The fix text's PowerShell lines, as the remediation script.
std::string script_of(const std::string& fix_text) {
  static const input::Pattern command(R"(^\s*(Set|Enable|Disable|New|Remove|Add|Get)-[A-Za-z]+\b.*$)");
  std::string script;
  for (const auto& line : detail::split_lines(fix_text)) {
    if (input::regex_safe(line) && command.matches(line)) script += detail::trim_copy(line) + "\n";
  }
  return script;
}

controls::Control control_of(const controls::StigRule& rule, const Benchmark& benchmark) {
  controls::Control control;
  control.id = rule.stig_id.empty() ? rule.vuln_id : rule.stig_id;
  control.title = rule.title;
  control.description = rule.discussion.empty() ? rule.title : rule.discussion;
  control.subject = "Server";
  control.category = benchmark.title;
  control.severity = severity_of(rule.severity);
  control.severity_weight = 10;
  control.frameworks = {"DISA"};
  control.roles = roles_of(benchmark.title);
  control.versions = versions_of(benchmark.title);
  control.references.push_back({"DISA STIG " + rule.stig_id + ": " + rule.title + " (" + rule.vuln_id + ")", ""});
  control.stig_references.push_back({rule.stig_id, rule.vuln_id, rule.rule_id, benchmark.id});
  control.remediation.description = rule.fix_text;
  control.remediation.script_template = script_of(rule.fix_text);
  control.stig_rules.push_back(rule);
  control.from_stig = true;
  control.source = benchmark.source;
  control.pointer = "/" + rule.vuln_id;
  auto synthesis = synthesize(rule);
  const auto site = detail::site_conditions_of(rule);
  control.not_applicable_when = site.conditions;
  if (synthesis.check && site.unread.empty()) {
    control.check = std::move(synthesis.check);
    control.values = std::move(synthesis.values);
    control.synthesis_note = synthesis.note;
  } else if (synthesis.check) {
    control.manual_reason =
        "the text names a condition under which the rule does not apply, which no data shows: \"" + site.unread + "\"";
  } else {
    control.manual_reason = synthesis.reason;
  }
  return control;
}

// Rules of one STIG that run the same command (cmdlet, parameters, selected properties) while their titles demand
// opposite states ("must be enabled" / "must be disabled"): DISA contradicts itself, so none of them is automated.
void withdraw_contradictions(std::vector<controls::Control>& controls, std::size_t first) {
  struct Stance {
    std::size_t index;
    bool enabled;
  };
  std::map<std::string, std::vector<Stance>> by_command;
  for (std::size_t i = first; i < controls.size(); ++i) {
    const auto& rule = controls[i].stig_rules.front();
    std::string why;
    const auto command = detail::read_command(rule.check_text, why);
    if (!command) continue;
    std::string key = rule.benchmark_id + "|" + detail::lower(command->cmdlet);
    for (const auto& parameter : command->parameters) {
      key += "|" + detail::lower(parameter.name);
      for (const auto& value : parameter.values) key += "=" + detail::lower(value);
    }
    auto properties = command->properties;
    for (auto& property : properties) property = detail::lower(property);
    std::sort(properties.begin(), properties.end());
    for (const auto& property : properties) key += "|" + property;
    const auto title = detail::lower(rule.title);
    const bool enabled = title.find("must be enabled") != std::string::npos;
    const bool disabled = title.find("must be disabled") != std::string::npos;
    if (enabled != disabled) by_command[key].push_back({i, enabled});
  }
  for (const auto& [key, stances] : by_command) {
    const bool conflict = std::any_of(stances.begin(), stances.end(), [&](const Stance& s) { return s.enabled; }) &&
                          std::any_of(stances.begin(), stances.end(), [&](const Stance& s) { return !s.enabled; });
    if (!conflict) continue;
    std::string ids;
    for (const auto& stance : stances) ids += (ids.empty() ? "" : ", ") + controls[stance.index].id;
    for (const auto& stance : stances) {
      auto& control = controls[stance.index];
      control.check.reset();
      control.values.clear();
      control.manual_reason = "rules " + ids + " of this STIG run the same command and demand opposite states";
    }
  }
}

struct Referrer {
  const controls::Control* control;
  bool same_check;
};

// How one catalog control that references `rule` relates to the STIG rule's own check, and the
// borrowing of its check when the STIG text cannot be synthesized but the catalog declares the
// control's check to be that text.
void relate(controls::Control& rule, const Referrer& referrer, controls::Diagnostics& diagnostics) {
  const auto& control = *referrer.control;
  const auto& vuln = rule.stig_rules.front().vuln_id;
  if (!control.verify || !control.check) {
    rule.join_notes.push_back("catalog control " + control.id + " references it and has no machine check");
    return;
  }
  if (rule.check) {
    const auto why = detail::check_difference(*control.check, control.values, *rule.check, rule.values);
    if (why.empty()) {
      rule.join_notes.push_back("catalog control " + control.id +
                                " checks the same: " + controls::describe(*control.check));
      return;
    }
    rule.join_notes.push_back(
        "catalog control " + control.id + " checks differently (" + why +
        "), so this rule's own check text decides; the catalog checks: " + controls::describe(*control.check));
    if (referrer.same_check) {
      diagnostics.warning(control.source, control.pointer.empty() ? "/references" : control.pointer + "/references",
                          "control " + control.id + " declares the same check as " + vuln +
                              ", but its check differs from the STIG text: " + why);
    }
    return;
  }
  if (!referrer.same_check || !rule.check_from.empty() ||
      !detail::site_conditions_of(rule.stig_rules.front()).unread.empty()) {
    rule.join_notes.push_back("catalog control " + control.id + " checks related settings (" +
                              controls::describe(*control.check) + "), not declared to be this rule's text");
    return;
  }
  rule.check = control.check;
  rule.values = control.values;
  rule.check_from = control.id;
  rule.join_notes.push_back("checked by catalog control " + control.id +
                            "'s check, which the catalog declares to be this rule's check text (sameCheck): " +
                            controls::describe(*control.check) + "; not synthesized because " + rule.manual_reason);
  rule.manual_reason.clear();
}

}  // namespace

controls::Catalog join(const controls::Catalog& catalog, const std::vector<Benchmark>& benchmarks,
                       controls::Diagnostics& diagnostics) {
  controls::Catalog out = catalog;
  std::map<std::string, std::pair<const controls::StigRule*, const Benchmark*>> by_vuln;
  for (const auto& benchmark : benchmarks) {
    for (const auto& rule : benchmark.rules) {
      if (!by_vuln.emplace(rule.vuln_id, std::make_pair(&rule, &benchmark)).second) {
        diagnostics.warning(
            benchmark.source, "/" + rule.vuln_id,
            rule.vuln_id + " is also in " + by_vuln[rule.vuln_id].second->source + "; the first is used");
      }
    }
  }
  // Catalog controls keep their own rules; the STIG rules they reference lend them their CCIs.
  std::set<std::string> ids;
  std::set<std::string> linked;
  for (auto& control : out.controls) {
    ids.insert(control.id);
    for (const auto& reference : control.stig_references) {
      const auto found = by_vuln.find(reference.vuln_id);
      if (reference.vuln_id.empty() || found == by_vuln.end()) continue;
      const auto& rule = *found->second.first;
      if (!reference.stig_id.empty() && reference.stig_id != rule.stig_id) {
        diagnostics.warning(control.source, control.pointer.empty() ? "/references" : control.pointer + "/references",
                            "control " + control.id + " names " + reference.vuln_id + " as " + reference.stig_id +
                                ", but " + found->second.second->title + " calls it " + rule.stig_id);
      }
      if (linked.insert(reference.vuln_id + "|" + control.id).second) control.stig_rules.push_back(rule);
    }
  }
  std::map<std::string, std::vector<Referrer>> referrers;
  for (const auto& control : out.controls) {
    std::set<std::string> seen;
    for (const auto& reference : control.stig_references) {
      if (reference.vuln_id.empty() || !by_vuln.contains(reference.vuln_id)) continue;
      auto& list = referrers[reference.vuln_id];
      if (seen.insert(reference.vuln_id).second) {
        list.push_back({&control, reference.same_check});
      } else if (reference.same_check) {
        list.back().same_check = true;
      }
    }
  }
  // Every STIG rule is a rule of its own, decided by its own check text: the catalog's controls may
  // check something close to it, which is reported, never substituted.
  std::vector<controls::Control> rules;
  std::set<std::string> seen;
  for (const auto& benchmark : benchmarks) {
    const auto first = rules.size();
    for (const auto& rule : benchmark.rules) {
      if (!seen.insert(rule.vuln_id).second) continue;
      auto control = control_of(rule, benchmark);
      if (!ids.insert(control.id).second) control.id += "_" + rule.vuln_id;  // same STIG ID in two STIGs
      ids.insert(control.id);
      rules.push_back(std::move(control));
    }
    withdraw_contradictions(rules, first);
    if (rules.size() > first) {
      out.stigs.push_back({benchmark.id, benchmark.title, benchmark.description, benchmark.version,
                           benchmark.release_info, std::filesystem::path(benchmark.source).filename().string()});
    }
  }
  for (auto& rule : rules) {
    const auto found = referrers.find(rule.stig_rules.front().vuln_id);
    if (found == referrers.end()) continue;
    for (const auto& referrer : found->second) relate(rule, referrer, diagnostics);
  }
  for (auto& rule : rules) out.controls.push_back(std::move(rule));
  return out;
}

}  // namespace scapc::stig
