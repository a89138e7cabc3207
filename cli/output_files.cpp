#include "output_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "scapc/input.h"

namespace scapc::cli {
namespace {

bool write_all(int fd, const std::string& content) {
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0;
}

}  // namespace

void OutputFiles::add(std::filesystem::path path, std::string content) {
  pending_.push_back({std::move(path), std::move(content)});
}

bool OutputFiles::commit(std::string& error) {
  std::vector<std::filesystem::path> temporaries;
  const auto discard = [&] {
    for (const auto& temporary : temporaries) std::filesystem::remove(temporary);
  };
  for (const auto& file : pending_) {
    const auto directory = file.path.has_parent_path() ? file.path.parent_path() : std::filesystem::path(".");
    std::string pattern = (directory / ("." + file.path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
      error = file.path.string() + ": cannot create a file in " + directory.string() + ": " + std::strerror(errno);
      discard();
      return false;
    }
    temporaries.emplace_back(pattern);
    const bool ok = write_all(fd, file.content);
    const int saved = errno;
    ::fchmod(fd, 0644);
    ::close(fd);
    if (!ok) {
      error = file.path.string() + ": cannot write: " + std::strerror(saved);
      discard();
      return false;
    }
  }
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    if (std::rename(temporaries[i].c_str(), pending_[i].path.c_str()) != 0) {
      error = pending_[i].path.string() + ": cannot replace: " + std::strerror(errno);
      for (std::size_t j = i; j < temporaries.size(); ++j) std::filesystem::remove(temporaries[j]);
      return false;
    }
  }
  pending_.clear();
  return true;
}

std::string per_host_path(const std::string& given, const std::vector<std::string>& labels, std::size_t host) {
  if (labels.size() <= 1) return given;
  const std::filesystem::path path(given);
  return (path.parent_path() / (path.stem().string() + "." + labels[host] + path.extension().string())).string();
}

bool read_file(const std::string& path, std::string& text, std::string& error) {
  return input::read_file(path, text, error);
}

}  // namespace scapc::cli
