// {{value_id}} placeholders in a remediation script template, found without std::regex, whose
// recursion a long template could drive off the end of the stack.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scapc::controls {

struct Placeholder {
  std::size_t position = 0;  // of the opening "{{"
  std::size_t length = 0;    // through the closing "}}"
  std::string name;          // between them, white space trimmed
};

// Every "{{ name }}" whose name holds no brace, left to right, as the pattern
// \{\{\s*([^{}]*?)\s*\}\} would find them.
std::vector<Placeholder> find_placeholders(std::string_view text);

}  // namespace scapc::controls
