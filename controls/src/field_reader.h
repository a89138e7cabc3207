// Typed access to the fields of one JSON object, reporting every missing field, wrong type and
// unknown key against the object's JSON pointer.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scapc/controls/diagnostic.h"

namespace scapc::controls::detail {

const char* json_type_name(const nlohmann::json& value);

struct Source {
  const std::string& file;
  Diagnostics& diagnostics;

  void error(const std::string& pointer, std::string message) const {
    diagnostics.error(file, pointer, std::move(message));
  }
  void warning(const std::string& pointer, std::string message) const {
    diagnostics.warning(file, pointer, std::move(message));
  }
};

enum class Presence { Optional, Required };

template <typename Enum>
struct Choice {
  std::string_view name;
  Enum value;
};

// "a, b or c"
std::string alternatives(const std::vector<std::string_view>& names);

class FieldReader {
 public:
  FieldReader(const Source& source, const nlohmann::json& object, std::string pointer)
      : source_(source), object_(object), pointer_(std::move(pointer)) {}

  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  [[nodiscard]] std::string pointer_of(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return object_.contains(key); }

  // The field if present and of the right JSON type; otherwise reports and returns nullopt.
  [[nodiscard]] std::optional<std::string> string(std::string_view key, Presence presence,
                                                  bool allow_empty = true) const;
  [[nodiscard]] std::optional<bool> boolean(std::string_view key, Presence presence) const;
  [[nodiscard]] std::optional<long long> integer(std::string_view key, Presence presence) const;
  [[nodiscard]] const nlohmann::json* array(std::string_view key, Presence presence) const;
  [[nodiscard]] const nlohmann::json* object(std::string_view key, Presence presence) const;
  [[nodiscard]] const nlohmann::json* any(std::string_view key, Presence presence) const;

  // An optional field naming one of `choices`; an unknown name is reported as "unknown <what>" and
  // clears `ok`.
  template <typename Enum>
  [[nodiscard]] std::optional<Enum> choice(std::string_view key, std::string_view what,
                                           std::initializer_list<Choice<Enum>> choices, bool& ok) const {
    const auto text = string(key, Presence::Optional);
    if (!text) {
      ok = ok && !has(key);
      return std::nullopt;
    }
    std::vector<std::string_view> names;
    for (const auto& entry : choices) {
      if (entry.name == *text) return entry.value;
      names.push_back(entry.name);
    }
    source_.error(pointer_of(key),
                  "unknown " + std::string(what) + " '" + *text + "' (expected " + alternatives(names) + ")");
    ok = false;
    return std::nullopt;
  }

  // Reports every key not in `known`, as an error or a warning.
  void reject_unknown(std::initializer_list<std::string_view> known, Diagnostic::Level level,
                      std::string_view where) const;

 private:
  [[nodiscard]] const nlohmann::json* field(std::string_view key, Presence presence) const;
  void wrong_type(std::string_view key, const char* expected) const;

  const Source& source_;
  const nlohmann::json& object_;
  std::string pointer_;
};

}  // namespace scapc::controls::detail
