#include "scapc/controls/describe.h"

namespace scapc::controls {
namespace {

const char* phrase(Op op) {
  switch (op) {
    case Op::Equals:
      return "equals";
    case Op::NotEquals:
      return "does not equal";
    case Op::LessThan:
      return "is less than";
    case Op::LessOrEqual:
      return "is at most";
    case Op::GreaterThan:
      return "is greater than";
    case Op::GreaterOrEqual:
      return "is at least";
    case Op::Matches:
      return "matches";
    case Op::NotMatches:
      return "does not match";
    case Op::In:
      return "is one of";
    case Op::NotIn:
      return "is none of";
    case Op::Contains:
      return "contains";
    case Op::NotContains:
      return "does not contain";
    case Op::Empty:
      return "is empty";
    case Op::NotEmpty:
      return "is not empty";
  }
  return "?";
}

std::string join(const std::vector<Condition>& children, const char* word) {
  std::string out = "(";
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (i > 0) out += std::string(" ") + word + " ";
    out += describe(children[i]);
  }
  return out + ")";
}

}  // namespace

std::string describe(const Check& check) {
  switch (check.kind) {
    case Check::Kind::AllOf:
    case Check::Kind::AnyOf: {
      std::string out = check.kind == Check::Kind::AllOf ? "all of [" : "any of [";
      for (std::size_t i = 0; i < check.children.size(); ++i) out += (i > 0 ? "; " : "") + describe(check.children[i]);
      return out + "]";
    }
    case Check::Kind::Not:
      return "not [" + describe(check.children.front()) + "]";
    case Check::Kind::Query:
      break;
  }
  const auto& query = check.query;
  std::string out = query.cmdlet;
  for (const auto& entity : query.entities) {
    if (entity.nil) continue;
    if (!entity.value_ref.empty())
      out += " " + entity.name + " site value " + entity.value_ref;
    else
      out += " " + entity.name + (entity.pattern ? " matches '" : " '") + entity.value + "'";
  }
  for (const auto& parameter : query.parameters) {
    out += " -" + parameter.name;
    for (std::size_t i = 0; i < parameter.values.size(); ++i) out += (i == 0 ? " " : ",") + parameter.values[i];
  }
  if (query.filter) out += " where " + describe(*query.filter);
  out += ": ";
  if (!query.condition) {
    out += query.require == Quantifier::None ? "no object may exist" : "objects must exist";
  } else {
    out += query.require == Quantifier::All          ? "all objects satisfy "
           : query.require == Quantifier::AtLeastOne ? "at least one object satisfies "
                                                     : "no object satisfies ";
    out += describe(*query.condition);
  }
  return out + " (none: " + to_string(query.on_empty) + ")";
}

std::string describe(const Literal& literal) {
  if (literal.type == ValueType::String) return "'" + literal.text + "'";
  return literal.text;
}

std::string describe(const Condition& condition) {
  switch (condition.kind) {
    case Condition::Kind::AllOf:
      return join(condition.children, "and");
    case Condition::Kind::AnyOf:
      return join(condition.children, "or");
    case Condition::Kind::Not:
      return "not " + describe(condition.children.front());
    case Condition::Kind::Property:
      break;
  }
  std::string out = condition.property + " " + phrase(condition.op);
  if (!condition.value_ref.empty()) {
    out += " site value " + condition.value_ref;
  } else if (condition.value_from) {
    out += " " + condition.value_from->cmdlet + "'s " + condition.value_from->property;
  } else if (condition.values.size() > 1) {
    out += " [";
    for (std::size_t i = 0; i < condition.values.size(); ++i)
      out += (i > 0 ? ", " : "") + describe(condition.values[i]);
    out += "]";
  } else if (condition.values.size() == 1) {
    out += " " + describe(condition.values.front());
  }
  if (condition.ignore_case) out += " (ignoring case)";
  if (condition.elements == ElementMatch::Any) out += " for any element";
  if (condition.elements == ElementMatch::None) out += " for no element";
  return out;
}

}  // namespace scapc::controls
