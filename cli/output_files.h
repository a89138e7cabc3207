// Writing results all-or-nothing: every file goes to a temporary file beside its destination and
// is renamed into place only when all of them were written, so a failed run leaves no partial
// output and never replaces a good file with a broken one.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace scapc::cli {

// Reads an input file whole; false when it cannot be read.
bool read_file(const std::string& path, std::string& text, std::string& error);

// A file per host: the given name for a single host, else ".<label>" before the extension.
std::string per_host_path(const std::string& given, const std::vector<std::string>& labels, std::size_t host);

class OutputFiles {
 public:
  void add(std::filesystem::path path, std::string content);
  // Writes and renames every file; on failure removes what it wrote and says why.
  bool commit(std::string& error);

 private:
  struct Pending {
    std::filesystem::path path;
    std::string content;
  };
  std::vector<Pending> pending_;
};

}  // namespace scapc::cli
