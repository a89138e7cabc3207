// Reading the declarative `check` block and the site values it declares.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "field_reader.h"
#include "scapc/controls/catalog.h"

namespace scapc::controls::detail {

// Reads the root of a check; declared site values are appended to `values`.
std::optional<Check> read_check(const Source& source, const nlohmann::json& node, const std::string& pointer,
                                std::vector<SiteValue>& values);

std::vector<SiteValue> read_site_values(const Source& source, const nlohmann::json& node, const std::string& pointer);

// The "type" field of a condition or site value.
std::optional<ValueType> read_value_type(const FieldReader& fields, bool& ok);

// The text of a scalar JSON literal (string, integer or boolean); nullopt (reported) otherwise.
std::optional<std::string> literal_text(const Source& source, const nlohmann::json& value, const std::string& pointer);

// Compiles a regular expression to report mistakes now rather than at evaluation time.
bool check_pattern(const Source& source, const std::string& pattern, const std::string& pointer);

// Parses a scalar JSON literal as `type`, reporting failures.
std::optional<Literal> read_literal(const Source& source, ValueType type, const nlohmann::json& value,
                                    const std::string& pointer);

}  // namespace scapc::controls::detail

namespace scapc::controls::detail {

// What a condition may refer to while it is read.
struct ConditionScope {
  const std::vector<SiteValue>& values;                              // site values declared by the control
  std::vector<std::pair<std::string, std::string>> used_properties;  // name, pointer of each use
  int depth = 0;                                                     // nesting, bounded by kMaxNesting
};

// Deeper trees are rejected: no real check needs them, and recursion must stay bounded.
constexpr int kMaxNesting = 32;

// The site value `id` among a check's `values`, or null.
const SiteValue* find_value(const std::vector<SiteValue>& values, const std::string& id);

std::optional<Condition> read_condition(const Source& source, const nlohmann::json& node, const std::string& pointer,
                                        ConditionScope& scope);

}  // namespace scapc::controls::detail
