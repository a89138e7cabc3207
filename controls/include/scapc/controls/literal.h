// Typed literals as Exchange prints them: "True", "00:10:00", "36 MB (37,748,736 bytes)",
// "15.2.1118.7", "Unlimited". Shared by the catalog loader and, later, the readers of collected data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scapc/controls/catalog.h"

namespace scapc::controls {

std::optional<ValueType> parse_value_type(std::string_view name);

// Reads `text` as `type`. On failure returns nullopt and sets `why` to a short reason.
std::optional<Literal> parse_literal(ValueType type, std::string_view text, std::string& why);

// Compares two literals of an ordered type (Int, Version, TimeSpan, Bytes): <0, 0, >0.
int compare_literals(const Literal& left, const Literal& right);

}  // namespace scapc::controls
