// Reading one control object, and the STIG rules its references name.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "field_reader.h"
#include "scapc/controls/catalog.h"

namespace scapc::controls::detail {

std::optional<Control> read_control(const Source& source, const nlohmann::json& node, const std::string& pointer);

// The STIG rule a reference names ("DISA STIG EX19-MB-000233: … (V-259708)"), if any.
std::optional<StigReference> stig_reference_of(const Reference& reference);

}  // namespace scapc::controls::detail
