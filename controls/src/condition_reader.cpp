#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "check_reader.h"
#include "json_document.h"
#include "scapc/controls/literal.h"
#include "text.h"

namespace scapc::controls::detail {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, Op>, 14> kOperators{{
    {"equals", Op::Equals},
    {"notEquals", Op::NotEquals},
    {"lessThan", Op::LessThan},
    {"lessOrEqual", Op::LessOrEqual},
    {"greaterThan", Op::GreaterThan},
    {"greaterOrEqual", Op::GreaterOrEqual},
    {"matches", Op::Matches},
    {"notMatches", Op::NotMatches},
    {"in", Op::In},
    {"notIn", Op::NotIn},
    {"contains", Op::Contains},
    {"notContains", Op::NotContains},
    {"empty", Op::Empty},
    {"notEmpty", Op::NotEmpty},
}};

std::string operator_list() {
  std::string list;
  for (const auto& [name, op] : kOperators) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

bool takes_no_value(Op op) {
  return op == Op::Empty || op == Op::NotEmpty;
}
bool takes_list(Op op) {
  return op == Op::In || op == Op::NotIn;
}
bool is_ordering(Op op) {
  return op == Op::LessThan || op == Op::LessOrEqual || op == Op::GreaterThan || op == Op::GreaterOrEqual;
}
bool is_pattern(Op op) {
  return op == Op::Matches || op == Op::NotMatches;
}
bool is_element_op(Op op) {
  return op == Op::Contains || op == Op::NotContains || takes_no_value(op);
}

// Why `op` cannot be applied to `type`, or "" when it can.
std::string type_mismatch(Op op, ValueType type) {
  const bool ordered =
      type == ValueType::Int || type == ValueType::Version || type == ValueType::TimeSpan || type == ValueType::Bytes;
  if (is_ordering(op) && !ordered) return "applies to int, version, timespan and bytes only";
  if (is_pattern(op) && type != ValueType::String) return "applies to strings only";
  if (type == ValueType::Boolean && (takes_list(op) || op == Op::Contains || op == Op::NotContains)) {
    return "does not apply to booleans (use equals)";
  }
  return {};
}

std::optional<ValueType> inferred_type(const json& value) {
  const json& sample = value.is_array() && !value.empty() ? value.front() : value;
  if (sample.is_boolean()) return ValueType::Boolean;
  if (sample.is_number_integer()) return ValueType::Int;
  if (sample.is_string()) return ValueType::String;
  return std::nullopt;
}

// Compiles the pattern to report mistakes now rather than at evaluation time.
bool check_pattern(const Source& source, const std::string& pattern, const std::string& pointer) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* compiled =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.c_str()), pattern.size(), PCRE2_UTF, &code, &offset, nullptr);
  if (compiled != nullptr) {
    pcre2_code_free(compiled);
    return true;
  }
  std::array<PCRE2_UCHAR, 256> message{};
  pcre2_get_error_message(code, message.data(), message.size());
  source.error(pointer, "invalid regular expression at offset " + std::to_string(offset) + ": " +
                            reinterpret_cast<const char*>(message.data()));
  return false;
}

const SiteValue* find_value(const std::vector<SiteValue>& values, const std::string& id) {
  const auto found = std::find_if(values.begin(), values.end(), [&](const SiteValue& v) { return v.id == id; });
  return found == values.end() ? nullptr : &*found;
}

std::optional<Condition> read_property_condition(const Source& source, const json& node, const std::string& pointer,
                                                 ConditionScope& scope) {
  FieldReader fields(source, node, pointer);
  fields.reject_unknown({"property", "op", "value", "valueRef", "type", "ignoreCase", "elements"},
                        Diagnostic::Level::Error, "a property condition");
  Condition condition;
  condition.kind = Condition::Kind::Property;
  condition.pointer = pointer;
  bool ok = true;

  const auto property = fields.string("property", Presence::Required);
  if (property && !is_property_name(*property)) {
    source.error(fields.pointer_of("property"), "'" + *property + "' is not a property name (letters, digits and '_')");
    ok = false;
  }
  if (property) {
    condition.property = *property;
    scope.used_properties.emplace_back(*property, fields.pointer_of("property"));
  }

  const auto op_name = fields.string("op", Presence::Required);
  if (!op_name) return std::nullopt;
  const auto* const op =
      std::find_if(kOperators.begin(), kOperators.end(), [&](const auto& e) { return e.first == *op_name; });
  if (op == kOperators.end()) {
    source.error(fields.pointer_of("op"),
                 "unknown operator '" + *op_name + "' (expected one of " + operator_list() + ")");
    return std::nullopt;
  }
  condition.op = op->second;

  const json* value = fields.any("value", Presence::Optional);
  const auto value_ref = fields.string("valueRef", Presence::Optional);
  const SiteValue* site_value = nullptr;
  if (takes_no_value(condition.op)) {
    if (value != nullptr || fields.has("valueRef")) {
      source.error(pointer, "'" + *op_name + "' takes no value");
      ok = false;
    }
  } else if (value != nullptr && fields.has("valueRef")) {
    source.error(pointer, "give either 'value' or 'valueRef', not both");
    ok = false;
  } else if (value == nullptr && !fields.has("valueRef")) {
    source.error(pointer, "'" + *op_name + "' needs a 'value' or a 'valueRef'");
    ok = false;
  } else if (value_ref) {
    if (takes_list(condition.op)) {
      source.error(fields.pointer_of("valueRef"),
                   "'" + *op_name + "' needs a literal array; a site value is a single value");
      ok = false;
    }
    site_value = find_value(scope.values, *value_ref);
    if (site_value == nullptr) {
      source.error(fields.pointer_of("valueRef"),
                   "no site value '" + *value_ref + "' is declared in this control's check");
      ok = false;
    }
    condition.value_ref = *value_ref;
  }

  // The type: declared, else the site value's, else read off the literal.
  if (fields.has("type")) {
    const auto type = read_value_type(fields, ok);
    if (!type) return std::nullopt;
    condition.type = *type;
    if (site_value != nullptr && site_value->type != *type) {
      source.error(fields.pointer_of("type"), std::string("type '") + to_string(*type) + "' differs from site value '" +
                                                  site_value->id + "' of type '" + to_string(site_value->type) + "'");
      ok = false;
    }
  } else if (site_value != nullptr) {
    condition.type = site_value->type;
  } else if (value != nullptr) {
    const auto type = inferred_type(*value);
    if (!type) {
      source.error(fields.pointer_of("value"), std::string("cannot infer a type from ") + json_type_name(*value) +
                                                   "; values are strings, integers or booleans");
      return std::nullopt;
    }
    condition.type = *type;
  }

  if (const auto why = type_mismatch(condition.op, condition.type); !why.empty()) {
    source.error(fields.pointer_of("op"), "'" + *op_name + "' " + why + ", and this condition compares " +
                                              to_string(condition.type) + " values");
    ok = false;
  }

  if (value != nullptr && !takes_no_value(condition.op)) {
    if (takes_list(condition.op)) {
      if (!value->is_array() || value->empty()) {
        source.error(fields.pointer_of("value"), "'" + *op_name + "' needs a non-empty array of values");
        ok = false;
      } else {
        for (std::size_t i = 0; i < value->size(); ++i) {
          auto literal =
              read_literal(source, condition.type, (*value)[i], child_pointer(fields.pointer_of("value"), i));
          if (literal) condition.values.push_back(std::move(*literal));
          ok = ok && literal.has_value();
        }
      }
    } else if (value->is_array()) {
      source.error(fields.pointer_of("value"), "'" + *op_name + "' compares with one value, not an array");
      ok = false;
    } else {
      auto literal = read_literal(source, condition.type, *value, fields.pointer_of("value"));
      ok = ok && literal.has_value();
      if (literal) {
        if (is_pattern(condition.op)) ok = check_pattern(source, literal->text, fields.pointer_of("value")) && ok;
        condition.values.push_back(std::move(*literal));
      }
    }
  }

  if (const auto ignore_case = fields.boolean("ignoreCase", Presence::Optional)) {
    if (*ignore_case && condition.type != ValueType::String) {
      source.error(fields.pointer_of("ignoreCase"), "'ignoreCase' applies to string comparisons only");
      ok = false;
    }
    condition.ignore_case = *ignore_case;
  }
  const auto elements = fields.choice<ElementMatch>(
      "elements", "element match",
      {{"all", ElementMatch::All}, {"any", ElementMatch::Any}, {"none", ElementMatch::None}}, ok);
  if (elements) {
    condition.elements = *elements;
    if (is_element_op(condition.op)) {
      source.error(fields.pointer_of("elements"), "'elements' does not apply to '" + *op_name + "'");
      ok = false;
    }
  }
  if (!ok || !property) return std::nullopt;
  return condition;
}

}  // namespace

std::optional<Condition> read_condition(const Source& source, const json& node, const std::string& pointer,
                                        ConditionScope& scope) {
  if (!node.is_object()) {
    source.error(pointer, std::string("a condition must be an object, not ") + json_type_name(node));
    return std::nullopt;
  }
  if (scope.depth >= kMaxNesting) {
    source.error(pointer, "conditions nested deeper than " + std::to_string(kMaxNesting) + " levels");
    return std::nullopt;
  }
  const bool is_all = node.contains("allOf");
  const bool is_any = node.contains("anyOf");
  const bool is_not = node.contains("not");
  const int combinators = static_cast<int>(is_all) + static_cast<int>(is_any) + static_cast<int>(is_not);
  if (combinators == 0) return read_property_condition(source, node, pointer, scope);
  if (combinators > 1 || node.contains("property")) {
    source.error(pointer, "a condition is a property test or one of allOf, anyOf, not");
    return std::nullopt;
  }

  FieldReader fields(source, node, pointer);
  Condition condition;
  condition.pointer = pointer;
  bool ok = true;
  ++scope.depth;
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{scope.depth};
  if (is_not) {
    fields.reject_unknown({"not"}, Diagnostic::Level::Error, "a 'not' condition");
    condition.kind = Condition::Kind::Not;
    auto child = read_condition(source, node.at("not"), fields.pointer_of("not"), scope);
    if (!child) return std::nullopt;
    condition.children.push_back(std::move(*child));
    return condition;
  }
  const char* key = is_all ? "allOf" : "anyOf";
  fields.reject_unknown({key}, Diagnostic::Level::Error, std::string("an '") + key + "' condition");
  condition.kind = is_all ? Condition::Kind::AllOf : Condition::Kind::AnyOf;
  const json* children = fields.array(key, Presence::Required);
  if (children == nullptr) return std::nullopt;
  if (children->empty()) {
    source.error(fields.pointer_of(key), std::string("'") + key + "' needs at least one condition");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < children->size(); ++i) {
    auto child = read_condition(source, (*children)[i], child_pointer(fields.pointer_of(key), i), scope);
    if (child) condition.children.push_back(std::move(*child));
    ok = ok && child.has_value();
  }
  if (!ok) return std::nullopt;
  return condition;
}

}  // namespace scapc::controls::detail
