#include <fcntl.h>
#include <scapc/output_files.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace scapc::output {
namespace {

bool write_all(int fd, std::string_view content) {
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return true;
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

}  // namespace

OutputFiles::~OutputFiles() {
  discard();
}

void OutputFiles::discard() {
  for (auto& file : temporaries_) {
    if (file.fd >= 0) ::close(file.fd);
    std::error_code ignored;
    if (!file.temporary.empty()) std::filesystem::remove(file.temporary, ignored);
  }
  temporaries_.clear();
}

int OutputFiles::create(const std::filesystem::path& path, const std::filesystem::path& beside, std::string& error) {
  const auto directory = directory_of(beside);
  std::string pattern = (directory / ("." + beside.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    error = beside.string() + ": cannot create a file in " + directory.string() + ": " + std::strerror(errno);
    return -1;
  }
  ::fchmod(fd, 0644);
  temporaries_.push_back({path, pattern, fd});
  return static_cast<int>(temporaries_.size() - 1);
}

void OutputFiles::add(std::filesystem::path path, std::string content) {
  pending_.push_back({std::move(path), std::move(content)});
}

int OutputFiles::open(const std::filesystem::path& path, std::string& error) {
  return create(path, path, error);
}

int OutputFiles::open_scratch(const std::filesystem::path& beside, std::string& error) {
  return create({}, beside, error);
}

bool OutputFiles::append(int stream, std::string_view text, std::string& error) {
  auto& file = temporaries_[static_cast<std::size_t>(stream)];
  if (write_all(file.fd, text)) return true;
  error = (file.path.empty() ? file.temporary : file.path).string() + ": cannot write: " + std::strerror(errno);
  return false;
}

bool OutputFiles::append_copy(int stream, int from, std::string& error) {
  auto& target = temporaries_[static_cast<std::size_t>(stream)];
  const int source = temporaries_[static_cast<std::size_t>(from)].fd;
  loff_t offset = 0;
  for (;;) {
    const auto n = ::copy_file_range(source, &offset, target.fd, nullptr, std::size_t{1} << 30, 0);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = target.path.string() + ": cannot write: " + std::strerror(errno);
      return false;
    }
  }
}

bool OutputFiles::write(const std::filesystem::path& path, std::string_view content, std::string& error) {
  const int stream = open(path, error);
  if (stream < 0) return false;
  auto& file = temporaries_[static_cast<std::size_t>(stream)];
  // No fsync: every output is derived from the inputs and made again by running again; the rename
  // alone keeps a failed run from leaving a partial file. A sync cost more than compiling a STIG.
  bool ok = write_all(file.fd, content);
  int saved = errno;
  if (::close(file.fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  file.fd = -1;
  if (!ok) error = path.string() + ": cannot write: " + std::strerror(saved);
  return ok;
}

bool OutputFiles::commit(std::string& error) {
  for (const auto& file : pending_) {
    if (!write(file.path, file.content, error)) {
      discard();
      return false;
    }
  }
  pending_.clear();
  for (auto& file : temporaries_) {
    if (file.fd < 0 || file.path.empty()) continue;
    const bool ok = ::close(file.fd) == 0;  // no fsync, as in write()
    const int saved = errno;
    file.fd = -1;
    if (!ok) {
      error = file.path.string() + ": cannot write: " + std::strerror(saved);
      discard();
      return false;
    }
  }
  for (auto& file : temporaries_) {
    if (file.path.empty()) continue;
    if (std::rename(file.temporary.c_str(), file.path.c_str()) != 0) {
      error = file.path.string() + ": cannot replace: " + std::strerror(errno);
      discard();
      return false;
    }
    file.temporary.clear();
  }
  discard();  // the scratch files
  return true;
}

std::string per_host_path(const std::string& given, const std::vector<std::string>& labels, std::size_t host) {
  if (labels.size() <= 1) return given;
  const std::filesystem::path path(given);
  return (path.parent_path() / (path.stem().string() + "." + labels[host] + path.extension().string())).string();
}

void StreamWriter::write(const void* data, std::size_t size) {
  if (error_.empty()) files_.append(stream_, std::string_view(static_cast<const char*>(data), size), error_);
}

}  // namespace scapc::output
