// Writing results all-or-nothing: every file goes to a temporary file beside its destination and
// is renamed into place only when all of them were written, so a failed run leaves no partial
// output and never replaces a good file with a broken one. Files can be given whole (add), written
// at once (write), or streamed piece by piece (open, append), so that a run over many hosts keeps
// only a batch of them in memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::output {

// Removes every temporary file of this process: for a signal that ends the run (the process is
// about to exit; nothing is written after it).
void remove_unfinished_files();

// A file per host: the given name for a single host, else ".<label>" before the extension.
std::string per_host_path(const std::string& given, const std::vector<std::string>& labels, std::size_t host);

class OutputFiles {
 public:
  OutputFiles() = default;
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;
  // Whatever was not committed is removed: an early return leaves nothing behind.
  ~OutputFiles();

  // Folders an output is to be written in are made when missing (and removed again when the run
  // fails); by default a missing folder is an error.
  void make_parent_folders() { make_parents_ = true; }
  void add(std::filesystem::path path, std::string content);
  // Writes `content` to a temporary file now; renamed at commit.
  bool write(const std::filesystem::path& path, std::string_view content, std::string& error);
  // A temporary file for `path` kept open for append(); -1 on error. A scratch file (no path to
  // rename to) is created beside `beside` and removed at the end; its content is meant for
  // append_copy().
  int open(const std::filesystem::path& path, std::string& error);
  int open_scratch(const std::filesystem::path& beside, std::string& error);
  bool append(int stream, std::string_view text, std::string& error);
  // Appends everything written to `from` so far (copied by the kernel, not through memory).
  bool append_copy(int stream, int from, std::string& error);
  // Appends `size` bytes of `from`, starting at `offset`, the same way.
  bool append_range(int stream, int from, std::int64_t offset, std::int64_t size, std::string& error);
  // Reads `size` bytes of a file opened for append(), starting at `offset`, into `out`.
  bool read_range(int stream, std::int64_t offset, std::int64_t size, std::string& out, std::string& error) const;
  // How many bytes have been written to a file opened for append() (-1 if it cannot be told).
  [[nodiscard]] std::int64_t size(int stream) const;
  // Puts everything written to `head` in front of what `stream` holds, so a file whose beginning is
  // known last is written once: where the file system can insert a range at the start of a file
  // (ext4, XFS: fallocate's FALLOC_FL_INSERT_RANGE) and `head` is a whole number of kBlock-byte
  // blocks, `stream`'s bytes are not moved; elsewhere both are copied into a new temporary file.
  // Appending to `stream` goes on after its old end.
  static constexpr std::int64_t kBlock = 4096;
  bool insert_front(int stream, int head, std::string& error);
  // From now on, what append() writes to `stream` is handed to the disk kWriteBehind bytes at a
  // time, each piece waited for once the next one is on its way: for a large file that will have a
  // head inserted, since inserting makes the file system write out the whole file there and then
  // (0.8 s at the end of a 3 GB ARF), and for a file of gigabytes, which would otherwise fill the
  // page cache with dirty pages until the kernel throttles every writer on the machine. A piece
  // on disk is dropped from the page cache, so a long run reuses a few pages of memory.
  static constexpr std::int64_t kWriteBehind = std::int64_t{32} << 20;
  void write_behind(int stream);
  // Done with a file opened for append(): closed now, still renamed at commit.
  bool close(int stream, std::string& error);
  // Writes and renames every file; on failure removes what it wrote, puts back any file it had
  // already replaced, and says why. Two outputs for one file are refused when the second is opened.
  bool commit(std::string& error);

 private:
  struct Temporary {
    std::filesystem::path path;       // destination; empty for a scratch file
    std::filesystem::path temporary;  // where it is written
    int fd = -1;                      // open while streamed
    bool write_behind = false;
    std::int64_t appended = 0;  // bytes append() wrote
    std::int64_t handed = 0;    // of them, those handed to the disk
    // "NAME: cannot write: REASON", NAME the destination (the temporary for a scratch file).
    [[nodiscard]] std::string cannot_write(int code) const;
  };
  bool hand_to_disk(Temporary& file, std::string& error);
  struct Pending {
    std::filesystem::path path;
    std::string content;
  };
  int create(const std::filesystem::path& path, const std::filesystem::path& beside, std::string& error);
  bool replace_all(std::string& error);
  bool make_folders(const std::filesystem::path& folder, std::string& error);
  void discard();
  std::vector<Pending> pending_;
  std::vector<Temporary> temporaries_;
  std::set<std::string> destinations_;
  std::set<std::filesystem::path> swept_;  // directories read for a dead run's temporary files
  std::multimap<std::filesystem::path, std::filesystem::path> leftovers_;  // destination -> its leftovers
  bool make_parents_ = false;
  std::vector<std::filesystem::path> made_folders_;  // in the order they were made
};

// A pugi writer into one of OutputFiles' streams (a document written as it is serialized, never
// held whole); the first failure stops writing and is kept for ok()/error().
class StreamWriter : public pugi::xml_writer {
 public:
  StreamWriter(OutputFiles& files, int stream) : files_(files), stream_(stream) {}
  void write(const void* data, std::size_t size) override;
  [[nodiscard]] bool ok() const { return error_.empty(); }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  OutputFiles& files_;
  int stream_;
  std::string error_;
};

}  // namespace scapc::output
