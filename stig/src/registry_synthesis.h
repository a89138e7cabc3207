// DISA's registry block in check text ("Registry Hive: … Registry Path: … Value Name: … Value
// Type: … Value: …") read as a registry check. docs/stig-synthesis.md lists the shapes.
#pragma once

#include <scapc/stig.h>

#include <optional>

namespace scapc::stig::detail {

// A check of one value of a local machine key (`key` without leading or trailing backslashes),
// with its description; the caller adds the condition, the properties it reads and onEmpty.
controls::Check registry_value_check(const std::string& hive, const std::string& key, const std::string& name);

// Whether the check text holds a registry block at all.
bool has_registry_block(const std::string& check_text);

// The synthesis of a rule whose check text holds a registry block: automated when the block is
// the whole check (one value, of a known type, with a value form and surrounding sentences this
// reader knows), else manual with the reason.
Synthesis registry_synthesis(const controls::StigRule& rule);

}  // namespace scapc::stig::detail
