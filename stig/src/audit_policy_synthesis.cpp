#include "audit_policy_synthesis.h"

#include <scapc/controls.h>

#include <algorithm>
#include <array>

#include "text.h"

namespace scapc::stig::detail {
namespace {

using controls::Condition;

// The subcategory as OVAL names its entity: "Credential Validation" -> credential_validation,
// "Other Logon/Logoff Events" -> other_logon_logoff_events; the collector names them alike.
std::string audit_entity_of(const std::string& subcategory) {
  std::string out;
  for (const char c : lower(trim_copy(subcategory))) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  static const std::array<std::pair<std::string_view, std::string_view>, 3> kRenamed{
      {{"plug_and_play_events", "pnp_activity"},
       {"token_right_adjusted_events", "audit_detailedtracking_tokenrightadjusted"},
       {"central_policy_staging", "central_access_policy_staging"}}};
  for (const auto& [from, to] : kRenamed) {
    if (out == from) return std::string(to);
  }
  return out;
}

// Sentences that say how to look and add no condition; "audit_finding" is the one that states the
// finding. Any other sentence keeps the rule manual ("This applies to domain controllers").
enum class AuditSentence { Neutral, Finding };

std::optional<AuditSentence> known_audit_sentence(std::string sentence) {
  sentence = lower(trim_copy(sentence));
  while (!sentence.empty() && (sentence.back() == '.' || sentence.back() == ':' || sentence.back() == ' '))
    sentence.pop_back();
  std::erase(sentence, '"');
  if (sentence == "if the system does not audit the following, this is a finding") return AuditSentence::Finding;
  static const std::array<std::string_view, 6> kNeutral{
      "use the auditpol tool to review the current audit policy configuration",
      "open an elevated command prompt (run as administrator)",
      "open powershell or a command prompt with elevated privileges (run as administrator)",
      "enter auditpol /get /category:*",
      "compare the auditpol settings with the following",
      "compare the auditpol settings with the following. if the system does not audit the following, this is a "
      "finding"};
  for (const auto neutral : kNeutral) {
    if (sentence == neutral)
      return neutral.find("this is a finding") != std::string_view::npos ? AuditSentence::Finding
                                                                         : AuditSentence::Neutral;
  }
  // The prerequisite that points at the rule forcing subcategories over categories.
  if (sentence.starts_with("security option audit: force audit policy subcategory settings") &&
      sentence.ends_with("for the detailed auditing subcategories to be effective"))
    return AuditSentence::Neutral;
  return std::nullopt;
}

Synthesis audit_manual(std::string why) {
  Synthesis out;
  out.reason = std::move(why);
  return out;
}

controls::Literal setting(const char* value) {
  controls::Literal literal;
  literal.text = value;
  return literal;
}

}  // namespace

bool has_audit_policy_line(const std::string& check_text) {
  return check_text.find(" >> ") != std::string::npos && lower(check_text).find("auditpol") != std::string::npos;
}

Synthesis audit_policy_synthesis(const controls::StigRule& rule) {
  std::vector<std::string> statements;
  std::vector<std::string> others;
  for (const auto& line : split_lines(rule.check_text)) {
    const auto trimmed = trim_copy(line);
    if (trimmed.empty()) continue;
    (trimmed.find(" >> ") != std::string::npos ? statements : others).push_back(trimmed);
  }
  if (statements.size() != 1) return audit_manual("the check text names more than one audit policy subcategory");
  bool finding = false;
  for (const auto& sentence : split_sentences(others)) {
    const auto kind = known_audit_sentence(sentence);
    if (!kind) return audit_manual("the check text says more than the audit policy: \"" + sentence + "\"");
    finding = finding || *kind == AuditSentence::Finding;
  }
  if (!finding) return audit_manual("the check text does not say that a missing audit setting is a finding");

  // "Account Logon >> Credential Validation - Success"
  const auto& statement = statements.front();
  const auto arrow = statement.find(" >> ");
  const auto dash = statement.rfind(" - ");
  if (dash == std::string::npos || dash < arrow)
    return audit_manual("cannot read the audit setting \"" + statement + "\"");
  const auto entity = audit_entity_of(statement.substr(arrow + 4, dash - arrow - 4));
  const auto outcome = lower(trim_copy(statement.substr(dash + 3)));
  const auto& known = controls::item_properties(controls::DataKind::AuditPolicy);
  if (std::find(known.begin(), known.end(), entity) == known.end())
    return audit_manual("OVAL has no audit policy subcategory '" + entity + "'");
  if (outcome != "success" && outcome != "failure")
    return audit_manual("cannot read the audit outcome \"" + outcome + "\"");

  Condition condition;
  condition.property = entity;
  condition.op = controls::Op::In;
  condition.values = {setting(outcome == "success" ? "AUDIT_SUCCESS" : "AUDIT_FAILURE"),
                      setting("AUDIT_SUCCESS_FAILURE")};

  controls::Check check;
  check.kind = controls::Check::Kind::Query;
  check.query.data = controls::DataKind::AuditPolicy;
  check.query.cmdlet = "auditPolicy";
  check.query.properties = {entity};
  check.query.condition = condition;
  check.description = "the audit policy audits " + statement.substr(arrow + 4);
  Synthesis out;
  out.reason = "automated: audit policy " + controls::describe(condition);
  out.check = std::move(check);
  return out;
}

}  // namespace scapc::stig::detail
