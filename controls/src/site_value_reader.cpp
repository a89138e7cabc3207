#include <algorithm>
#include <set>

#include "check_reader.h"
#include "json_document.h"
#include "scapc/controls/literal.h"

namespace scapc::controls::detail {
namespace {

using nlohmann::json;

bool is_value_id(const std::string& id) {
  return !id.empty() && id[0] >= 'a' && id[0] <= 'z' && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_ordered(ValueType type) {
  return type == ValueType::Int || type == ValueType::Version || type == ValueType::TimeSpan ||
         type == ValueType::Bytes;
}

bool same_literal(const Literal& a, const Literal& b) {
  return a.type == ValueType::String ? a.text == b.text : compare_literals(a, b) == 0;
}

std::optional<SiteValue> read_site_value(const Source& source, const json& node, const std::string& pointer) {
  if (!node.is_object()) {
    source.error(pointer, std::string("a site value must be an object, not ") + json_type_name(node));
    return std::nullopt;
  }
  FieldReader fields(source, node, pointer);
  fields.reject_unknown(
      {"id", "title", "description", "type", "default", "selectors", "lowerBound", "upperBound", "choices"},
      Diagnostic::Level::Error, "a site value");
  SiteValue value;
  if (auto id = fields.string("id", Presence::Required)) {
    if (!is_value_id(*id)) {
      source.error(fields.pointer_of("id"),
                   "site value id '" + *id + "' must be lower-case letters, digits and '_', starting with a letter");
    }
    value.id = *id;
  }
  value.title = fields.string("title", Presence::Required, false).value_or("");
  value.description = fields.string("description", Presence::Required, false).value_or("");
  // The value is returned even when it has errors (they are reported and reject the control), so
  // that conditions referring to it are not reported as dangling as well.
  if (fields.any("type", Presence::Required) == nullptr) return value;
  bool ok = true;
  const auto type = read_value_type(fields, ok);
  if (!type) return value;
  value.type = *type;

  const json* default_json = fields.any("default", Presence::Required);
  if (default_json == nullptr) return value;
  const auto default_value = read_literal(source, value.type, *default_json, fields.pointer_of("default"));
  if (!default_value) return value;
  value.default_value = *default_value;

  if (const json* selectors = fields.object("selectors", Presence::Optional)) {
    for (const auto& [name, literal] : selectors->items()) {
      const auto at = child_pointer(fields.pointer_of("selectors"), name);
      if (auto parsed = read_literal(source, value.type, literal, at)) value.selectors.emplace(name, *parsed);
    }
  }
  for (const char* bound : {"lowerBound", "upperBound"}) {
    const json* bound_json = fields.any(bound, Presence::Optional);
    if (bound_json == nullptr) continue;
    if (!is_ordered(value.type)) {
      source.error(fields.pointer_of(bound),
                   std::string("'") + bound + "' applies to int, version, timespan and bytes values only");
      continue;
    }
    auto parsed = read_literal(source, value.type, *bound_json, fields.pointer_of(bound));
    if (!parsed) continue;
    (std::string_view(bound) == "lowerBound" ? value.lower_bound : value.upper_bound) = *parsed;
  }
  if (const json* choices = fields.array("choices", Presence::Optional)) {
    for (std::size_t i = 0; i < choices->size(); ++i) {
      if (auto parsed =
              read_literal(source, value.type, (*choices)[i], child_pointer(fields.pointer_of("choices"), i))) {
        value.choices.push_back(*parsed);
      }
    }
  }

  // Every setting the value can take must satisfy its own bounds and choices.
  auto check_setting = [&](const Literal& setting, const std::string& at) {
    if (value.lower_bound && compare_literals(setting, *value.lower_bound) < 0) {
      source.error(at, "'" + setting.text + "' is below lowerBound '" + value.lower_bound->text + "'");
    }
    if (value.upper_bound && compare_literals(setting, *value.upper_bound) > 0) {
      source.error(at, "'" + setting.text + "' is above upperBound '" + value.upper_bound->text + "'");
    }
    if (!value.choices.empty() && std::none_of(value.choices.begin(), value.choices.end(),
                                               [&](const Literal& choice) { return same_literal(choice, setting); })) {
      source.error(at, "'" + setting.text + "' is not one of the declared choices");
    }
  };
  check_setting(value.default_value, fields.pointer_of("default"));
  for (const auto& [name, setting] : value.selectors) {
    check_setting(setting, child_pointer(fields.pointer_of("selectors"), name));
  }
  return value;
}

}  // namespace

std::optional<ValueType> read_value_type(const FieldReader& fields, bool& ok) {
  return fields.choice<ValueType>("type", "type",
                                  {{"boolean", ValueType::Boolean},
                                   {"int", ValueType::Int},
                                   {"string", ValueType::String},
                                   {"version", ValueType::Version},
                                   {"timespan", ValueType::TimeSpan},
                                   {"bytes", ValueType::Bytes}},
                                  ok);
}

std::optional<std::string> literal_text(const Source& source, const json& value, const std::string& pointer) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) {
    source.error(pointer, "numbers must be integers (write durations as time spans, sizes as byte quantities)");
  } else {
    source.error(pointer,
                 std::string("a literal must be a string, an integer or a boolean, not ") + json_type_name(value));
  }
  return std::nullopt;
}

std::optional<Literal> read_literal(const Source& source, ValueType type, const json& value,
                                    const std::string& pointer) {
  const auto text = literal_text(source, value, pointer);
  if (!text) return std::nullopt;
  if (type == ValueType::String && !value.is_string()) {
    source.error(pointer, "'" + *text + "' is not a string; quote it or declare the type");
    return std::nullopt;
  }
  std::string why;
  auto literal = parse_literal(type, *text, why);
  if (!literal) source.error(pointer, "'" + *text + "' is not a valid " + to_string(type) + ": " + why);
  return literal;
}

std::vector<SiteValue> read_site_values(const Source& source, const json& node, const std::string& pointer) {
  std::vector<SiteValue> values;
  if (!node.is_array()) {
    source.error(pointer, std::string("'values' must be an array, not ") + json_type_name(node));
    return values;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const auto at = child_pointer(pointer, i);
    auto value = read_site_value(source, node[i], at);
    if (!value) continue;
    if (!value->id.empty() && !seen.insert(value->id).second) {
      source.error(child_pointer(at, "id"), "duplicate site value id '" + value->id + "'");
      continue;
    }
    values.push_back(std::move(*value));
  }
  return values;
}

}  // namespace scapc::controls::detail
