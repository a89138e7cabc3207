#include "catalog_input.h"

#include <iostream>

namespace scapc::cli {

std::optional<controls::Catalog> load_catalog_reporting(const std::filesystem::path& path) {
  auto result = controls::load_catalog(path);
  for (const auto& diagnostic : result.diagnostics.items()) {
    auto located = diagnostic;
    if (located.file.empty()) located.file = path.string();
    std::cerr << controls::format(located) << '\n';
  }
  if (!result.ok()) {
    std::cerr << path.string() << ": " << result.diagnostics.error_count() << " error(s), "
              << result.diagnostics.warning_count() << " warning(s); catalog rejected\n";
    return std::nullopt;
  }
  return std::move(result.catalog);
}

}  // namespace scapc::cli
