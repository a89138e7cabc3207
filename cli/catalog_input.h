// Loading a catalog on behalf of a command: problems go to stderr, one line each.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scapc/controls.h"
#include "scapc/stig.h"

namespace scapc::cli {

// Catalogs are directories or JSON documents; anything else (XML, STIG text) is not.
bool looks_like_catalog(const std::filesystem::path& path);

// The catalog, or nullopt when it has errors (warnings are printed and do not stop the command).
std::optional<controls::Catalog> load_catalog_reporting(const std::filesystem::path& path);

// Diagnostics to stderr, one line each.
void print_diagnostics(const controls::Diagnostics& diagnostics);

// One DISA STIG, or nullopt after printing its problems (warnings are printed either way).
std::optional<stig::Benchmark> load_stig_reporting(const std::string& path);

// DISA STIGs read for laying out checklists; false after printing the problems.
bool load_stigs_reporting(const std::vector<std::string>& paths, std::vector<stig::Benchmark>& out);

}  // namespace scapc::cli
