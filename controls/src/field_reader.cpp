#include "field_reader.h"

#include <algorithm>
#include <limits>

#include "json_document.h"

namespace scapc::controls::detail {

using nlohmann::json;

const char* json_type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    case json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

std::string alternatives(const std::vector<std::string_view>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) list += i + 1 == names.size() ? " or " : ", ";
    list += names[i];
  }
  return list;
}

std::string FieldReader::pointer_of(std::string_view key) const {
  return child_pointer(pointer_, key);
}

const json* FieldReader::field(std::string_view key, Presence presence) const {
  const auto found = object_.find(key);
  if (found == object_.end()) {
    if (presence == Presence::Required) {
      source_.error(pointer_, "missing required field '" + std::string(key) + "'");
    }
    return nullptr;
  }
  return &*found;
}

void FieldReader::wrong_type(std::string_view key, const char* expected) const {
  source_.error(pointer_of(key),
                "'" + std::string(key) + "' must be " + expected + ", not " + json_type_name(object_.at(key)));
}

std::optional<std::string> FieldReader::string(std::string_view key, Presence presence, bool allow_empty) const {
  const json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    wrong_type(key, "a string");
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  if (!allow_empty &&
      std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; })) {
    source_.error(pointer_of(key), "'" + std::string(key) + "' must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<bool> FieldReader::boolean(std::string_view key, Presence presence) const {
  const json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    wrong_type(key, "a boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<long long> FieldReader::integer(std::string_view key, Presence presence) const {
  const json* value = field(key, presence);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned() &&
      value->get<unsigned long long>() > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) {
    source_.error(pointer_of(key), "'" + std::string(key) + "' is out of range");
    return std::nullopt;
  }
  if (!value->is_number_integer()) {
    wrong_type(key, "an integer");
    return std::nullopt;
  }
  return value->get<long long>();
}

const json* FieldReader::array(std::string_view key, Presence presence) const {
  const json* value = field(key, presence);
  if (value != nullptr && !value->is_array()) {
    wrong_type(key, "an array");
    return nullptr;
  }
  return value;
}

const json* FieldReader::object(std::string_view key, Presence presence) const {
  const json* value = field(key, presence);
  if (value != nullptr && !value->is_object()) {
    wrong_type(key, "an object");
    return nullptr;
  }
  return value;
}

const json* FieldReader::any(std::string_view key, Presence presence) const {
  return field(key, presence);
}

void FieldReader::reject_unknown(std::initializer_list<std::string_view> known, Diagnostic::Level level,
                                 std::string_view where) const {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = "unknown field '" + key + "' in " + std::string(where);
    if (level == Diagnostic::Level::Error) {
      source_.error(pointer_of(key), std::move(message));
    } else {
      source_.warning(pointer_of(key), std::move(message));
    }
  }
}

}  // namespace scapc::controls::detail
