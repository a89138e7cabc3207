// From check text to a declarative check. Only sentences of known shapes are read; any "this is a
// finding" sentence that is not understood keeps the rule manual, so a synthesized check is never a
// guess. docs/stig-synthesis.md lists the shapes.
#include <scapc/input.h>
#include <scapc/pattern.h>
#include <scapc/stig.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <ranges>
#include <set>

#include "command.h"
#include "text.h"

namespace scapc::stig {
namespace {

using controls::Condition;
using controls::Op;
using controls::ValueType;

enum class Branch { Always, WithoutSmartHost, WithSmartHost };

struct Requirement {  // what a compliant object satisfies, from one finding sentence
  Branch branch = Branch::Always;
  Condition condition;
};

struct Reading {
  std::vector<Requirement> requirements;
  bool for_each = false;
  bool none_may_exist = false;     // "If the result returns any values, this is a finding."
  bool site_defined = false;       // the EDSP may set another value
  std::set<std::string> includes;  // properties a note says may hold more than the named value
  std::string manual;              // non-empty: why the text cannot be automated
};

std::string normalize(std::string text) {
  const std::array<std::pair<const char*, const char*>, 5> replacements{{{"\xE2\x80\x9C", "\""},
                                                                         {"\xE2\x80\x9D", "\""},
                                                                         {"\xE2\x80\x98", "'"},
                                                                         {"\xE2\x80\x99", "'"},
                                                                         {"\xE2\x80\x93", "-"}}};
  for (const auto& [from, to] : replacements) {
    for (auto p = text.find(from); p != std::string::npos; p = text.find(from)) text.replace(p, std::strlen(from), to);
  }
  return text;
}

// Sentences of the text, except notes, which are whole lines starting "Note:" and go to `notes`.
std::vector<std::string> sentences(const std::string& text, std::vector<std::string>& notes) {
  std::vector<std::string> out;
  for (const auto& line : detail::split_lines(text)) {
    if (detail::lower(detail::trim_copy(line)).rfind("note:", 0) == 0) {
      notes.push_back(detail::trim_copy(line));
      continue;
    }
    std::string current;
    for (std::size_t i = 0; i < line.size(); ++i) {
      current += line[i];
      const bool boundary = line[i] == '.' && i + 2 < line.size() && line[i + 1] == ' ' &&
                            std::isupper(static_cast<unsigned char>(line[i + 2])) != 0;
      if (boundary) {
        out.push_back(detail::trim_copy(current));
        current.clear();
      }
    }
    if (!detail::trim_copy(current).empty()) out.push_back(detail::trim_copy(current));
  }
  return out;
}

controls::Literal text_literal(const std::string& text) {
  controls::Literal literal;
  literal.type = ValueType::String;
  literal.text = text;
  return literal;
}

// The literal's type as Exchange prints such values.
controls::Literal literal_for(const std::string& property, const std::string& text) {
  static const input::Pattern integer(R"(-?\d+)");
  static const input::Pattern timespan(R"((\d+\.)?\d{2}:\d{2}:\d{2})");
  static const input::Pattern bytes(R"(\d+(\.\d+)?\s*(B|KB|MB|GB|TB))", input::Pattern::Case::Ignored);
  ValueType type = ValueType::String;
  const auto lowered = detail::lower(text);
  if (lowered == "true" || lowered == "false") {
    type = ValueType::Boolean;
  } else if (integer.matches(text)) {
    type = ValueType::Int;
  } else if (timespan.matches(text)) {
    type = ValueType::TimeSpan;
  } else if (bytes.matches(text)) {
    type = ValueType::Bytes;
  } else if (lowered == "unlimited") {
    const auto name = detail::lower(property);
    type = name.find("size") != std::string::npos || name.find("quota") != std::string::npos ? ValueType::Bytes
                                                                                             : ValueType::Int;
  }
  std::string why;
  auto literal = controls::parse_literal(type, text, why);
  return literal ? *literal : text_literal(text);
}

Condition property_test(const std::string& property, Op op, const controls::Literal& literal) {
  Condition condition;
  condition.kind = Condition::Kind::Property;
  condition.property = property;
  condition.op = op;
  condition.type = literal.type;
  condition.values.push_back(literal);
  condition.ignore_case = literal.type == ValueType::String;
  return condition;
}

Condition all_of(std::vector<Condition> children) {
  if (children.size() == 1) return children.front();
  Condition condition;
  condition.kind = Condition::Kind::AllOf;
  condition.children = std::move(children);
  return condition;
}

Condition any_of(std::vector<Condition> children) {
  Condition condition;
  condition.kind = Condition::Kind::AnyOf;
  condition.children = std::move(children);
  return condition;
}

// "Tls, BasicAuth, BasicAuthRequireTLS": a flag set, which must be exactly these flags.
Condition exact_flags(const std::string& property, const std::string& text) {
  std::vector<Condition> parts;
  Condition members;
  members.kind = Condition::Kind::Property;
  members.property = property;
  members.op = Op::In;
  members.type = ValueType::String;
  members.ignore_case = true;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto flag =
        detail::trim_copy(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    auto contains = property_test(property, Op::Contains, text_literal(flag));
    parts.push_back(contains);
    members.values.push_back(text_literal(flag));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  parts.push_back(members);
  return all_of(std::move(parts));
}

// One finding sentence: the requirement it implies, or why it cannot be read.
// Flag enumerations: "not set to Tls" could mean "exactly Tls" or "includes Tls".
bool is_flag_enumeration(const std::string& property) {
  const auto name = detail::lower(property);
  return name == "authmechanism" || name == "permissiongroups" || name == "internalauthenticationmethods" ||
         name == "externalauthenticationmethods";
}

std::optional<Requirement> read_finding(std::string sentence, const detail::Command& command,
                                        const std::set<std::string>& includes, std::string& why) {
  static const input::Pattern no_smart_host(
      R"((?:the send connector does not use a smart ?host and |,? and the send ?connector is not using a smart ?host))",
      input::Pattern::Case::Ignored);
  static const input::Pattern with_smart_host(
      R"(the send connector (?:using|does use) a smart ?host (?:has a value for|and))", input::Pattern::Case::Ignored);
  Requirement requirement;
  if (no_smart_host.finds(sentence)) {
    requirement.branch = Branch::WithoutSmartHost;
    sentence = no_smart_host.replace_all(sentence, "");
  } else if (with_smart_host.finds(sentence)) {
    requirement.branch = Branch::WithSmartHost;
    sentence = with_smart_host.replace_all(sentence, "the value of");
  }
  // "If no SMTP address is assigned to X" / "If the property X is not set": X must hold something.
  static const input::Pattern unset(
      R"re(^if (?:no [a-z ]+ is assigned to|the property) "([A-Za-z][A-Za-z0-9]*)"(?: is not set)?,? this is a finding\.?$)re",
      input::Pattern::Case::Ignored);
  input::Match unset_match;
  if (unset.matches(sentence, unset_match) && detail::shows(command, unset_match.str(1))) {
    requirement.condition.kind = Condition::Kind::Property;
    requirement.condition.property = unset_match.str(1);
    requirement.condition.op = Op::NotEmpty;
    return requirement;
  }
  // "If the value returned is not V": the command's one value (a scalar cmdlet, or one selected property).
  static const input::Pattern returned(
      R"re(^if the value (?:returned is not|does not return) (?:"([^"]*)"|([A-Za-z0-9:.$-]+)),? this is a finding\.?$)re",
      input::Pattern::Case::Ignored);
  input::Match returned_match;
  if (returned.matches(sentence, returned_match)) {
    std::vector<std::string> candidates;
    for (const auto& p : command.properties) {
      const auto name = detail::lower(p);
      if (name != "name" && name != "identity") candidates.push_back(p);
    }
    if (command.scalar) candidates = {command.cmdlet.substr(4)};
    if (candidates.size() != 1) {
      why = "\"" + sentence + "\" does not say which property it means";
      return std::nullopt;
    }
    const std::string value = returned_match.matched(1) ? returned_match.str(1) : returned_match.str(2);
    requirement.condition = property_test(candidates.front(), Op::Equals, literal_for(candidates.front(), value));
    return requirement;
  }
  // Property: "X" or a bare CamelCase name. Value: "V" or a bare token.
  static const input::Pattern shape(
      R"re(^(?:For each [^,]+, )?if (?:the value (?:of|for) |any of the |any )?(?:"([A-Za-z][A-Za-z0-9]*)"|([A-Z][A-Za-z0-9]+))(?: services)? (?:StartType )?(?:that )?(is set to a value other than|returns a value other than|is not set to|is NOT set to|is not|is set to|does not return) (?:"([^"]*)"|([A-Za-z0-9:.$-]+))( or greater| or less)?,? this is a finding\.?$)re",
      input::Pattern::Case::Ignored);
  input::Match match;
  if (!shape.matches(sentence, match)) {
    why = "cannot read the finding \"" + sentence + "\"";
    return std::nullopt;
  }
  const std::string property = match.matched(1) ? match.str(1) : match.str(2);
  const std::string verb = detail::lower(match.str(3));
  const std::string value = match.matched(4) ? match.str(4) : match.str(5);
  const std::string bound = detail::lower(match.str(6));
  if (!detail::shows(command, property)) {
    why = "the finding names \"" + property + "\", which the command does not select";
    return std::nullopt;
  }
  if (detail::lower(command.cmdlet) == "get-accepteddomain" && detail::lower(property) == "default") {
    why = "only one accepted domain can be the default, and the text does not say which must be";
    return std::nullopt;
  }
  const bool negative = verb == "is set to";  // "If X is set to V, this is a finding"
  if (value == "$null" || detail::lower(value) == "null") {
    // "If X is not $null, this is a finding": X must be empty; "is set to $null": it must not be.
    if (!bound.empty()) {
      why = "an ordering against $null";
      return std::nullopt;
    }
    requirement.condition.kind = Condition::Kind::Property;
    requirement.condition.property = property;
    requirement.condition.op = negative ? Op::NotEmpty : Op::Empty;
    return requirement;
  }
  if (value.find(',') != std::string::npos && !negative && bound.empty()) {
    requirement.condition = exact_flags(property, value);
    return requirement;
  }
  const auto literal = literal_for(property, value);
  if (!negative && bound.empty() && is_flag_enumeration(property)) {
    if (includes.contains(detail::lower(property))) {
      requirement.condition = property_test(property, Op::Contains, literal);
      return requirement;
    }
    why = "\"" + property + "\" holds several flags; \"not set to " + value + "\" may mean exactly or including it";
    return std::nullopt;
  }
  if (!bound.empty()) {
    if (literal.type == ValueType::String || literal.type == ValueType::Boolean) {
      why = "an ordering on a non-numeric value";
      return std::nullopt;
    }
    requirement.condition =
        property_test(property, bound == " or greater" ? Op::GreaterOrEqual : Op::LessOrEqual, literal);
  } else if (negative) {
    requirement.condition =
        property_test(property, literal.type == ValueType::String ? Op::NotContains : Op::NotEquals, literal);
  } else {
    requirement.condition = property_test(property, Op::Equals, literal);
  }
  return requirement;
}

Reading read_text_of(const controls::StigRule& rule, const detail::Command& command) {
  Reading reading;
  std::vector<std::string> statements;
  const auto text = normalize(rule.check_text);
  static const input::Pattern edsp_exception(
      R"((EDSP|Email Domain Security Plan).*(signoff|sign-off|risk acceptance|documented)|signoff and risk acceptance)",
      input::Pattern::Case::Ignored);
  // An exception that changes the comparison itself ("set to more than 10 ... is not a finding").
  static const input::Pattern reshaped(R"(\b(more than|less than|greater than|fewer than|or is set to unlimited)\b)",
                                       input::Pattern::Case::Ignored);
  // "Note: AuthMechanism may include other mechanisms as long as the "Tls" is identified."
  static const input::Pattern includes_note(
      R"re(^note:\s*"?([A-Za-z]+)"? may include other [a-z]+ as long as (?:the )?"([^"]+)" is (?:identified|included|present))re",
      input::Pattern::Case::Ignored);
  static const input::Pattern relaxing_note(R"(^note:.*\b(may|permitted|allowed|acceptable|except|exempt)\b)",
                                            input::Pattern::Case::Ignored);
  std::vector<std::string> notes;
  const auto all = sentences(text, notes);
  for (const auto& note : notes) {
    input::Match match;
    if (includes_note.finds(note, match)) {
      reading.includes.insert(detail::lower(match.str(1)));
    } else if (relaxing_note.finds(note)) {
      reading.manual = "a note allows exceptions that need judgment: \"" + note + "\"";
      return reading;
    }
  }
  for (const auto& sentence : all) {
    const auto lowered = detail::lower(sentence);
    if (lowered.rfind("identify ", 0) == 0 || lowered.rfind("determine which", 0) == 0) {
      reading.manual = "the reviewer chooses which objects the finding applies to: \"" + sentence + "\"";
      return reading;
    }
    const bool finding = lowered.find("this is a finding") != std::string::npos;
    const bool not_finding = lowered.find("this is not a finding") != std::string::npos;
    if (not_finding) {
      if (edsp_exception.finds(sentence) && !reshaped.finds(sentence)) {
        reading.site_defined = true;
        continue;
      }
      reading.manual = "an exception stated in words: \"" + sentence + "\"";
      return reading;
    }
    static const input::Pattern stated_requirement(R"re("[A-Za-z]+".*\b(must|required)\b)re",
                                                   input::Pattern::Case::Ignored);
    if (!finding && stated_requirement.finds(sentence)) {
      statements.push_back(sentence);
      continue;
    }
    if (lowered.rfind("for each", 0) == 0) reading.for_each = true;  // "For each send connector:" too
    if (!finding) continue;
    if (lowered == "if the result returns any values, this is a finding." ||
        lowered == "if any values are returned, this is a finding.") {
      reading.none_may_exist = true;
      continue;
    }
    if (lowered == "if no value is returned, this is a finding.") continue;  // the default: nothing fails
    if (edsp_exception.finds(sentence) || lowered.find("edsp") != std::string::npos) {
      reading.manual = "the finding depends on what the EDSP documents: \"" + sentence + "\"";
      return reading;
    }
    std::string why;
    auto requirement = read_finding(sentence, command, reading.includes, why);
    if (!requirement) {
      reading.manual = why;
      return reading;
    }
    reading.requirements.push_back(std::move(*requirement));
  }
  // A "must" outside the findings is harmless only when the findings test every property it names.
  std::set<std::string> tested;
  std::vector<const Condition*> pending;
  for (const auto& requirement : reading.requirements) pending.push_back(&requirement.condition);
  while (!pending.empty()) {
    const auto* condition = pending.back();
    pending.pop_back();
    if (condition->kind == Condition::Kind::Property) tested.insert(detail::lower(condition->property));
    for (const auto& child : condition->children) pending.push_back(&child);
  }
  static const input::Pattern quoted(R"re("([A-Za-z][A-Za-z0-9]*)")re");
  for (const auto& statement : statements) {
    for (const auto& name : quoted.all(statement, 1)) {
      if (!tested.contains(detail::lower(name))) {
        reading.manual = "a requirement stated outside the finding sentences: \"" + statement + "\"";
        return reading;
      }
    }
  }
  return reading;
}

// Where the title states a different requirement than the one condition the check text sets: a
// title saying "enabled" (or "disabled") of the property the condition wants the other way, or a
// bound ("10 minutes or less") where the check text wants one exact value. "" when they agree.
std::string title_disagreement(const controls::StigRule& rule, const Condition& condition) {
  if (condition.kind != Condition::Kind::Property) return {};
  const auto title = detail::lower(rule.title);
  if (condition.op == Op::Equals) {
    static const input::Pattern bound(R"(\b(or less|or more|or greater|or fewer|at least|at most|no more than)\b)");
    input::Match match;
    if (input::regex_safe(title) && bound.finds(title, match)) {
      return "the title says \"" + rule.title + "\" (" + match.str(1) +
             "), the check text wants exactly one value; the check text decides";
    }
  }
  if (condition.type != ValueType::Boolean || condition.values.empty()) return {};
  const bool says_enabled = title.find(" enabled") != std::string::npos;
  const bool says_disabled = title.find(" disabled") != std::string::npos;
  if (says_enabled == says_disabled) return {};
  const bool wants_true = condition.values.front().boolean == (condition.op == Op::Equals);
  if (wants_true == says_enabled) return {};
  // Does the title name the property? Compare its words with the property name.
  const auto property = detail::lower(condition.property);
  static const input::Pattern word(R"([a-z]{4,})");
  const bool names_property = std::ranges::any_of(word.all(title), [&](const std::string& w) {
    return w != "exchange" && w != "enabled" && w != "disabled" && w != "must" && property.find(w) != std::string::npos;
  });
  if (!names_property) return {};
  return "the title says \"" + rule.title + "\", the check text wants " + condition.property + " " +
         (wants_true ? "True" : "False") + "; the check text decides";
}

std::string value_id(const controls::StigRule& rule, const std::string& property) {
  std::string id;
  for (char c : detail::lower(rule.stig_id + "_" + property))
    id += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
  return id;
}

}  // namespace

Synthesis synthesize(const controls::StigRule& rule) {
  Synthesis synthesis;
  // The readers below match their patterns line by line; DISA's lines are far shorter, and a
  // longer one is not text a person wrote for a reviewer.
  if (!input::regex_safe(rule.title) || input::longest_line(rule.check_text).length > input::kMaxRegexSubject) {
    synthesis.reason = "the title or a line of the check text is longer than " +
                       std::to_string(input::kMaxRegexSubject) + " characters";
    return synthesis;
  }
  std::string why;
  const auto command = detail::read_command(normalize(rule.check_text), why);
  if (!command) {
    synthesis.reason = why;
    return synthesis;
  }
  auto reading = read_text_of(rule, *command);
  if (!reading.manual.empty()) {
    synthesis.reason = reading.manual;
    return synthesis;
  }
  // DISA's titles and check texts sometimes disagree; the check text is what a reviewer runs, so it
  // decides, and the explanation says where the title differs.
  std::string title_note;
  if (reading.requirements.size() == 1) title_note = title_disagreement(rule, reading.requirements[0].condition);
  if (reading.requirements.empty() && !reading.none_may_exist) {
    synthesis.reason = "the check text states no condition on the command's output";
    return synthesis;
  }

  controls::Check check;
  check.kind = controls::Check::Kind::Cmdlet;
  auto& query = check.query;
  query.cmdlet = command->cmdlet;
  query.verb = "Get";
  query.noun = command->cmdlet.substr(4);
  query.parameters = command->parameters;
  query.on_empty = reading.for_each ? controls::EmptyResult::NotApplicable : controls::EmptyResult::Fail;
  if (reading.none_may_exist) {
    query.require = controls::Quantifier::None;
    query.on_empty = controls::EmptyResult::Pass;
  }

  // Site values: with an EDSP exception, the single compared value becomes tailorable.
  if (reading.site_defined) {
    if (reading.requirements.size() != 1 || reading.requirements[0].condition.kind != Condition::Kind::Property ||
        reading.requirements[0].condition.values.size() != 1) {
      synthesis.reason = "the EDSP may change several values; which one is not stated";
      return synthesis;
    }
    auto& condition = reading.requirements[0].condition;
    controls::SiteValue value;
    value.id = value_id(rule, condition.property);
    value.title = condition.property + " (" + rule.stig_id + ")";
    value.description = "Value the Email Domain Security Plan (EDSP) sets for " + condition.property +
                        "; the STIG's value is the default.";
    value.type = condition.type;
    value.default_value = condition.values.front();
    condition.value_ref = value.id;
    condition.values.clear();
    synthesis.values.push_back(std::move(value));
  }

  std::vector<Condition> always;
  std::vector<Condition> without_smart_host;
  std::vector<Condition> with_smart_host;
  for (auto& requirement : reading.requirements) {
    auto& bucket = requirement.branch == Branch::Always             ? always
                   : requirement.branch == Branch::WithoutSmartHost ? without_smart_host
                                                                    : with_smart_host;
    bucket.push_back(std::move(requirement.condition));
  }
  const auto smart_hosts = [](Op op) {
    Condition condition;
    condition.property = "SmartHosts";
    condition.op = op;
    return condition;
  };
  if (!without_smart_host.empty() && !with_smart_host.empty()) {
    // The two branches partition the connectors: one state per branch.
    without_smart_host.insert(without_smart_host.begin(), smart_hosts(Op::Empty));
    with_smart_host.insert(with_smart_host.begin(), smart_hosts(Op::NotEmpty));
    always.push_back(any_of({all_of(without_smart_host), all_of(with_smart_host)}));
  } else if (!without_smart_host.empty()) {
    always.push_back(any_of({smart_hosts(Op::NotEmpty), all_of(without_smart_host)}));
  } else if (!with_smart_host.empty()) {
    always.push_back(any_of({smart_hosts(Op::Empty), all_of(with_smart_host)}));
  }
  if (!always.empty()) query.condition = all_of(std::move(always));

  // The properties the check reads, in the order the conditions use them.
  std::vector<const Condition*> pending;
  if (query.condition) pending.push_back(&*query.condition);
  while (!pending.empty()) {
    const auto* condition = pending.back();
    pending.pop_back();
    if (condition->kind == Condition::Kind::Property &&
        std::none_of(query.properties.begin(), query.properties.end(),
                     [&](const std::string& p) { return detail::lower(p) == detail::lower(condition->property); })) {
      query.properties.push_back(condition->property);
    }
    // Reversed so that children are visited in order (clang 14 cannot use std::views::reverse).
    for (auto child = condition->children.rbegin(); child != condition->children.rend(); ++child)
      pending.push_back(&*child);
  }
  std::sort(query.properties.begin(), query.properties.end());
  synthesis.reason = std::string("automated: ") + (reading.for_each ? "for each object, " : "") +
                     (query.condition ? controls::describe(*query.condition) : "no object may exist") +
                     (reading.site_defined ? " (EDSP value as a site value)" : "");
  synthesis.note = title_note;
  synthesis.check = std::move(check);
  return synthesis;
}

}  // namespace scapc::stig
