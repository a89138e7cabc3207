#include "scapc/controls/diagnostic.h"

#include <scapc/input.h>

#include <utility>

namespace scapc::controls {

std::string format(const Diagnostic& diagnostic) {
  std::string out = diagnostic.file;
  if (diagnostic.line > 0) {
    out += ':' + std::to_string(diagnostic.line);
    if (diagnostic.column > 0) out += ':' + std::to_string(diagnostic.column);
  } else {
    // An empty pointer is the whole document; "/" would name the key "".
    out += ':' + (diagnostic.pointer.empty() ? std::string("(document)") : diagnostic.pointer);
  }
  out += diagnostic.level == Diagnostic::Level::Error ? ": error: " : ": warning: ";
  out += diagnostic.message;
  return input::printable(out);
}

void Diagnostics::error(std::string file, std::string pointer, std::string message) {
  add({Diagnostic::Level::Error, std::move(file), std::move(pointer), 0, 0, std::move(message)});
}

void Diagnostics::warning(std::string file, std::string pointer, std::string message) {
  add({Diagnostic::Level::Warning, std::move(file), std::move(pointer), 0, 0, std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.level == Diagnostic::Level::Error) ++errors_;
  items_.push_back(std::move(diagnostic));
}

}  // namespace scapc::controls
