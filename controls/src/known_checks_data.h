// The texts of controls/edca/*.json, built into the library (known_checks_data.cpp.in).
#pragma once

#include <string_view>
#include <vector>

namespace scapc::controls::detail {

struct KnownCheckFile {
  std::string_view path;  // in the source tree, for messages: controls/edca/EDCA-DATA-005.json
  std::string_view text;
};

const std::vector<KnownCheckFile>& known_check_files();

}  // namespace scapc::controls::detail
