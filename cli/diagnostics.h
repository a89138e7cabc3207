// What the command line prints when something is wrong: one line per problem, whatever the
// problem quotes from the input.
#pragma once

#include <string_view>

namespace scapc::cli {

// `message` on one line of stderr, control characters and stray bytes escaped.
void print_error(std::string_view message);

}  // namespace scapc::cli
