#include "registry_synthesis.h"

#include <scapc/controls.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <regex>

#include "text.h"

namespace scapc::stig::detail {
namespace {

using controls::Condition;
using controls::Op;
using controls::ValueType;

// What a missing value means, from the sentences around the block.
enum class Missing { Unstated, Finding, NotAFinding };

struct Block {
  std::string hive;
  std::string path;
  std::string name;
  std::string type;
  std::string value;
  int fields = 0;  // how many of the five lines were given
};

// "Registry Hive: HKEY_LOCAL_MACHINE" -> ("registry hive", "HKEY_LOCAL_MACHINE").
std::optional<std::pair<std::string, std::string>> labelled(const std::string& line) {
  const auto colon = line.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const auto label = lower(trim_copy(line.substr(0, colon)));
  static const std::array<std::string_view, 6> kLabels{"registry hive", "registry path", "value name",
                                                       "value type",    "type",          "value"};
  if (std::find(kLabels.begin(), kLabels.end(), label) == kLabels.end()) return std::nullopt;
  return std::make_pair(label, trim_copy(line.substr(colon + 1)));
}

// What a sentence around the block says: about a missing value, or nothing that changes the check.
enum class Said { Missing, Neutral, ValueIsNotAFinding, ValueIsAFinding };

struct Sentence {
  Said said = Said::Neutral;
  Missing missing = Missing::Unstated;
  std::string value;  // ValueIsNotAFinding, ValueIsAFinding: the value the sentence names
};

// The sentences DISA writes around a single registry value, lower-cased. Any other sentence keeps
// the rule manual: it may add a condition ("this is NA for domain controllers").
std::optional<Sentence> known_sentence(std::string sentence) {
  sentence = lower(trim_copy(sentence));
  while (!sentence.empty() && (sentence.back() == '.' || sentence.back() == ':' || sentence.back() == ' '))
    sentence.pop_back();
  static const std::map<std::string, Missing, std::less<>> kMissing{
      {"if the following registry value does not exist or is not configured as specified, this is a finding",
       Missing::Finding},
      {"if the following registry value is not configured as specified, this is a finding", Missing::Finding},
      {"if it does not exist or is not configured as specified, this is a finding", Missing::Finding},
      {"if the registry value name below does not exist, this is not a finding", Missing::NotAFinding},
  };
  if (const auto found = kMissing.find(sentence); found != kMissing.end())
    return Sentence{Said::Missing, found->second, {}};
  // Statements of the default or of what to look at add no condition.
  if (sentence == "verify the registry value below" || sentence.starts_with("the default behavior is for "))
    return Sentence{};
  // 'If it exists and is configured with a value of "1", this is (not) a finding.'
  static const std::regex kValue(
      R"re(^if it exists and is configured with a value of "([0-9a-fx]{1,18})", this is (not )?a finding$)re");
  std::smatch m;
  if (sentence.size() < 200 && std::regex_match(sentence, m, kValue)) {
    return Sentence{m[2].matched ? Said::ValueIsNotAFinding : Said::ValueIsAFinding, Missing::Unstated, m[1].str()};
  }
  return std::nullopt;
}

// One value as DISA writes it: "0x00000001 (1)", "0x0000001e (30)", "1", "0x1", optionally followed
// by a label in brackets ("(Basic)"). Hex and decimal must agree; anything else is not a value.
std::optional<std::int64_t> dword(const std::string& text) {
  static const std::regex kForm(
      R"(^(?:0x([0-9a-f]{1,16})(?:\s*\((\d{1,19})\))?|(\d{1,19}))(?:\s*\([a-z][a-z0-9 _-]*\))?$)");
  std::smatch m;
  const auto lowered = lower(trim_copy(text));
  if (lowered.size() > 120 || !std::regex_match(lowered, m, kForm)) return std::nullopt;
  const auto parse = [](const std::string& digits, int base) -> std::optional<std::int64_t> {
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number, base);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return number;
  };
  if (m[3].matched) return parse(m[3].str(), 10);
  const auto hex = parse(m[1].str(), 16);
  if (!hex) return std::nullopt;
  if (m[2].matched && parse(m[2].str(), 10) != hex) return std::nullopt;  // "0x1e (31)": which one?
  return hex;
}

controls::Literal int_literal(std::int64_t number) {
  controls::Literal literal;
  literal.type = ValueType::Int;
  literal.number = number;
  literal.text = std::to_string(number);
  return literal;
}

Condition value_test(Op op, const controls::Literal& literal) {
  Condition condition;
  condition.property = "value";
  condition.op = op;
  condition.type = literal.type;
  condition.values = {literal};
  return condition;
}

// The condition on a REG_DWORD's value: "0x00000001 (1)" exactly; "… (or less)", "… (or greater)";
// "… (or less, excluding 0)" and "… (or less, but not 0)"; "(or if the Value Name does not exist)"
// lets a missing value pass.
std::optional<Condition> dword_condition(std::string text, Missing& missing, std::string& why) {
  const auto lowered = lower(text);
  if (const auto at = lowered.find("(or if the value name does not exist)"); at != std::string::npos) {
    missing = Missing::NotAFinding;
    text = trim_copy(text.substr(0, at));
  }
  // The number comes first ("0x00000001 (1)" or "1"), and may be followed by one bracketed range.
  const auto lower_text = lower(text);
  Op op = Op::Equals;
  bool not_zero = false;
  std::string number_text = text;
  for (const auto& [suffix, range_op, excludes_zero] : std::array<std::tuple<std::string_view, Op, bool>, 5>{
           {{"(or less, excluding 0)", Op::LessOrEqual, true},
            {"(or less, excluding \"0\" which is effectively disabled)", Op::LessOrEqual, true},
            {"(or less, but not 0)", Op::LessOrEqual, true},
            {"(or less)", Op::LessOrEqual, false},
            {"(or greater)", Op::GreaterOrEqual, false}}}) {
    if (const auto at = lower_text.find(suffix); at != std::string::npos) {
      if (!trim_copy(lower_text.substr(at + suffix.size())).empty()) break;
      op = range_op;
      not_zero = excludes_zero;
      number_text = trim_copy(text.substr(0, at));
      break;
    }
  }
  // Several allowed values: "0x00000000 (0) (Security), 0x00000001 (1) (Basic)", or "… or …".
  std::vector<std::string> items;
  std::string rest = number_text;
  for (std::size_t at;
       (at = lower(rest).find(" or ")) != std::string::npos || (at = rest.find(',')) != std::string::npos;) {
    const bool comma = rest[at] == ',';
    items.push_back(trim_copy(rest.substr(0, at)));
    rest = rest.substr(at + (comma ? 1 : 4));
  }
  items.push_back(trim_copy(rest));
  std::vector<controls::Literal> literals;
  for (const auto& item : items) {
    const auto number = dword(item);
    if (!number) {
      why = "the value '" + text + "' is not a number, or a list of numbers, of a form this reader knows";
      return std::nullopt;
    }
    literals.push_back(int_literal(*number));
  }
  if (literals.size() > 1) {
    if (op != Op::Equals) {
      why = "the value '" + text + "' gives a range and a list at once";
      return std::nullopt;
    }
    auto listed = value_test(Op::In, literals.front());
    listed.values = literals;
    return listed;
  }
  const auto number = std::optional<std::int64_t>(literals.front().number);
  auto condition = value_test(op, int_literal(*number));
  if (!not_zero) return condition;
  Condition both;
  both.kind = Condition::Kind::AllOf;
  both.children = {condition, value_test(Op::NotEquals, int_literal(0))};
  return both;
}

Block read_block(const std::vector<std::string>& lines, std::vector<std::string>& others, std::string& why) {
  Block block;
  for (const auto& raw : lines) {
    const auto line = trim_copy(raw);
    if (line.empty()) continue;
    const auto field = labelled(line);
    if (!field) {
      others.push_back(line);
      continue;
    }
    const auto& [label, value] = *field;
    std::string* target = label == "registry hive"   ? &block.hive
                          : label == "registry path" ? &block.path
                          : label == "value name"    ? &block.name
                          : label == "value"         ? &block.value
                                                     : &block.type;
    if (!target->empty()) why = "the check text names more than one registry value";
    *target = value;
    ++block.fields;
  }
  return block;
}

Synthesis manual(std::string why) {
  Synthesis out;
  out.reason = std::move(why);
  return out;
}

}  // namespace

controls::Check registry_value_check(const std::string& hive, const std::string& key, const std::string& name) {
  controls::Check check;
  check.kind = controls::Check::Kind::Query;
  check.query.data = controls::DataKind::Registry;
  check.query.cmdlet = "registry";
  check.query.entities = {
      {"hive", hive, false, {}, false}, {"key", key, false, {}, false}, {"name", name, false, {}, false}};
  check.description = "registry " + hive + "\\" + key + " value " + name;
  return check;
}

bool has_registry_block(const std::string& check_text) {
  return check_text.find("Registry Hive:") != std::string::npos &&
         check_text.find("Registry Path:") != std::string::npos;
}

Synthesis registry_synthesis(const controls::StigRule& rule) {
  std::vector<std::string> others;
  std::string why;
  const auto block = read_block(split_lines(rule.check_text), others, why);
  if (!why.empty()) return manual(why);
  if (block.hive.empty() || block.path.empty() || block.name.empty() || block.type.empty() || block.value.empty())
    return manual("the registry block lacks its hive, path, value name, type or value");
  if (block.hive != "HKEY_LOCAL_MACHINE")
    return manual("the value is under " + block.hive + ", whose contents depend on the user the collector runs as");
  Missing missing = Missing::Unstated;
  std::vector<Sentence> about_values;
  for (const auto& sentence : split_sentences(others)) {
    const auto said = known_sentence(sentence);
    if (!said) return manual("the check text says more than the registry value: \"" + sentence + "\"");
    if (said->said == Said::ValueIsAFinding || said->said == Said::ValueIsNotAFinding) about_values.push_back(*said);
    if (said->said != Said::Missing) continue;
    if (missing != Missing::Unstated && said->missing != missing)
      return manual("the check text says both that a missing value is and is not a finding");
    missing = said->missing;
  }
  const auto type = lower(block.type);
  if (type != "reg_dword" && type != "reg_sz")
    return manual("values of type " + block.type + " are not read as registry checks yet");

  std::optional<Condition> condition;
  if (type == "reg_dword") {
    condition = dword_condition(block.value, missing, why);
    if (!condition) return manual(why);
  } else {
    controls::Literal literal;
    literal.type = ValueType::String;
    literal.text = block.value;
    condition = value_test(Op::Equals, literal);
  }
  if (missing == Missing::Unstated) return manual("the check text does not say whether a missing value is a finding");
  // Sentences that name values must agree with the block: the value it gives is not a finding, any
  // other one is.
  for (const auto& sentence : about_values) {
    const auto named = dword(sentence.value);
    const auto given = type == "reg_dword" ? dword(block.value.substr(0, block.value.find(" (or if"))) : std::nullopt;
    const bool same = named && given && *named == *given;
    if (!named || !given || same != (sentence.said == Said::ValueIsNotAFinding))
      return manual("the check text's sentences about the value \"" + sentence.value +
                    "\" do not agree with its block");
  }

  // A value of another type is not "configured as specified".
  controls::Literal type_literal;
  type_literal.type = ValueType::String;
  type_literal.text = type;
  auto type_test = value_test(Op::Equals, type_literal);
  type_test.property = "type";
  type_test.ignore_case = true;
  Condition both;
  both.kind = Condition::Kind::AllOf;
  both.children = {type_test, *condition};

  std::string key = block.path;
  while (!key.empty() && key.front() == '\\') key.erase(key.begin());
  while (!key.empty() && key.back() == '\\') key.pop_back();
  auto check = registry_value_check(block.hive, key, block.name);
  auto& query = check.query;
  query.properties = {"type", "value"};
  query.condition = both;
  query.on_empty = missing == Missing::NotAFinding ? controls::EmptyResult::Pass : controls::EmptyResult::Fail;

  Synthesis out;
  out.reason = "automated: registry " + block.hive + "\\" + key + " " + block.name + ": " + controls::describe(both) +
               (missing == Missing::NotAFinding ? " (a missing value passes)" : "");
  out.check = std::move(check);
  return out;
}

}  // namespace scapc::stig::detail
