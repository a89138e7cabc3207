#include <fcntl.h>
#include <linux/falloc.h>
#include <scapc/output_files.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

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

// Every temporary file of this process, so that a signal ending the run removes them too.
std::mutex& registry_lock() {
  static std::mutex lock;
  return lock;
}
std::set<std::string>& registry() {
  static std::set<std::string> paths;
  return paths;
}
void register_temporary(const std::string& path) {
  const std::lock_guard<std::mutex> hold(registry_lock());
  registry().insert(path);
}
void unregister_temporary(const std::string& path) {
  const std::lock_guard<std::mutex> hold(registry_lock());
  registry().erase(path);
}

// mkstemp and registering under one lock: a signal's clean-up never falls between them.
int create_registered(std::string& pattern) {
  const std::lock_guard<std::mutex> hold(registry_lock());
  const int fd = ::mkstemp(pattern.data());
  if (fd >= 0) registry().insert(pattern);
  return fd;
}

// ".NAME.scapc-PID." starts every temporary file for NAME: a later run writing NAME removes those
// of processes that are gone (killed before they could clean up).
std::string temporary_prefix(const std::filesystem::path& beside, long pid) {
  return "." + beside.filename().string() + ".scapc-" + std::to_string(pid) + ".";
}

// The temporary files in `directory` of processes that are gone, by the file each was for: read
// once per directory, not once per file written (a fleet's checklists are thousands of files).
void find_leftovers(const std::filesystem::path& directory,
                    std::multimap<std::filesystem::path, std::filesystem::path>& out) {
  std::error_code code;
  for (const auto& entry : std::filesystem::directory_iterator(directory, code)) {
    const auto name = entry.path().filename().string();
    const auto marker = name.rfind(".scapc-");
    if (!name.starts_with('.') || marker == std::string::npos || marker < 2) continue;
    const auto start = marker + 7;
    const auto digits = name.substr(start, name.find('.', start) - start);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    out.emplace(directory / name.substr(1, marker - 1), entry.path());
  }
}

// Two outputs of a run named alike (`--results f --results-arf f`, or checklists of two hosts
// labelled alike) would leave only the last one: the same file, however it is spelled.
std::string file_identity(const std::filesystem::path& path) {
  std::error_code code;
  const auto absolute = std::filesystem::absolute(path, code).lexically_normal();
  auto resolved = std::filesystem::weakly_canonical(absolute, code);
  return (code ? absolute : resolved).string();
}

}  // namespace

void remove_unfinished_files() {
  const std::lock_guard<std::mutex> hold(registry_lock());
  for (const auto& path : registry()) ::unlink(path.c_str());
  registry().clear();
}

OutputFiles::~OutputFiles() {
  discard();
}

void OutputFiles::discard() {
  for (auto& file : temporaries_) {
    if (file.fd >= 0) ::close(file.fd);
    std::error_code ignored;
    if (!file.temporary.empty()) {
      std::filesystem::remove(file.temporary, ignored);
      unregister_temporary(file.temporary.string());
    }
  }
  temporaries_.clear();
  destinations_.clear();
  // Folders made for outputs that were not written, deepest first; remove() leaves any that holds
  // something.
  for (std::size_t i = made_folders_.size(); i-- > 0;) {
    std::error_code ignored;
    std::filesystem::remove(made_folders_[i], ignored);
  }
  made_folders_.clear();
}

bool OutputFiles::make_folders(const std::filesystem::path& folder, std::string& error) {
  std::vector<std::filesystem::path> missing;
  std::error_code failed;
  for (auto at = folder; !at.empty() && !std::filesystem::exists(at, failed); at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) break;
  }
  // Outermost first.
  for (std::size_t i = missing.size(); i-- > 0;) {
    if (!std::filesystem::create_directory(missing[i], failed) && failed) {
      error = missing[i].string() + ": cannot create the folder: " + failed.message();
      return false;
    }
    made_folders_.push_back(missing[i]);
  }
  return true;
}

int OutputFiles::create(const std::filesystem::path& path, const std::filesystem::path& beside, std::string& error) {
  if (!path.empty() && !destinations_.insert(file_identity(path)).second) {
    error = path.string() + ": named for two outputs of the run; give each its own file";
    return -1;
  }
  const auto directory = directory_of(beside);
  if (make_parents_ && !make_folders(directory, error)) return -1;
  if (!path.empty()) {
    if (swept_.insert(directory).second) find_leftovers(directory, leftovers_);
    const auto [first, last] = leftovers_.equal_range(directory / beside.filename());
    for (auto it = first; it != last; ++it) {
      std::error_code ignored;
      std::filesystem::remove(it->second, ignored);
    }
    leftovers_.erase(first, last);
  }
  std::string pattern = (directory / (temporary_prefix(beside, ::getpid()) + "XXXXXX")).string();
  const int fd = create_registered(pattern);
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

std::string OutputFiles::Temporary::cannot_write(int code) const {
  return (path.empty() ? temporary : path).string() + ": cannot write: " + std::strerror(code);
}

int OutputFiles::open(const std::filesystem::path& path, std::string& error) {
  return create(path, path, error);
}

int OutputFiles::open_scratch(const std::filesystem::path& beside, std::string& error) {
  return create({}, beside, error);
}

bool OutputFiles::append(int stream, std::string_view text, std::string& error) {
  auto& file = temporaries_[static_cast<std::size_t>(stream)];
  if (!write_all(file.fd, text)) {
    error = file.cannot_write(errno);
    return false;
  }
  file.appended += static_cast<std::int64_t>(text.size());
  return !file.write_behind || file.appended - file.handed < kWriteBehind || hand_to_disk(file, error);
}

void OutputFiles::write_behind(int stream) {
  auto& file = temporaries_[static_cast<std::size_t>(stream)];
  file.write_behind = true;
  file.appended = file.handed = size(stream);
}

// Starts writing the newest whole piece, then waits for the one before it: the disk works while
// hosts are checked, and at most two pieces of the file are dirty. A file system that cannot
// (EINVAL, ENOSYS) is left to write back as it does; a write that failed (EIO, ENOSPC) is the
// run's error now, not a file found short later.
bool OutputFiles::hand_to_disk(Temporary& file, std::string& error) {
  while (file.appended - file.handed >= kWriteBehind) {
    bool ok = ::sync_file_range(file.fd, file.handed, kWriteBehind, SYNC_FILE_RANGE_WRITE) == 0;
    if (ok && file.handed >= kWriteBehind) {
      const auto previous = file.handed - kWriteBehind;
      ok = ::sync_file_range(file.fd, previous, kWriteBehind,
                             SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER) == 0;
      // Only advice: failing to drop pages changes nothing written.
      if (ok) (void)::posix_fadvise(file.fd, previous, kWriteBehind, POSIX_FADV_DONTNEED);
    }
    if (!ok && (errno == EINVAL || errno == ENOSYS || errno == ESPIPE)) {
      file.write_behind = false;
      return true;
    }
    if (!ok) {
      error = file.cannot_write(errno);
      return false;
    }
    file.handed += kWriteBehind;
  }
  return true;
}

bool OutputFiles::append_copy(int stream, int from, std::string& error) {
  const auto length = size(from);
  if (length < 0) {
    error = temporaries_[static_cast<std::size_t>(from)].temporary.string() + ": cannot read: " + std::strerror(errno);
    return false;
  }
  return append_range(stream, from, 0, length, error);
}

bool OutputFiles::append_range(int stream, int from, std::int64_t offset, std::int64_t size, std::string& error) {
  auto& target = temporaries_[static_cast<std::size_t>(stream)];
  const int source = temporaries_[static_cast<std::size_t>(from)].fd;
  loff_t at = offset;
  const loff_t end = offset + size;
  while (at < end) {
    const auto n = ::copy_file_range(source, &at, target.fd, nullptr, static_cast<std::size_t>(end - at), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = target.cannot_write(n < 0 ? errno : EIO);
      return false;
    }
  }
  return true;
}

bool OutputFiles::read_range(int stream, std::int64_t offset, std::int64_t size, std::string& out,
                             std::string& error) const {
  const auto& file = temporaries_[static_cast<std::size_t>(stream)];
  out.resize(static_cast<std::size_t>(size));
  std::size_t done = 0;
  while (done < out.size()) {
    const auto n =
        ::pread(file.fd, out.data() + done, out.size() - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = file.temporary.string() + ": cannot read: " + std::strerror(n < 0 ? errno : EIO);
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::int64_t OutputFiles::size(int stream) const {
  struct stat status {};
  if (::fstat(temporaries_[static_cast<std::size_t>(stream)].fd, &status) != 0) return -1;
  return status.st_size;
}

bool OutputFiles::insert_front(int stream, int head, std::string& error) {
  auto& target = temporaries_[static_cast<std::size_t>(stream)];
  const int source = temporaries_[static_cast<std::size_t>(head)].fd;
  const auto length = size(head);
  const auto written = size(stream);
  const auto failed = [&](int code) {
    error = target.path.string() + ": cannot write: " + std::strerror(code);
    return false;
  };
  if (length < 0 || written < 0) return failed(errno);
  if (length == 0) return true;
  // The range must lie inside the file, so an empty one is copied like the others.
  if (length % kBlock == 0 && written > 0 && ::fallocate(target.fd, FALLOC_FL_INSERT_RANGE, 0, length) == 0) {
    loff_t from = 0;
    loff_t to = 0;
    while (from < length) {
      const auto n = ::copy_file_range(source, &from, target.fd, &to, static_cast<std::size_t>(length - from), 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return failed(n < 0 ? errno : EIO);
    }
    if (::lseek(target.fd, 0, SEEK_END) < 0) return failed(errno);
    target.appended = target.handed = written + length;  // what follows is handed on from here
    return true;
  }
  // Copied: the head and then the stream go into a new temporary, which takes the stream's place.
  const int joined = open_scratch(target.path.empty() ? target.temporary : target.path, error);
  if (joined < 0) return false;
  const int body = stream;
  if (!append_copy(joined, head, error) || !append_copy(joined, body, error)) return false;
  auto& fresh = temporaries_[static_cast<std::size_t>(joined)];
  auto& replaced = temporaries_[static_cast<std::size_t>(stream)];
  std::swap(fresh.temporary, replaced.temporary);
  std::swap(fresh.fd, replaced.fd);
  replaced.appended = replaced.handed = written + length;
  return true;
}

bool OutputFiles::write(const std::filesystem::path& path, std::string_view content, std::string& error) {
  const int stream = open(path, error);
  if (stream < 0) return false;
  // No fsync: every output is derived from the inputs and made again by running again; the rename
  // alone keeps a failed run from leaving a partial file. A sync cost more than compiling a STIG.
  return append(stream, content, error) && close(stream, error);
}

bool OutputFiles::close(int stream, std::string& error) {
  auto& file = temporaries_[static_cast<std::size_t>(stream)];
  const int fd = file.fd;
  file.fd = -1;
  if (::close(fd) == 0) return true;
  error = file.cannot_write(errno);
  return false;
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
  return replace_all(error);
}

namespace {
// Puts `temporary` in `path`'s place and the file that was there in `temporary`'s, in one step:
// 1 done, 0 when there was no file at `path` (nothing moved), -1 when the file system cannot
// exchange (errno says why). Unlike a rename over the old file, this does not make ext4 start
// writing the new file's data out there and then (auto_da_alloc): 30 ms of an 85 MB OVAL results
// file, and a second pass over every block of a batch ARF already being written back.
int swap_into_place(const std::string& temporary, const std::string& path) {
  if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) return 1;
  return errno == ENOENT ? 0 : -1;
}
}  // namespace

// A destination that exists is kept until every output is in place, so that when a later rename
// fails (a folder in the way, a read-only file system) the ones before it can be put back: a
// failed run replaces nothing. It is kept by exchanging it with the new file, or where the file
// system cannot exchange, by a link to it.
bool OutputFiles::replace_all(std::string& error) {
  struct Replaced {
    const Temporary* file;
    std::string backup;  // empty: there was no file to keep
    bool exchanged;      // the backup is where the new file was, and goes back by exchanging again
  };
  std::vector<Replaced> done;
  const auto undo = [&]() {
    // Last replaced, first put back.
    for (std::size_t i = done.size(); i-- > 0;) {
      const auto& replaced = done[i];
      if (replaced.backup.empty()) {
        ::unlink(replaced.file->path.c_str());
      } else if (replaced.exchanged) {
        ::renameat2(AT_FDCWD, replaced.backup.c_str(), AT_FDCWD, replaced.file->path.c_str(), RENAME_EXCHANGE);
        ::unlink(replaced.backup.c_str());
        unregister_temporary(replaced.backup);
      } else {
        ::rename(replaced.backup.c_str(), replaced.file->path.c_str());
        unregister_temporary(replaced.backup);
      }
    }
    discard();
  };
  for (auto& file : temporaries_) {
    if (file.path.empty()) continue;
    if (std::filesystem::is_directory(file.path)) {
      error = file.path.string() + ": cannot replace: it is a folder";
      undo();
      return false;
    }
    const auto temporary = file.temporary.string();
    if (const int exchanged = swap_into_place(temporary, file.path.string()); exchanged == 1) {
      // The old file is at the temporary's name, still registered: removed if the run is stopped.
      file.temporary.clear();
      done.push_back({&file, temporary, true});
      continue;
    }
    std::string backup;
    if (::access(file.path.c_str(), F_OK) == 0) {
      backup = temporary + ".old";
      register_temporary(backup);
      if (::link(file.path.c_str(), backup.c_str()) != 0) {
        error =
            file.path.string() + ": cannot keep the file it replaces until the run is done: " + std::strerror(errno);
        unregister_temporary(backup);
        undo();
        return false;
      }
    }
    if (std::rename(temporary.c_str(), file.path.c_str()) != 0) {
      error = file.path.string() + ": cannot replace: " + std::strerror(errno);
      if (!backup.empty()) {
        ::unlink(backup.c_str());
        unregister_temporary(backup);
      }
      undo();
      return false;
    }
    unregister_temporary(temporary);
    file.temporary.clear();
    done.push_back({&file, backup, false});
  }
  for (const auto& replaced : done) {
    if (replaced.backup.empty()) continue;
    ::unlink(replaced.backup.c_str());
    unregister_temporary(replaced.backup);
  }
  made_folders_.clear();  // they hold the outputs now
  discard();              // the scratch files
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
