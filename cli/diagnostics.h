// What the command line prints when something is wrong: one line per problem, whatever the
// problem quotes from the input.
#pragma once

#include <string_view>

namespace scapc::cli {

// `message` on one line of stderr, control characters and stray bytes escaped.
void print_error(std::string_view message);
// "<source>: warning: <message>" the same way: a warning quotes input as often as an error does.
void print_warning(std::string_view source, std::string_view message);

}  // namespace scapc::cli
