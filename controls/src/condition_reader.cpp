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

// One property condition, read field by field; every problem is reported, and `ok` says whether
// there was any.
class PropertyConditionReader {
 public:
  PropertyConditionReader(const Source& source, const json& node, const std::string& pointer, ConditionScope& scope)
      : source_(source), fields_(source, node, pointer), pointer_(pointer), scope_(scope) {
    condition_.kind = Condition::Kind::Property;
    condition_.pointer = pointer;
  }

  std::optional<Condition> read() {
    fields_.reject_unknown({"property", "op", "value", "valueRef", "valueFrom", "type", "ignoreCase", "elements"},
                           Diagnostic::Level::Error, "a property condition");
    const bool has_property = read_property();
    if (!read_operator()) return std::nullopt;
    const json* value = fields_.any("value", Presence::Optional);
    const SiteValue* site_value = read_value_source(value);
    if (!read_type(value, site_value)) return std::nullopt;
    if (const auto why = type_mismatch(condition_.op, condition_.type); !why.empty()) {
      error(fields_.pointer_of("op"),
            "'" + op_name_ + "' " + why + ", and this condition compares " + to_string(condition_.type) + " values");
    }
    if (value != nullptr && !takes_no_value(condition_.op)) read_values(*value);
    read_modifiers();
    if (!ok_ || !has_property) return std::nullopt;
    return std::move(condition_);
  }

 private:
  void error(const std::string& pointer, const std::string& message) {
    source_.error(pointer, message);
    ok_ = false;
  }

  bool read_property() {
    const auto property = fields_.string("property", Presence::Required);
    if (!property) return false;
    if (!is_property_name(*property)) {
      error(fields_.pointer_of("property"), "'" + *property + "' is not a property name (letters, digits and '_')");
    }
    condition_.property = *property;
    scope_.used_properties.emplace_back(*property, fields_.pointer_of("property"));
    return true;
  }

  bool read_operator() {
    const auto name = fields_.string("op", Presence::Required);
    if (!name) return false;
    const auto* const op =
        std::find_if(kOperators.begin(), kOperators.end(), [&](const auto& e) { return e.first == *name; });
    if (op == kOperators.end()) {
      source_.error(fields_.pointer_of("op"),
                    "unknown operator '" + *name + "' (expected one of " + operator_list() + ")");
      return false;
    }
    op_name_ = *name;
    condition_.op = op->second;
    return true;
  }

  // Where the compared value comes from: a literal `value`, a site value named by valueRef (which
  // is returned), or nothing for operators that take none.
  const SiteValue* read_value_source(const json* value) {
    const auto value_ref = fields_.string("valueRef", Presence::Optional);
    const bool has_ref = fields_.has("valueRef");
    const bool has_from = fields_.has("valueFrom");
    if (takes_no_value(condition_.op)) {
      if (value != nullptr || has_ref || has_from) error(pointer_, "'" + op_name_ + "' takes no value");
      return nullptr;
    }
    if (static_cast<int>(value != nullptr) + static_cast<int>(has_ref) + static_cast<int>(has_from) > 1) {
      error(pointer_, "give one of 'value', 'valueRef' and 'valueFrom'");
      return nullptr;
    }
    if (value == nullptr && !has_ref && !has_from) {
      error(pointer_, "'" + op_name_ + "' needs a 'value', a 'valueRef' or a 'valueFrom'");
      return nullptr;
    }
    if (has_from) {
      read_value_from();
      return nullptr;
    }
    if (!value_ref) return nullptr;
    if (takes_list(condition_.op)) {
      error(fields_.pointer_of("valueRef"), "'" + op_name_ + "' needs a literal array; a site value is a single value");
    }
    condition_.value_ref = *value_ref;
    const SiteValue* site_value = find_value(scope_.values, *value_ref);
    if (site_value == nullptr) {
      error(fields_.pointer_of("valueRef"), "no site value '" + *value_ref + "' is declared in this control's check");
    }
    return site_value;
  }

  // {"cmdlet": "Get-TransportConfig", "property": "MaxSendSize"}: compared as a number, version or
  // text, one value against another, or with `in`/`notIn` as membership of all the values it returns
  // (a user among every role group's members); not with pattern or element operators. The type is
  // declared, there being no literal to read it from.
  void read_value_from() {
    const auto where = fields_.pointer_of("valueFrom");
    const json* from = fields_.any("valueFrom", Presence::Optional);
    if (from == nullptr || !from->is_object()) {
      error(where, "'valueFrom' is an object with 'cmdlet' and 'property'");
      return;
    }
    FieldReader parts(source_, *from, where);
    parts.reject_unknown({"cmdlet", "property"}, Diagnostic::Level::Error, "'valueFrom'");
    const auto cmdlet = parts.string("cmdlet", Presence::Required);
    const auto property = parts.string("property", Presence::Required);
    if (!cmdlet || !property) {
      ok_ = false;
      return;
    }
    if (cmdlet->rfind("Get-", 0) != 0 || !is_property_name(cmdlet->substr(4))) {
      error(parts.pointer_of("cmdlet"), "'" + *cmdlet + "' is not a Get- cmdlet");
    }
    if (!is_property_name(*property)) {
      error(parts.pointer_of("property"), "'" + *property + "' is not a property name (letters, digits and '_')");
    }
    if (is_pattern(condition_.op) || is_element_op(condition_.op)) {
      error(fields_.pointer_of("op"), "'" + op_name_ + "' does not compare with another query's value");
    }
    if (!fields_.has("type")) error(pointer_, "a condition with 'valueFrom' declares its 'type'");
    condition_.value_from = ValueFrom{*cmdlet, *property};
  }

  // The type: declared, else the site value's, else read off the literal. False when there is
  // no telling.
  bool read_type(const json* value, const SiteValue* site_value) {
    if (fields_.has("type")) {
      const auto type = read_value_type(fields_, ok_);
      if (!type) return false;
      condition_.type = *type;
      if (site_value != nullptr && site_value->type != *type) {
        error(fields_.pointer_of("type"), std::string("type '") + to_string(*type) + "' differs from site value '" +
                                              site_value->id + "' of type '" + to_string(site_value->type) + "'");
      }
    } else if (site_value != nullptr) {
      condition_.type = site_value->type;
    } else if (value != nullptr) {
      const auto type = inferred_type(*value);
      if (!type) {
        source_.error(fields_.pointer_of("value"), std::string("cannot infer a type from ") + json_type_name(*value) +
                                                       "; values are strings, integers or booleans");
        return false;
      }
      condition_.type = *type;
    }
    return true;
  }

  void read_values(const json& value) {
    const auto where = fields_.pointer_of("value");
    if (takes_list(condition_.op)) {
      if (!value.is_array() || value.empty()) {
        error(where, "'" + op_name_ + "' needs a non-empty array of values");
        return;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto literal = read_literal(source_, condition_.type, value[i], child_pointer(where, i));
        if (literal) condition_.values.push_back(std::move(*literal));
        ok_ = ok_ && literal.has_value();
      }
      return;
    }
    if (value.is_array()) {
      error(where, "'" + op_name_ + "' compares with one value, not an array");
      return;
    }
    auto literal = read_literal(source_, condition_.type, value, where);
    ok_ = ok_ && literal.has_value();
    if (!literal) return;
    if (is_pattern(condition_.op)) ok_ = check_pattern(source_, literal->text, where) && ok_;
    condition_.values.push_back(std::move(*literal));
  }

  void read_modifiers() {
    if (const auto ignore_case = fields_.boolean("ignoreCase", Presence::Optional)) {
      if (*ignore_case && condition_.type != ValueType::String) {
        error(fields_.pointer_of("ignoreCase"), "'ignoreCase' applies to string comparisons only");
      }
      condition_.ignore_case = *ignore_case;
    }
    const auto elements = fields_.choice<ElementMatch>(
        "elements", "element match",
        {{"all", ElementMatch::All}, {"any", ElementMatch::Any}, {"none", ElementMatch::None}}, ok_);
    if (!elements) return;
    condition_.elements = *elements;
    if (is_element_op(condition_.op)) {
      error(fields_.pointer_of("elements"), "'elements' does not apply to '" + op_name_ + "'");
    }
  }

  const Source& source_;
  FieldReader fields_;
  const std::string& pointer_;
  ConditionScope& scope_;
  Condition condition_;
  std::string op_name_;
  bool ok_ = true;
};

std::optional<Condition> read_property_condition(const Source& source, const json& node, const std::string& pointer,
                                                 ConditionScope& scope) {
  return PropertyConditionReader(source, node, pointer, scope).read();
}

}  // namespace

const SiteValue* find_value(const std::vector<SiteValue>& values, const std::string& id) {
  const auto found = std::find_if(values.begin(), values.end(), [&](const SiteValue& v) { return v.id == id; });
  return found == values.end() ? nullptr : &*found;
}

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
