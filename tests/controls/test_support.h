// Helpers shared by the catalog tests.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "scapc/controls.h"

namespace scapc::test {

inline std::string shared_dir() {
  return SCAPC_SHARED_DIR;
}
inline std::string source_dir() {
  return SCAPC_SOURCE_DIR;
}
inline std::string fixture(const std::string& name) {
  return std::string(SCAPC_FIXTURES_DIR) + "/" + name;
}

// Every diagnostic formatted as the command line prints it.
inline std::vector<std::string> lines(const controls::LoadResult& result) {
  std::vector<std::string> out;
  for (const auto& diagnostic : result.diagnostics.items()) out.push_back(controls::format(diagnostic));
  return out;
}

inline std::vector<std::string> errors(const controls::LoadResult& result) {
  std::vector<std::string> out;
  for (const auto& diagnostic : result.diagnostics.items()) {
    if (diagnostic.level == controls::Diagnostic::Level::Error) out.push_back(controls::format(diagnostic));
  }
  return out;
}

inline const controls::Control* find_control(const controls::Catalog& catalog, const std::string& id) {
  const auto found = std::find_if(catalog.controls.begin(), catalog.controls.end(),
                                  [&](const controls::Control& c) { return c.id == id; });
  return found == catalog.controls.end() ? nullptr : &*found;
}

}  // namespace scapc::test
