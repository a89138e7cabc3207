#include "json_document.h"

#include <scapc/input.h>

namespace scapc::controls::detail {
namespace {

// The last reference token of a pointer, unescaped: the duplicate key itself.
std::string last_key(const std::string& pointer) {
  std::string key;
  const auto token = pointer.substr(pointer.rfind('/') + 1);
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      key += token[++i] == '1' ? '/' : '~';
    } else {
      key += token[i];
    }
  }
  return key;
}

}  // namespace

std::string pointer_token(std::string_view token) {
  return input::pointer_token(token);
}

std::string child_pointer(const std::string& parent, std::string_view token) {
  return parent + '/' + pointer_token(token);
}

std::string child_pointer(const std::string& parent, std::size_t index) {
  return parent + '/' + std::to_string(index);
}

std::optional<nlohmann::json> parse_json(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  nlohmann::json document;
  input::JsonError error;
  std::vector<std::string> duplicates;
  std::vector<std::string> replaced;
  if (!input::parse_json(text, document, error, &duplicates, &replaced)) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    diagnostic.line = error.line;
    diagnostic.column = error.column;
    diagnostic.pointer = error.pointer;
    diagnostic.message = error.reason;
    diagnostics.add(std::move(diagnostic));
    return std::nullopt;
  }
  for (const auto& pointer : duplicates) {
    diagnostics.error(file, pointer, "duplicate key '" + last_key(pointer) + "' in object");
  }
  for (const auto& pointer : replaced) {
    diagnostics.warning(file, pointer,
                        "characters that XML cannot carry (control characters, U+FFFE, U+FFFF) read as U+FFFD");
  }
  return document;
}

}  // namespace scapc::controls::detail
