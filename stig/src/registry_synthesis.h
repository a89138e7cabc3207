// DISA's registry block in check text ("Registry Hive: … Registry Path: … Value Name: … Value
// Type: … Value: …") read as a registry check. docs/stig-synthesis.md lists the shapes.
#pragma once

#include <scapc/stig.h>

#include <optional>

namespace scapc::stig::detail {

// Whether the check text holds a registry block at all.
bool has_registry_block(const std::string& check_text);

// The synthesis of a rule whose check text holds a registry block: automated when the block is
// the whole check (one value, of a known type, with a value form and surrounding sentences this
// reader knows), else manual with the reason.
Synthesis registry_synthesis(const controls::StigRule& rule);

}  // namespace scapc::stig::detail
