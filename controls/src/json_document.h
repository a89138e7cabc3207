// The catalog's JSON, through scapc_input's limits; every duplicate key becomes a diagnostic of
// its own so that one run lists them all.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "scapc/controls/diagnostic.h"

namespace scapc::controls::detail {

// Parses `text`; reports syntax errors and duplicate keys as errors against `file`.
// Returns nullopt when the text is not JSON; a document with duplicate keys is returned (and the
// errors recorded) so that the rest of it can still be checked.
std::optional<nlohmann::json> parse_json(std::string_view text, const std::string& file, Diagnostics& diagnostics);

// RFC 6901 escaping of one reference token.
std::string pointer_token(std::string_view token);
std::string child_pointer(const std::string& parent, std::string_view token);
std::string child_pointer(const std::string& parent, std::size_t index);

}  // namespace scapc::controls::detail
