#include "diagnostics.h"

#include <scapc/input.h>

#include <iostream>

namespace scapc::cli {

void print_error(std::string_view message) {
  std::cerr << input::printable(message) << '\n';
}

}  // namespace scapc::cli
