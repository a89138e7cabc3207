#include "catalog_input.h"

#include <scapc/input.h>

#include <iostream>

#include "diagnostics.h"

namespace scapc::cli {

bool looks_like_catalog(const std::filesystem::path& path) {
  return std::filesystem::is_directory(path) || input::file_starts_like_json(path);
}

std::optional<controls::Catalog> load_catalog_reporting(const std::filesystem::path& path) {
  auto result = controls::load_catalog(path);
  for (const auto& diagnostic : result.diagnostics.items()) {
    auto located = diagnostic;
    if (located.file.empty()) located.file = path.string();
    std::cerr << controls::format(located) << '\n';
  }
  // A single error speaks for itself; a tally helps only when the list is long.
  if (!result.ok() && result.diagnostics.items().size() == 1) return std::nullopt;
  if (!result.ok()) {
    print_error(path.string() + ": " + std::to_string(result.diagnostics.error_count()) + " error(s), " +
                std::to_string(result.diagnostics.warning_count()) + " warning(s); catalog rejected");
    return std::nullopt;
  }
  return std::move(result.catalog);
}

void print_diagnostics(const controls::Diagnostics& diagnostics) {
  for (const auto& diagnostic : diagnostics.items()) std::cerr << controls::format(diagnostic) << '\n';
}

std::optional<stig::Benchmark> load_stig_reporting(const std::string& path) {
  controls::Diagnostics diagnostics;
  auto benchmark = stig::read(path, diagnostics);
  print_diagnostics(diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return benchmark;
}

bool load_stigs_reporting(const std::vector<std::string>& paths, std::vector<stig::Benchmark>& out) {
  for (const auto& path : paths) {
    auto benchmark = load_stig_reporting(path);
    if (!benchmark) return false;
    out.push_back(std::move(*benchmark));
  }
  return true;
}

}  // namespace scapc::cli
