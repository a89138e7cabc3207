#include "diagnostics.h"

#include <scapc/input.h>

#include <iostream>

namespace scapc::cli {

void print_error(std::string_view message) {
  std::cerr << input::printable(message) << '\n';
}

void print_warning(std::string_view source, std::string_view message) {
  std::cerr << input::printable(source) << ": warning: " << input::printable(message) << '\n';
}

}  // namespace scapc::cli
