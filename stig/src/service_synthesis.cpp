#include "service_synthesis.h"

#include <scapc/controls.h>
#include <scapc/pattern.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "text.h"

namespace scapc::stig::detail {
namespace {

using input::Match;
using input::Pattern;

// "Get-Service -Name MSExchangeIMAPBE,MSExchangeImap4 |Select-Object -Property Name,StartType":
// plain service names (a wildcard would widen what the reviewer looks at) and a selection that
// shows the start type.
const Pattern& service_command_pattern() {
  static const Pattern pattern(
      R"re(Get-Service\s+-Name\s+([A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)\s*\|\s*(?:Select-Object|Select)\s+(?:-Property\s+)?([A-Za-z]+(?:\s*,\s*[A-Za-z]+)*))re",
      Pattern::Case::Ignored);
  return pattern;
}

// "If ANY of the IMAP services StartType is NOT set to "Disabled", this is a finding."
const Pattern& start_type_finding_pattern() {
  static const Pattern pattern(
      R"re(if any of the (?:[a-z0-9-]+ )*services starttype is not set to (disabled|manual|automatic), this is a finding)re",
      Pattern::Case::Ignored);
  return pattern;
}

// Sentences that say how to look or which protocol the rule is about, and add no condition. The
// IMAP note says that IMAP Secure is not restricted; DISA's Exchange 2016 rule with the same note
// checks the same service's start value, so the note narrows nothing the command does not.
bool neutral_sentence(const std::string& sentence) {
  static const Pattern kNeutral(
      R"re(open (?:the )?windows powershell(?: in an elevated prompt)? and enter the following commands?:?)re"
      R"re(|(?:note: )?this requirement applies to [a-z0-9]+)re"
      R"re(|[a-z0-9]+ secure is not restricted and does not apply to this requirement)re",
      Pattern::Case::Ignored);
  return kNeutral.matches(sentence);
}

Synthesis service_manual(std::string why) {
  Synthesis out;
  out.reason = std::move(why);
  return out;
}

std::string without_trailing(std::string text) {
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  std::erase(text, '"');
  return text;
}

// The start type a finding names, as OVAL's service_item writes it.
const char* oval_start_type(const std::string& words) {
  const auto word = lower(words);
  if (word == "disabled") return "SERVICE_DISABLED";
  if (word == "manual") return "SERVICE_DEMAND_START";
  return "SERVICE_AUTO_START";
}

// Service names DISA misspells, with the service Exchange installs instead. Checking the
// misspelling alone would pass a server whose real service runs, a looser check than the rule's
// title and intent.
struct Correction {
  std::string_view wrong;  // lower case
  std::string_view right;
  std::string_view what;
};

const Correction* correction_of(const std::string& name) {
  static const std::array<Correction, 1> kCorrections{
      {{"msexchangeimapbe", "MSExchangeIMAP4BE", "the IMAP4 back-end service"}}};
  for (const auto& correction : kCorrections) {
    if (lower(name) == correction.wrong) return &correction;
  }
  return nullptr;
}

}  // namespace

bool has_named_service_command(const std::string& check_text) {
  return lower(check_text).find("get-service -name ") != std::string::npos;
}

Synthesis service_synthesis(const controls::StigRule& rule) {
  std::vector<std::string> commands;
  std::vector<std::string> others;
  for (const auto& line : split_lines(rule.check_text)) {
    const auto trimmed = trim_copy(line);
    if (trimmed.empty()) continue;
    (lower(trimmed).find("get-service") != std::string::npos ? commands : others).push_back(trimmed);
  }
  if (commands.size() != 1) return service_manual("the check text runs Get-Service more than once");
  Match command;
  if (!service_command_pattern().matches(commands.front(), command))
    return service_manual("cannot read the service command \"" + commands.front() + "\"");
  const auto shown = split_list(command.view(2));
  if (std::none_of(shown.begin(), shown.end(), [](const std::string& p) { return lower(p) == "starttype"; }))
    return service_manual("the service command does not show StartType");

  std::string start_type;
  std::string start_word;
  for (const auto& sentence : split_sentences(others)) {
    const auto plain = without_trailing(sentence);
    Match finding;
    if (start_type_finding_pattern().matches(plain, finding)) {
      if (!start_type.empty()) return service_manual("the check text states more than one start type");
      start_word = lower(finding.str(1));
      start_type = oval_start_type(start_word);
    } else if (!neutral_sentence(plain)) {
      return service_manual("the check text says more than the service start type: \"" + sentence + "\"");
    }
  }
  if (start_type.empty()) return service_manual("the check text states no start type that is a finding");

  // Windows compares service names ignoring case; so does the pattern, anchored at both ends.
  auto names = split_list(command.view(1));
  std::string note;
  for (std::size_t i = 0, given = names.size(); i < given; ++i) {
    const auto* correction = correction_of(names[i]);
    if (correction == nullptr) continue;
    if (!note.empty()) note += "; ";
    note += "the check text names service " + names[i] + ", which Exchange does not install; " +
            std::string(correction->what) + " " + std::string(correction->right) + " is checked too";
    names.emplace_back(correction->right);
  }
  std::string alternatives;
  for (const auto& name : names) {
    if (!alternatives.empty()) alternatives += '|';
    for (const char c : name) {
      if (c == '.') alternatives += '\\';
      alternatives += c;
    }
  }
  controls::ObjectEntity service_name;
  service_name.name = "service_name";
  service_name.value = "(?i)^(" + alternatives + ")$";
  service_name.pattern = true;

  controls::Literal wanted;
  wanted.text = start_type;
  controls::Condition condition;
  condition.property = "start_type";
  condition.op = controls::Op::Equals;
  condition.values = {wanted};

  controls::Check check;
  check.kind = controls::Check::Kind::Query;
  check.query.data = controls::DataKind::Service;
  check.query.cmdlet = "service";
  check.query.entities = {service_name};
  check.query.properties = {"start_type"};
  check.query.condition = condition;
  // A service that is not installed cannot start: no finding.
  check.query.on_empty = controls::EmptyResult::Pass;
  check.description = "the start type of the services " + std::string(command.view(1)) + " is " + start_word;
  Synthesis out;
  out.reason = "automated: services " + service_name.value + ": " + controls::describe(condition) +
               " (a service that is not installed passes)";
  out.note = std::move(note);
  out.check = std::move(check);
  return out;
}

}  // namespace scapc::stig::detail
