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

#include "audit_policy_synthesis.h"
#include "command.h"
#include "file_rights_synthesis.h"
#include "registry_synthesis.h"
#include "service_synthesis.h"
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

// Flag enumerations: "not set to Tls" could mean "exactly Tls" or "includes Tls".
bool is_flag_enumeration(const std::string& property) {
  const auto name = detail::lower(property);
  return name == "authmechanism" || name == "permissiongroups" || name == "internalauthenticationmethods" ||
         name == "externalauthenticationmethods";
}

// The send connector's smart host branch a sentence is about, taken out of the sentence.
Branch smart_host_branch(std::string& sentence) {
  static const input::Pattern no_smart_host(
      R"((?:the send connector does not use a smart ?host and |,? and the send ?connector is not using a smart ?host))",
      input::Pattern::Case::Ignored);
  static const input::Pattern with_smart_host(
      R"(the send connector (?:using|does use) a smart ?host (?:has a value for|and))", input::Pattern::Case::Ignored);
  if (no_smart_host.finds(sentence)) {
    sentence = no_smart_host.replace_all(sentence, "");
    return Branch::WithoutSmartHost;
  }
  if (with_smart_host.finds(sentence)) {
    sentence = with_smart_host.replace_all(sentence, "the value of");
    return Branch::WithSmartHost;
  }
  return Branch::Always;
}

// "If no SMTP address is assigned to X" / "If the property X is not set": X must hold something.
std::optional<Condition> read_unset(const std::string& sentence, const detail::Command& command) {
  static const input::Pattern unset(
      R"re(^if (?:no [a-z ]+ is assigned to|the property) "([A-Za-z][A-Za-z0-9]*)"(?: is not set)?,? this is a finding\.?$)re",
      input::Pattern::Case::Ignored);
  input::Match match;
  if (!unset.matches(sentence, match) || !detail::shows(command, match.str(1))) return std::nullopt;
  Condition condition;
  condition.kind = Condition::Kind::Property;
  condition.property = match.str(1);
  condition.op = Op::NotEmpty;
  return condition;
}

// "If the value returned is not V": the command's one value (a scalar cmdlet, or one selected
// property). Nullopt when the sentence is not of that shape; `why` is set when it is, but names
// no single property.
std::optional<Condition> read_returned_value(const std::string& sentence, const detail::Command& command,
                                             std::string& why) {
  static const input::Pattern returned(
      R"re(^if the value (?:returned is not|does not return) (?:"([^"]*)"|([A-Za-z0-9:.$-]+)),? this is a finding\.?$)re",
      input::Pattern::Case::Ignored);
  input::Match match;
  if (!returned.matches(sentence, match)) return std::nullopt;
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
  const std::string value = match.matched(1) ? match.str(1) : match.str(2);
  return property_test(candidates.front(), Op::Equals, literal_for(candidates.front(), value));
}

// "If X is not V, this is a finding" and its variants, as read from the sentence.
struct Comparison {
  std::string property;
  std::string verb;   // "is not", "is set to", …, lower case
  std::string value;  // V, unquoted
  std::string bound;  // " or greater", " or less" or empty
};

std::optional<Comparison> read_comparison(const std::string& sentence) {
  // Property: "X" or a bare CamelCase name. Value: "V" or a bare token.
  static const input::Pattern shape(
      R"re(^(?:For each [^,]+, )?if (?:the value (?:(?:of|for) )?|any of the |any )?(?:"([A-Za-z][A-Za-z0-9]*)"|([A-Z][A-Za-z0-9]+))(?: services)? (?:StartType )?(?:that )?(is set to a value other than|returns a value other than|is not present and set to|is not set to|is NOT set to|is not|is set to|does not return) (?:"([^"]*)"|([A-Za-z0-9:.$-]+))( or greater| or less)?,? this is a finding\.?$)re",
      input::Pattern::Case::Ignored);
  input::Match match;
  if (!shape.matches(sentence, match)) return std::nullopt;
  return Comparison{match.matched(1) ? match.str(1) : match.str(2), detail::lower(match.str(3)),
                    match.matched(4) ? match.str(4) : match.str(5), detail::lower(match.str(6))};
}

// What a compliant value is, given what the sentence calls a finding.
std::optional<Condition> required_value(const Comparison& finding, const std::set<std::string>& includes,
                                        std::string& why) {
  const auto& property = finding.property;
  const bool negative = finding.verb == "is set to";  // "If X is set to V, this is a finding"
  if (finding.value == "$null" || detail::lower(finding.value) == "null") {
    // "If X is not $null, this is a finding": X must be empty; "is set to $null": it must not be.
    if (!finding.bound.empty()) {
      why = "an ordering against $null";
      return std::nullopt;
    }
    Condition condition;
    condition.kind = Condition::Kind::Property;
    condition.property = property;
    condition.op = negative ? Op::NotEmpty : Op::Empty;
    return condition;
  }
  if (finding.value.find(',') != std::string::npos && !negative && finding.bound.empty()) {
    return exact_flags(property, finding.value);
  }
  const auto literal = literal_for(property, finding.value);
  if (!negative && finding.bound.empty() && is_flag_enumeration(property)) {
    if (includes.contains(detail::lower(property))) return property_test(property, Op::Contains, literal);
    why = "\"" + property + "\" holds several flags; \"not set to " + finding.value +
          "\" may mean exactly or including it";
    return std::nullopt;
  }
  if (!finding.bound.empty()) {
    if (literal.type == ValueType::String || literal.type == ValueType::Boolean) {
      why = "an ordering on a non-numeric value";
      return std::nullopt;
    }
    return property_test(property, finding.bound == " or greater" ? Op::GreaterOrEqual : Op::LessOrEqual, literal);
  }
  if (negative) {
    return property_test(property, literal.type == ValueType::String ? Op::NotContains : Op::NotEquals, literal);
  }
  return property_test(property, Op::Equals, literal);
}

// One finding sentence: the requirement it implies, or why it cannot be read.
std::optional<Requirement> read_finding(std::string sentence, const detail::Command& command,
                                        const std::set<std::string>& includes, std::string& why) {
  Requirement requirement;
  requirement.branch = smart_host_branch(sentence);
  if (auto condition = read_unset(sentence, command)) {
    requirement.condition = std::move(*condition);
    return requirement;
  }
  if (auto condition = read_returned_value(sentence, command, why)) {
    requirement.condition = std::move(*condition);
    return requirement;
  }
  if (!why.empty()) return std::nullopt;
  const auto finding = read_comparison(sentence);
  if (!finding) {
    why = "cannot read the finding \"" + sentence + "\"";
    return std::nullopt;
  }
  if (!detail::shows(command, finding->property)) {
    why = "the finding names \"" + finding->property + "\", which the command does not select";
    return std::nullopt;
  }
  if (detail::lower(command.cmdlet) == "get-accepteddomain" && detail::lower(finding->property) == "default") {
    why = "only one accepted domain can be the default, and the text does not say which must be";
    return std::nullopt;
  }
  auto condition = required_value(*finding, includes, why);
  if (!condition) return std::nullopt;
  requirement.condition = std::move(*condition);
  return requirement;
}

// 'If the value of "A" and the value of "B" are not set to V, this is a finding' may mean "A or B
// is not V" or "neither is V". It is read as "each must be V", two sentences of one property each,
// only when the fix text sets both to V ("-A V" and "-B V"); otherwise it stays as written, which
// no finding reader accepts. Any other sentence is itself.
std::vector<std::string> one_property_each(const std::string& sentence, const std::string& fix_text) {
  static const input::Pattern pair(
      R"re(^if the value of ("[A-Za-z][A-Za-z0-9]*"|[A-Z][A-Za-z0-9]+) and the value of ("[A-Za-z][A-Za-z0-9]*"|[A-Z][A-Za-z0-9]+) are not set to ("[^"]*"|[A-Za-z0-9:.$-]+),? this is a finding\.?$)re",
      input::Pattern::Case::Ignored);
  input::Match match;
  if (!pair.matches(sentence, match)) return {sentence};
  const auto unquoted = [&](int group) {
    auto text = match.str(group);
    if (text.size() >= 2 && text.front() == '"') text = text.substr(1, text.size() - 2);
    return detail::lower(text);
  };
  // "-Parameter Value" in the fix text, the value not running on into a longer word.
  const auto fix = detail::lower(fix_text);
  const auto sets = [&](int property) {
    const auto set = "-" + unquoted(property) + " " + unquoted(3);
    for (auto at = fix.find(set); at != std::string::npos; at = fix.find(set, at + 1)) {
      const auto end = at + set.size();
      if (end == fix.size() || std::isspace(static_cast<unsigned char>(fix[end])) != 0) return true;
    }
    return false;
  };
  if (!sets(1) || !sets(2)) return {sentence};
  const auto single = [&](int property) {
    return "If the value of " + match.str(property) + " is not set to " + match.str(3) + ", this is a finding.";
  };
  return {single(1), single(2)};
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
    for (const auto& single : one_property_each(sentence, rule.fix_text)) {
      std::string why;
      auto requirement = read_finding(single, command, reading.includes, why);
      if (!requirement) {
        reading.manual = why;
        return reading;
      }
      reading.requirements.push_back(std::move(*requirement));
    }
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

// With an EDSP exception the single compared value becomes a site value, tailorable, whose
// default is the STIG's. False when the text compares several values.
bool make_site_value(const controls::StigRule& rule, Reading& reading, Synthesis& synthesis) {
  if (reading.requirements.size() != 1 || reading.requirements[0].condition.kind != Condition::Kind::Property ||
      reading.requirements[0].condition.values.size() != 1) {
    return false;
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
  return true;
}

// Every requirement as one condition on each object. A requirement about send connectors without
// a smart host applies only to those (the others pass it), and one about connectors with a smart
// host only to them; when the text has both, each connector meets the one its SmartHosts selects.
std::optional<Condition> combined_condition(std::vector<Requirement>& requirements) {
  std::vector<Condition> always;
  std::vector<Condition> without_smart_host;
  std::vector<Condition> with_smart_host;
  for (auto& requirement : requirements) {
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
    without_smart_host.insert(without_smart_host.begin(), smart_hosts(Op::Empty));
    with_smart_host.insert(with_smart_host.begin(), smart_hosts(Op::NotEmpty));
    always.push_back(any_of({all_of(without_smart_host), all_of(with_smart_host)}));
  } else if (!without_smart_host.empty()) {
    always.push_back(any_of({smart_hosts(Op::NotEmpty), all_of(without_smart_host)}));
  } else if (!with_smart_host.empty()) {
    always.push_back(any_of({smart_hosts(Op::Empty), all_of(with_smart_host)}));
  }
  if (always.empty()) return std::nullopt;
  return all_of(std::move(always));
}

// The properties `condition` reads, sorted; one spelled in two cases is listed as it is first
// spelled in condition order.
std::vector<std::string> properties_read(const Condition& condition) {
  std::vector<std::string> out;
  std::vector<const Condition*> pending{&condition};
  while (!pending.empty()) {
    const auto* next = pending.back();
    pending.pop_back();
    if (next->kind == Condition::Kind::Property && std::none_of(out.begin(), out.end(), [&](const std::string& p) {
          return detail::lower(p) == detail::lower(next->property);
        })) {
      out.push_back(next->property);
    }
    for (auto child = next->children.rbegin(); child != next->children.rend(); ++child) pending.push_back(&*child);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Get-ItemProperty of a registry key: each property the findings name is a value of that key, read
// with a registry_test. A value that is not there is not "set to" anything, so it is a finding.
std::optional<controls::Check> registry_item_check(const detail::Command& command, Reading& reading, std::string& why) {
  if (reading.none_may_exist || reading.site_defined) {
    why = "the check text's findings about the registry key are not about the values it holds";
    return std::nullopt;
  }
  controls::Check all;
  all.kind = controls::Check::Kind::AllOf;
  for (auto& requirement : reading.requirements) {
    auto& condition = requirement.condition;
    if (requirement.branch != Branch::Always || condition.kind != Condition::Kind::Property ||
        condition.type == ValueType::Boolean || condition.type == ValueType::TimeSpan ||
        condition.type == ValueType::Bytes || condition.type == ValueType::Version) {
      why = "the finding on registry value \"" + condition.property + "\" is not a comparison of a number or text";
      return std::nullopt;
    }
    auto value = detail::registry_value_check(command.registry_hive, command.registry_key, condition.property);
    auto& query = value.query;
    condition.property = "value";
    query.properties = {"value"};
    query.condition = std::move(condition);
    query.on_empty = controls::EmptyResult::Fail;
    all.children.push_back(std::move(value));
  }
  if (all.children.size() == 1) return std::move(all.children.front());
  return all;
}

controls::Check cmdlet_check(const detail::Command& command, const Reading& reading) {
  controls::Check check;
  check.kind = controls::Check::Kind::Query;
  auto& query = check.query;
  query.cmdlet = command.cmdlet;
  query.verb = "Get";
  query.noun = command.cmdlet.substr(4);
  query.parameters = command.parameters;
  query.on_empty = reading.for_each ? controls::EmptyResult::NotApplicable : controls::EmptyResult::Fail;
  if (reading.none_may_exist) {
    query.require = controls::Quantifier::None;
    query.on_empty = controls::EmptyResult::Pass;
  }
  return check;
}

// The rule's command and findings as read, or why they cannot be (in synthesis.reason).
std::optional<std::pair<detail::Command, Reading>> read_rule(const controls::StigRule& rule, Synthesis& synthesis) {
  // The readers match their patterns line by line; DISA's lines are far shorter, and a longer one
  // is not text a person wrote for a reviewer.
  if (!input::regex_safe(rule.title) || input::longest_line(rule.check_text).length > input::kMaxRegexSubject) {
    synthesis.reason = "the title or a line of the check text is longer than " +
                       std::to_string(input::kMaxRegexSubject) + " characters";
    return std::nullopt;
  }
  std::string why;
  auto command = detail::read_command(normalize(rule.check_text), why);
  if (!command) {
    synthesis.reason = why;
    return std::nullopt;
  }
  auto reading = read_text_of(rule, *command);
  if (!reading.manual.empty()) {
    synthesis.reason = reading.manual;
    return std::nullopt;
  }
  if (reading.requirements.empty() && !reading.none_may_exist) {
    synthesis.reason = "the check text states no condition on the command's output";
    return std::nullopt;
  }
  return std::make_pair(std::move(*command), std::move(reading));
}

}  // namespace

Synthesis synthesize(const controls::StigRule& rule) {
  if (detail::has_registry_block(rule.check_text)) return detail::registry_synthesis(rule);
  if (detail::has_audit_policy_line(rule.check_text)) return detail::audit_policy_synthesis(rule);
  if (detail::has_audit_data_rights_finding(rule.check_text)) return detail::audit_data_rights_synthesis(rule);
  if (detail::has_windows_file_permission_finding(rule.check_text)) return detail::windows_file_rights_synthesis(rule);
  if (detail::has_named_service_command(rule.check_text)) return detail::service_synthesis(rule);
  Synthesis synthesis;
  auto read = read_rule(rule, synthesis);
  if (!read) return synthesis;
  auto& [command, reading] = *read;
  // DISA's titles and check texts sometimes disagree; the check text is what a reviewer runs, so it
  // decides, and the explanation says where the title differs.
  std::string title_note;
  if (reading.requirements.size() == 1) title_note = title_disagreement(rule, reading.requirements[0].condition);
  if (reading.site_defined && !make_site_value(rule, reading, synthesis)) {
    synthesis.reason = "the EDSP may change several values; which one is not stated";
    return synthesis;
  }
  if (!command.registry_key.empty()) {
    std::string why;
    auto check = registry_item_check(command, reading, why);
    if (!check) {
      synthesis.reason = why;
      return synthesis;
    }
    synthesis.reason = "automated: " + controls::describe(*check) + " (a missing value is a finding)";
    synthesis.check = std::move(*check);
    return synthesis;
  }
  auto check = cmdlet_check(command, reading);
  auto& query = check.query;
  query.condition = combined_condition(reading.requirements);
  if (query.condition) query.properties = properties_read(*query.condition);
  synthesis.reason = std::string("automated: ") + (reading.for_each ? "for each object, " : "") +
                     (query.condition ? controls::describe(*query.condition) : "no object may exist") +
                     (reading.site_defined ? " (EDSP value as a site value)" : "");
  synthesis.note = std::move(title_note);
  synthesis.check = std::move(check);
  return synthesis;
}

}  // namespace scapc::stig
