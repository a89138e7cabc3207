#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "scapc/input.h"

namespace scapc::input {

bool read_file(const std::filesystem::path& path, std::string& out, std::string& error) {
  const std::string name = path.string();
  std::error_code code;
  const auto status = std::filesystem::status(path, code);
  if (code || !std::filesystem::exists(status)) {
    error = name + ": cannot read the file: " + (code ? code.message() : "no such file");
    return false;
  }
  if (std::filesystem::is_directory(status)) {
    error = name + ": cannot read the file: it is a folder";
    return false;
  }
  if (std::filesystem::is_regular_file(status) && std::filesystem::file_size(path, code) > kMaxFileBytes) {
    error = name + ": the file is larger than the 1 GiB limit for one input";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = name + ": cannot read the file: " + std::strerror(errno);
    return false;
  }
  // A regular file is read in one piece into a string of its size: growing by doubling would hold
  // up to twice the file at the peak and copy it on every step. Pipes and devices have no size to
  // check first, so the limit is enforced while reading; a file that grows meanwhile goes on below.
  std::string text;
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, code);
    if (!code && size > 0) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
      if (in.bad()) {
        error = name + ": cannot read the file";
        return false;
      }
      if (!in) {
        out = std::move(text);  // the whole file, or less when it shrank meanwhile
        return true;
      }
    }
  }
  std::array<char, 1 << 16> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) {
      error = name + ": the input is larger than the 1 GiB limit for one input";
      return false;
    }
  }
  if (in.bad()) {
    error = name + ": cannot read the file";
    return false;
  }
  out = std::move(text);
  return true;
}

}  // namespace scapc::input
