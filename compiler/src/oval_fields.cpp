#include "oval_fields.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace scapc::compiler::detail {
namespace {

using controls::ElementMatch;
using controls::Op;
using controls::ValueType;

// A comparison before it is written: pattern operations keep their regex and whether it is negated,
// so that negating twice gives back the plain pattern.
struct Comparison {
  enum class Kind { Equals, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Pattern, NotPattern };
  Kind kind = Kind::Equals;
  bool ignore_case = false;
  std::string value;
  std::string var_ref;
  // With another query's values (valueFrom): how many of them the comparison must hold for. Empty
  // for literals and site values, which are single values.
  std::string var_check;
  std::string entity_check = "all";
};

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string escape_regex(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

Comparison::Kind complement(Comparison::Kind kind) {
  using K = Comparison::Kind;
  switch (kind) {
    case K::Equals:
      return K::NotEqual;
    case K::NotEqual:
      return K::Equals;
    case K::Less:
      return K::GreaterOrEqual;
    case K::LessOrEqual:
      return K::Greater;
    case K::Greater:
      return K::LessOrEqual;
    case K::GreaterOrEqual:
      return K::Less;
    case K::Pattern:
      return K::NotPattern;
    case K::NotPattern:
      return K::Pattern;
  }
  return kind;
}

const char* entity_check_of(ElementMatch match) {
  switch (match) {
    case ElementMatch::All:
      return "all";
    case ElementMatch::Any:
      return "at least one";
    case ElementMatch::None:
      return "none satisfy";
  }
  return "all";
}

}  // namespace

std::string value_source_key(const controls::Condition& condition) {
  const bool membership = condition.op == Op::In || condition.op == Op::NotIn;
  return "from|" + lower_case(condition.value_from->cmdlet) + "|" + lower_case(condition.value_from->property) + "|" +
         oval_datatype(condition.type) + (membership ? "|members" : "");
}

namespace {

// The comparison an atom makes, before negation.
std::optional<Comparison> comparison_of(const controls::Condition& atom, const VariableIds& variables) {
  using K = Comparison::Kind;
  Comparison comparison;
  comparison.ignore_case = atom.ignore_case || atom.type == ValueType::Boolean;
  comparison.entity_check = entity_check_of(atom.elements);
  if (!atom.value_ref.empty() || atom.value_from) {
    const auto found = variables.find(atom.value_from ? value_source_key(atom) : atom.value_ref);
    if (found == variables.end()) return std::nullopt;
    comparison.var_ref = found->second;
  } else if (!atom.values.empty()) {
    comparison.value = oval_text(atom.values.front());
  }
  if (atom.value_from) comparison.var_check = "all";
  switch (atom.op) {
    case Op::Equals:
      comparison.kind = K::Equals;
      break;
    case Op::NotEquals:
      comparison.kind = K::NotEqual;
      break;
    case Op::LessThan:
      comparison.kind = K::Less;
      break;
    case Op::LessOrEqual:
      comparison.kind = K::LessOrEqual;
      break;
    case Op::GreaterThan:
      comparison.kind = K::Greater;
      break;
    case Op::GreaterOrEqual:
      comparison.kind = K::GreaterOrEqual;
      break;
    case Op::Matches:
    case Op::NotMatches:
      if (!comparison.var_ref.empty() && atom.op == Op::NotMatches) return std::nullopt;
      comparison.kind = atom.op == Op::Matches ? K::Pattern : K::NotPattern;
      break;
    case Op::In:
    case Op::NotIn: {
      if (atom.value_from) {  // equal to at least one of the values / to none of them
        comparison.kind = atom.op == Op::In ? K::Equals : K::NotEqual;
        comparison.var_check = atom.op == Op::In ? "at least one" : "all";
        break;
      }
      // A whole-value alternation: one field, whatever the number of candidates.
      std::string alternatives;
      for (const auto& literal : atom.values)
        alternatives += (alternatives.empty() ? "" : "|") + escape_regex(oval_text(literal));
      comparison.value = "^(?:" + alternatives + ")$";
      comparison.kind = atom.op == Op::In ? K::Pattern : K::NotPattern;
      break;
    }
    case Op::Contains:
    case Op::NotContains:
      comparison.kind = K::Equals;
      comparison.entity_check = atom.op == Op::Contains ? "at least one" : "none satisfy";
      break;
    case Op::Empty:
    case Op::NotEmpty:
      // Collected data writes a null, an empty string and an empty list as one empty field.
      comparison.value.clear();
      comparison.ignore_case = false;
      comparison.kind = atom.op == Op::Empty ? K::Equals : K::NotEqual;
      comparison.entity_check = atom.op == Op::Empty ? "all" : "at least one";
      break;
  }
  return comparison;
}

// not(Q elements satisfy P): all -> at least one fails P; at least one -> none satisfy P; none -> at least one.
// An element's comparison with several values negates its var_check too: not(equal to all) is
// "not equal to at least one".
void negate(Comparison& comparison) {
  if (comparison.entity_check == "all") {
    comparison.kind = complement(comparison.kind);
    if (!comparison.var_check.empty()) comparison.var_check = comparison.var_check == "all" ? "at least one" : "all";
    comparison.entity_check = "at least one";
  } else if (comparison.entity_check == "at least one") {
    comparison.entity_check = "none satisfy";
  } else {
    comparison.entity_check = "at least one";
  }
}

}  // namespace

const char* oval_datatype(ValueType type) {
  switch (type) {
    case ValueType::Boolean:
    case ValueType::String:
      return "string";
    case ValueType::Int:
    case ValueType::TimeSpan:
    case ValueType::Bytes:
      return "int";
    case ValueType::Version:
      return "version";
  }
  return "string";
}

std::string oval_text(const controls::Literal& literal) {
  switch (literal.type) {
    case ValueType::Boolean:
      return literal.boolean ? "true" : "false";
    case ValueType::String:
      return literal.text;
    case ValueType::Int:
    case ValueType::TimeSpan:
    case ValueType::Bytes:
      return literal.unlimited ? std::to_string(std::numeric_limits<std::int64_t>::max())
                               : std::to_string(literal.number);
    case ValueType::Version: {
      std::string out;
      for (const auto part : literal.version) out += (out.empty() ? "" : ".") + std::to_string(part);
      return out;
    }
  }
  return literal.text;
}

std::optional<oval::Field> field_for(const controls::Condition& atom, bool negated, const VariableIds& variables) {
  auto comparison = comparison_of(atom, variables);
  if (!comparison) return std::nullopt;
  if (negated) negate(*comparison);
  if (comparison->kind == Comparison::Kind::NotPattern && !comparison->var_ref.empty()) return std::nullopt;

  using K = Comparison::Kind;
  oval::Field field;
  field.name = lower_case(atom.property);
  const bool textual = comparison->kind == K::Pattern || comparison->kind == K::NotPattern || atom.op == Op::Empty ||
                       atom.op == Op::NotEmpty;
  field.datatype = textual ? "string" : oval_datatype(atom.type);
  field.var_ref = comparison->var_ref;
  if (comparison->var_check != "all") field.var_check = comparison->var_check;
  field.entity_check = comparison->entity_check == "all" ? "" : comparison->entity_check;
  const std::string flags = comparison->ignore_case ? "(?i)" : "";
  switch (comparison->kind) {
    case K::Equals:
      field.operation = comparison->ignore_case ? "case insensitive equals" : "equals";
      break;
    case K::NotEqual:
      field.operation = comparison->ignore_case ? "case insensitive not equal" : "not equal";
      break;
    case K::Less:
      field.operation = "less than";
      break;
    case K::LessOrEqual:
      field.operation = "less than or equal";
      break;
    case K::Greater:
      field.operation = "greater than";
      break;
    case K::GreaterOrEqual:
      field.operation = "greater than or equal";
      break;
    case K::Pattern:
      field.operation = "pattern match";
      if (field.var_ref.empty()) comparison->value = flags + comparison->value;
      break;
    case K::NotPattern:
      // OVAL has no negated pattern operation: a lookahead at the start fails wherever the pattern matches.
      field.operation = "pattern match";
      comparison->value = "^(?!(?s:.*?)(?:" + flags + comparison->value + "))";
      break;
  }
  if (field.var_ref.empty()) field.value = comparison->value;
  return field;
}

}  // namespace scapc::compiler::detail
