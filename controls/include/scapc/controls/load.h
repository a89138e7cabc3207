// Reading catalogs: one JSON file (array of controls, or an object holding "controls") or a
// directory of one-control files. Validation is strict and complete: every problem of the input
// is reported in one run, and a catalog with errors must not be used.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "scapc/controls/catalog.h"
#include "scapc/controls/diagnostic.h"

namespace scapc::controls {

// A catalog with errors still holds every control that was an object, so that problems spanning
// controls (duplicate ids) are found too; it must not be used beyond reporting.
struct LoadResult {
  Catalog catalog;
  Diagnostics diagnostics;
  [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
};

LoadResult load_catalog(const std::filesystem::path& path);

// The same rules over text already in memory; `name` stands for the file in diagnostics.
LoadResult load_catalog_text(std::string_view text, std::string_view name);

// Several catalogs read one by one, as one: the first title, version and description given, and
// every control in order. Ids must stay unique across them, as within one catalog.
LoadResult merge_catalogs(std::vector<Catalog> catalogs);

}  // namespace scapc::controls
