// Loading a catalog on behalf of a command: problems go to stderr, one line each.
#pragma once

#include <filesystem>
#include <optional>

#include "scapc/controls.h"

namespace scapc::cli {

// Catalogs are directories or JSON documents; anything else (XML, STIG text) is not.
bool looks_like_catalog(const std::filesystem::path& path);

// The catalog, or nullopt when it has errors (warnings are printed and do not stop the command).
std::optional<controls::Catalog> load_catalog_reporting(const std::filesystem::path& path);

}  // namespace scapc::cli
