// Answers carried forward from an earlier assessment to the rules a person answers. The rule is
// found by V-ID (DISA's identity across releases) and must keep its STIG ID; the answer is carried
// only when the check it answered is the one this content asks, compared as text.
#include <scapc/answers.h>
#include <scapc/input.h>

#include <algorithm>
#include <cctype>
#include <functional>

namespace scapc::check {
namespace {

using xccdf::RuleResult;

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string first_label(const std::string& name) {
  return name.substr(0, name.find('.'));
}

// Line endings and wrapping are not a change.
std::string normalized(const std::string& text) {
  return input::collapse_whitespace(text);
}

bool decided(RuleResult result) {
  return result == RuleResult::Pass || result == RuleResult::Fail || result == RuleResult::NotApplicable ||
         result == RuleResult::Fixed;
}

const PreviousAnswer* find_answer(const AnswerSet& set, const std::string& vuln, const xccdf::loaded::Item& rule) {
  if (!vuln.empty()) {
    const auto found = set.by_vuln.find(vuln);
    return found == set.by_vuln.end() ? nullptr : &found->second;
  }
  for (const auto& key : {rule.rule.version, short_rule_id(rule.id), rule.id}) {
    if (key.empty()) continue;
    if (const auto found = set.by_rule.find(key); found != set.by_rule.end()) return &found->second;
  }
  return nullptr;
}

std::string quoted(const PreviousAnswer& answer) {
  std::string out = "earlier answer: " + answer.status;
  if (!answer.finding_details.empty()) out += "; finding details: \"" + answer.finding_details + "\"";
  if (!answer.comments.empty()) out += "; comments: \"" + answer.comments + "\"";
  return out;
}

std::string release_or_unknown(const std::string& release) {
  return release.empty() ? "an unnamed release" : release;
}

// Why the answer cannot stand for this rule any more; "" when it can.
std::string why_not_carried(const PreviousAnswer& answer, const xccdf::loaded::Item& rule, const std::string& release) {
  if (answer.conflicting) return "the earlier file answers the rule more than once, differently";
  if (!answer.rule_version.empty() && !rule.rule.version.empty() && answer.rule_version != rule.rule.version) {
    return "the rule's STIG ID changed from " + answer.rule_version + " to " + rule.rule.version;
  }
  const bool stig_rule = rule.rule.stig.has_value() && !rule.rule.stig->check_text.empty();
  if (stig_rule && !answer.check_text.empty()) {
    if (normalized(answer.check_text) == normalized(rule.rule.stig->check_text)) return {};
    return "the check text changed between " + release_or_unknown(answer.release) + " (the earlier answer) and " +
           release + " (this content)";
  }
  // Without both texts, only the same release shows that the question is the same.
  if (!answer.release.empty() && !release.empty() && answer.release != release) {
    return "the earlier file does not hold the check text it answered, and its release " + answer.release +
           " is not this content's " + release;
  }
  return {};
}

}  // namespace

bool decided_by_oval(const RuleOutcome& outcome) {
  return std::any_of(outcome.checks.begin(), outcome.checks.end(),
                     [](const CheckReference& check) { return check.system == xccdf::kOvalSystem; });
}

std::string release_of(const xccdf::loaded::Benchmark& benchmark, const xccdf::loaded::Item& rule) {
  if (rule.rule.stig) {
    for (const auto& stig : benchmark.stigs) {
      if (stig.id == rule.rule.stig->benchmark) return release_name(stig.version, stig.release_info);
    }
  }
  return release_name(benchmark.version, "");
}

bool names_host(const std::string& name, const Host& host) {
  if (std::find(host.ip_addresses.begin(), host.ip_addresses.end(), name) != host.ip_addresses.end()) return true;
  if (name.find('.') != std::string::npos && !host.fqdn.empty()) return same_name(name, host.fqdn);
  const auto short_name = first_label(name);
  const std::vector<const std::string*> known = {&host.host_name, &host.fqdn, &host.exchange_name};
  return std::any_of(known.begin(), known.end(), [&](const std::string* known_name) {
    return !known_name->empty() && same_name(short_name, first_label(*known_name));
  });
}

std::string release_name(const std::string& version, const std::string& release_info) {
  // A scan, not a regular expression: release info is read from files anyone wrote.
  std::string release;
  const auto marker = release_info.find("Release:");
  if (marker != std::string::npos) {
    auto at = release_info.find_first_not_of(" \t", marker + 8);
    while (at != std::string::npos && at < release_info.size() && release.size() < 9 &&
           std::isdigit(static_cast<unsigned char>(release_info[at])) != 0) {
      release += release_info[at++];
    }
  }
  if (version.empty()) return release.empty() ? "" : "R" + release;
  return "V" + version + (release.empty() ? "" : "R" + release);
}

std::vector<const AnswerSet*> answers_for(const PreviousAnswers& answers, const Host& host) {
  std::vector<const AnswerSet*> out;
  for (const auto& set : answers.sets) {
    if (!set.host.empty() && names_host(set.host, host)) out.push_back(&set);
  }
  for (const auto& set : answers.sets) {
    if (set.host.empty()) out.push_back(&set);
  }
  return out;
}

std::vector<const AnswerSet*> unmatched_answer_sets(const PreviousAnswers& answers, const std::vector<Host>& hosts) {
  std::vector<const AnswerSet*> out;
  for (const auto& set : answers.sets) {
    if (set.host.empty()) continue;
    const bool matched =
        std::any_of(hosts.begin(), hosts.end(), [&](const Host& host) { return names_host(set.host, host); });
    if (!matched) out.push_back(&set);
  }
  return out;
}

std::size_t answered_rules(const AnswerSet& set, const xccdf::loaded::Benchmark& benchmark) {
  std::size_t count = 0;
  std::function<void(const std::vector<xccdf::loaded::Item>&)> visit = [&](const auto& items) {
    for (const auto& item : items) {
      if (item.kind != xccdf::loaded::Item::Kind::Rule) {
        visit(item.children);
        continue;
      }
      bool found = find_answer(set, vuln_id_of(item), item) != nullptr;
      for (const auto& check : item.rule.checks) {
        for (const auto& ref : check.content_refs) found = found || set.by_questionnaire.contains(ref.name);
      }
      if (found) ++count;
    }
  };
  visit(benchmark.items);
  return count;
}

void apply_answers(const std::vector<const AnswerSet*>& sets, const xccdf::loaded::Benchmark& benchmark,
                   const xccdf::loaded::Item& rule, bool evaluated, RuleOutcome& outcome) {
  const bool by_person = !decided_by_oval(outcome);
  // An answer fills a rule nobody answered, or is a second opinion on one this run's check or
  // answer decided. A rule not selected, or decided by its platform, is neither.
  const bool open = by_person && outcome.result == RuleResult::NotChecked;
  if (sets.empty() || !(open || (evaluated && decided(outcome.result)))) return;
  const auto vuln = vuln_id_of(rule);
  const PreviousAnswer* answer = nullptr;
  const AnswerSet* from = nullptr;
  PreviousAnswer from_questionnaire;
  for (const auto* set : sets) {
    answer = find_answer(*set, vuln, rule);
    if (answer == nullptr && by_person) {
      for (const auto& check : outcome.checks) {
        const auto found = set->by_questionnaire.find(check.name);
        if (found == set->by_questionnaire.end()) continue;
        from_questionnaire.result = found->second;
        from_questionnaire.status = found->second;
        answer = &from_questionnaire;
        break;
      }
    }
    if (answer != nullptr) {
      from = set;
      break;
    }
  }
  if (answer == nullptr) return;
  RuleResult earlier = RuleResult::NotChecked;
  // OCIL's UNKNOWN, ERROR and NOT_TESTED are no answer to carry.
  if (!parse_result(answer->result, earlier) || !(decided(earlier) || earlier == RuleResult::Informational)) {
    return;
  }

  AnswerApplied applied{
      from->source, answer->release, answer->status, answer->finding_details, answer->comments, false, {}};
  const auto release = release_of(benchmark, rule);
  const auto where = from->source + (answer->release.empty() ? "" : ", " + answer->release);
  if (!open) {
    // This run decided: the earlier answer only counts as a second opinion where it disagrees.
    if (!decided(earlier) || earlier == outcome.result) return;
    applied.note = std::string("an earlier assessment (") + where + ") recorded " + answer->status + "; " +
                   (by_person ? "this run's answer" : "the automated check") + " decides " + to_string(outcome.result);
    outcome.messages.push_back(applied.note);
    outcome.answer = std::move(applied);
    return;
  }
  if (const auto why = why_not_carried(*answer, rule, release); !why.empty()) {
    applied.note = "Not carried forward: " + why + "; " + quoted(*answer) + " (" + where + ").";
    outcome.messages.push_back(applied.note);
    outcome.answer = std::move(applied);
    return;
  }
  applied.carried = true;
  outcome.result = earlier == RuleResult::Fixed ? RuleResult::Pass : earlier;
  outcome.messages.clear();
  outcome.messages.push_back("answer carried forward from " + where + ": " + answer->status);
  if (!answer->finding_details.empty()) outcome.messages.push_back(answer->finding_details);
  // XCCDF results have no comment field: a message marked so that --answers reads it back as one.
  if (!answer->comments.empty()) outcome.messages.push_back("comments: " + answer->comments);
  outcome.answer = std::move(applied);
}

}  // namespace scapc::check
