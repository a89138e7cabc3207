// Problems found in an input file, each located precisely enough to fix it without a debugger.
#pragma once

#include <string>
#include <vector>

namespace scapc::controls {

struct Diagnostic {
  enum class Level { Warning, Error };
  Level level = Level::Error;
  std::string file;
  std::string pointer;  // JSON pointer; empty when line/column locate the problem
  int line = 0;         // 1-based, 0 = unknown
  int column = 0;
  std::string message;
};

// "file:pointer: error: message" or "file:line:column: error: message".
std::string format(const Diagnostic& diagnostic);

class Diagnostics {
 public:
  void error(std::string file, std::string pointer, std::string message);
  void warning(std::string file, std::string pointer, std::string message);
  void add(Diagnostic diagnostic);

  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  [[nodiscard]] int error_count() const { return errors_; }
  [[nodiscard]] int warning_count() const { return static_cast<int>(items_.size()) - errors_; }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
  int errors_ = 0;
};

}  // namespace scapc::controls
