// Two declarative checks compared for the verdicts they give. The comparison is structural and
// strict: checks that differ only in how they are written (the order of allOf members, nested
// allOf, property and cmdlet case) are the same; anything else, even an operation that happens to
// agree on every real value, is a difference. A difference costs a rule of its own, never a verdict.
#include "compare.h"

#include <algorithm>

#include "text.h"

namespace scapc::stig::detail {
namespace {

using controls::Check;
using controls::Condition;
using controls::Literal;
using controls::SiteValue;
using controls::ValueType;

struct Sides {
  const std::vector<SiteValue>& left_values;
  const std::vector<SiteValue>& right_values;
};

bool iequals(const std::string& a, const std::string& b) {
  return lower(a) == lower(b);
}

const SiteValue* value_named(const std::vector<SiteValue>& values, const std::string& id) {
  const auto found = std::find_if(values.begin(), values.end(), [&](const SiteValue& v) { return v.id == id; });
  return found == values.end() ? nullptr : &*found;
}

bool same_literal(const Literal& a, const Literal& b, bool ignore_case) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case ValueType::Boolean:
      return a.boolean == b.boolean;
    case ValueType::Int:
    case ValueType::TimeSpan:
    case ValueType::Bytes:
      return a.unlimited == b.unlimited && (a.unlimited || (a.number == b.number && a.seconds == b.seconds));
    case ValueType::Version:
      return a.version == b.version;
    case ValueType::String:
      return ignore_case ? lower(a.text) == lower(b.text) : a.text == b.text;
  }
  return false;
}

// allOf inside allOf (and anyOf inside anyOf) is one level; a one-member combination is its member.
void flatten(const Condition& condition, Condition::Kind kind, std::vector<const Condition*>& out) {
  for (const auto& child : condition.children) {
    if (child.kind == kind) {
      flatten(child, kind, out);
    } else {
      out.push_back(&child);
    }
  }
}

const Condition& unwrapped(const Condition& condition) {
  const bool combination = condition.kind == Condition::Kind::AllOf || condition.kind == Condition::Kind::AnyOf;
  return combination && condition.children.size() == 1 ? unwrapped(condition.children.front()) : condition;
}

bool same_condition(const Condition& left, const Condition& right, const Sides& sides);

// Members match one to one, in any order.
bool same_members(const std::vector<const Condition*>& a, const std::vector<const Condition*>& b, const Sides& sides) {
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const auto* member : a) {
    bool matched = false;
    for (std::size_t i = 0; i < b.size() && !matched; ++i) {
      if (!used[i] && same_condition(*member, *b[i], sides)) matched = used[i] = true;
    }
    if (!matched) return false;
  }
  return true;
}

bool same_property_test(const Condition& a, const Condition& b, const Sides& sides) {
  if (!iequals(a.property, b.property) || a.op != b.op || a.elements != b.elements) return false;
  const bool text = a.type == ValueType::String;
  if (text && a.ignore_case != b.ignore_case) return false;
  if (a.value_ref.empty() != b.value_ref.empty()) return false;
  if (!a.value_ref.empty()) {
    // Site values: the same kind of value with the same default decides alike until tailored.
    const auto* left = value_named(sides.left_values, a.value_ref);
    const auto* right = value_named(sides.right_values, b.value_ref);
    return left != nullptr && right != nullptr && left->type == right->type &&
           same_literal(left->default_value, right->default_value, text && a.ignore_case);
  }
  if (a.values.size() != b.values.size()) return false;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (!same_literal(a.values[i], b.values[i], text && a.ignore_case)) return false;
  }
  return true;
}

bool same_condition(const Condition& left, const Condition& right, const Sides& sides) {
  const auto& a = unwrapped(left);
  const auto& b = unwrapped(right);
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Condition::Kind::Property:
      return same_property_test(a, b, sides);
    case Condition::Kind::Not:
      return a.children.size() == 1 && b.children.size() == 1 &&
             same_condition(a.children.front(), b.children.front(), sides);
    case Condition::Kind::AllOf:
    case Condition::Kind::AnyOf: {
      std::vector<const Condition*> left_members;
      std::vector<const Condition*> right_members;
      flatten(a, a.kind, left_members);
      flatten(b, b.kind, right_members);
      return same_members(left_members, right_members, sides);
    }
  }
  return false;
}

bool same_optional(const std::optional<Condition>& a, const std::optional<Condition>& b, const Sides& sides) {
  return a.has_value() == b.has_value() && (!a || same_condition(*a, *b, sides));
}

bool same_parameters(const controls::Query& a, const controls::Query& b) {
  const auto key = [](const controls::Query& query) {
    std::vector<std::string> out;
    for (const auto& parameter : query.parameters) {
      std::string entry = lower(parameter.name);
      for (const auto& value : parameter.values) entry += "=" + lower(value);
      out.push_back(entry);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  return key(a) == key(b);
}

// The first difference in words, or "" when there is none.
std::string difference(const Check& a, const Check& b, const Sides& sides) {
  if (a.kind != b.kind) return "one combines checks, the other does not";
  if (a.kind != Check::Kind::Query) {
    if (a.children.size() != b.children.size()) return "they combine a different number of checks";
    std::vector<bool> used(b.children.size(), false);
    for (const auto& child : a.children) {
      bool matched = false;
      for (std::size_t i = 0; i < b.children.size() && !matched; ++i) {
        if (!used[i] && difference(child, b.children[i], sides).empty()) matched = used[i] = true;
      }
      if (!matched) return "no check matches " + controls::describe(child);
    }
    return {};
  }
  const auto& left = a.query;
  const auto& right = b.query;
  if (!iequals(left.cmdlet, right.cmdlet)) return "they run different cmdlets";
  if (!same_parameters(left, right)) return "they pass " + left.cmdlet + " different parameters";
  const auto same_entity = [](const controls::ObjectEntity& x, const controls::ObjectEntity& y) {
    return x.name == y.name && x.pattern == y.pattern && (x.pattern ? x.value == y.value : iequals(x.value, y.value));
  };
  if (!std::equal(left.entities.begin(), left.entities.end(), right.entities.begin(), right.entities.end(),
                  same_entity))
    return "they read different " + left.cmdlet + " objects";
  if (!same_optional(left.filter, right.filter, sides)) return "they check different objects (filter)";
  if (!same_optional(left.condition, right.condition, sides)) return "they test different conditions";
  if (left.require != right.require) return "they require the condition of a different number of objects";
  if (left.on_empty != right.on_empty) return "they decide differently when there is no object";
  return {};
}

}  // namespace

std::string check_difference(const Check& left, const std::vector<SiteValue>& left_values, const Check& right,
                             const std::vector<SiteValue>& right_values) {
  return difference(left, right, Sides{left_values, right_values});
}

}  // namespace scapc::stig::detail
