#include "scapc/controls/placeholders.h"

namespace scapc::controls {

std::vector<Placeholder> find_placeholders(std::string_view text) {
  std::vector<Placeholder> found;
  std::size_t start = text.find("{{");
  while (start != std::string_view::npos) {
    const auto end = text.find_first_of("{}", start + 2);
    if (end != std::string_view::npos && text.substr(end, 2) == "}}") {
      auto name = text.substr(start + 2, end - start - 2);
      const auto first = name.find_first_not_of(" \t\r\n\f\v");
      name = first == std::string_view::npos ? std::string_view() : name.substr(first);
      name = name.substr(0, name.find_last_not_of(" \t\r\n\f\v") + 1);
      found.push_back({start, end + 2 - start, std::string(name)});
      start = text.find("{{", end + 2);
    } else {
      start = text.find("{{", start + 1);
    }
  }
  return found;
}

}  // namespace scapc::controls
