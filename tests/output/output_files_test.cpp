// Committing a run's files (output_files.h) and naming them (host labels): all or nothing, one
// file per output, and names that never collide or exceed what a file system takes.
#include <fcntl.h>
#include <scapc/output_files.h>
#include <scapc/results.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace scapc;

namespace {

std::string read_back(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::filesystem::path scratch_folder(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("scapc-output-files-" + name);
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

// Pages of the file's bytes from its second page to `length` that are in the page cache, or -1
// when the file system is not one whose writeback and page dropping this test knows (ext4, XFS).
long resident_pages(const std::filesystem::path& path, std::size_t length) {
  struct statfs about {};
  if (::statfs(path.c_str(), &about) != 0 || (about.f_type != 0xEF53 && about.f_type != 0x58465342)) return -1;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  void* map = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return -1;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> in_core((length - page + page - 1) / page);
  long count = ::mincore(static_cast<char*>(map) + page, length - page, in_core.data()) == 0 ? 0 : -1;
  for (const auto flag : in_core) count += (count >= 0 && (flag & 1U) != 0) ? 1 : 0;
  ::munmap(map, length);
  return count;
}

std::set<std::string> names_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

check::Host host(const std::string& name, const std::string& fqdn = "") {
  check::Host out;
  out.host_name = name;
  out.fqdn = fqdn;
  return out;
}

}  // namespace

TEST_CASE("a commit that cannot replace one file puts back those it replaced", "[output][files]") {
  const auto dir = scratch_folder("undo");
  write(dir / "a.xml", "old a\n");
  std::filesystem::create_directory(dir / "b.json");  // a folder where a file is to go
  std::string error;
  {
    output::OutputFiles files;
    files.add(dir / "a.xml", "new a\n");
    files.add(dir / "c.html", "new c\n");
    files.add(dir / "b.json", "new b\n");
    CHECK_FALSE(files.commit(error));
  }
  CHECK(error == (dir / "b.json").string() + ": cannot replace: it is a folder");
  CHECK(read_back(dir / "a.xml") == "old a\n");
  CHECK(names_in(dir) == std::set<std::string>{"a.xml", "b.json"});  // no c.html, no temporary file
}

TEST_CASE("a commit that succeeds replaces every file and leaves no backup", "[output][files]") {
  const auto dir = scratch_folder("replace");
  write(dir / "a.xml", "old a\n");
  std::string error;
  output::OutputFiles files;
  files.add(dir / "a.xml", "new a\n");
  const int stream = files.open(dir / "s.xml", error);
  REQUIRE(stream >= 0);
  REQUIRE(files.append(stream, "streamed\n", error));
  REQUIRE(files.commit(error));
  CHECK(read_back(dir / "a.xml") == "new a\n");
  CHECK(read_back(dir / "s.xml") == "streamed\n");
  CHECK(names_in(dir) == std::set<std::string>{"a.xml", "s.xml"});
}

TEST_CASE("a replaced file goes whole: its other links keep the old text, a symlink is replaced", "[output][files]") {
  const auto dir = scratch_folder("exchange");
  write(dir / "a.xml", "old a\n");
  std::filesystem::create_hard_link(dir / "a.xml", dir / "a-link.xml");
  write(dir / "target.xml", "target\n");
  std::filesystem::create_symlink(dir / "target.xml", dir / "b.xml");
  std::string error;
  output::OutputFiles files;
  files.add(dir / "a.xml", "new a\n");
  files.add(dir / "b.xml", "new b\n");
  REQUIRE(files.commit(error));
  CHECK(read_back(dir / "a.xml") == "new a\n");
  CHECK(read_back(dir / "a-link.xml") == "old a\n");  // not written through: a new file took the name
  CHECK_FALSE(std::filesystem::is_symlink(dir / "b.xml"));
  CHECK(read_back(dir / "b.xml") == "new b\n");
  CHECK(read_back(dir / "target.xml") == "target\n");
  CHECK(names_in(dir) == std::set<std::string>{"a.xml", "a-link.xml", "b.xml", "target.xml"});
}

TEST_CASE("one file named for two outputs is refused, however it is spelled", "[output][files]") {
  const auto dir = scratch_folder("twice");
  std::string error;
  output::OutputFiles files;
  REQUIRE(files.open(dir / "f.xml", error) >= 0);
  CHECK(files.open(dir / "." / "f.xml", error) < 0);
  CHECK(error == (dir / "." / "f.xml").string() + ": named for two outputs of the run; give each its own file");
  files.add(dir / "sub" / ".." / "f.xml", "x");
  std::filesystem::create_directory(dir / "sub");
  CHECK_FALSE(files.commit(error));
  CHECK(error.ends_with(": named for two outputs of the run; give each its own file"));
  CHECK(names_in(dir) == std::set<std::string>{"sub"});
}

TEST_CASE("temporary files of a process that is gone are removed by the next run", "[output][files]") {
  const auto dir = scratch_folder("leftovers");
  // A pid that no process has: past the kernel's pid_max (at most 2^22).
  write(dir / ".arf.xml.scapc-99999999.AbCdEf", "half an ARF");
  const auto own = ".arf.xml.scapc-" + std::to_string(::getpid()) + ".XyZ123";
  write(dir / own, "this process's");
  write(dir / ".other.xml.scapc-99999999.AbCdEf", "another output's");
  std::string error;
  output::OutputFiles files;
  files.add(dir / "arf.xml", "whole\n");
  REQUIRE(files.commit(error));
  CHECK(names_in(dir) == std::set<std::string>{"arf.xml", own, ".other.xml.scapc-99999999.AbCdEf"});
}

TEST_CASE("folders made for outputs stay when the run commits and go when it fails", "[output][files]") {
  const auto dir = scratch_folder("parents");
  {
    output::OutputFiles files;
    files.make_parent_folders();
    std::string error;
    REQUIRE(files.write(dir / "a" / "b" / "one.xml", "1", error));
    REQUIRE(files.commit(error));
  }
  CHECK(read_back(dir / "a" / "b" / "one.xml") == "1");
  {
    output::OutputFiles files;
    files.make_parent_folders();
    std::string error;
    REQUIRE(files.write(dir / "a" / "new" / "deeper" / "two.xml", "2", error));
    // A second output that cannot be written: the run fails before anything is renamed.
    CHECK(files.open(dir / "a" / "new" / "deeper" / "two.xml", error) < 0);
  }
  CHECK(names_in(dir / "a") == std::set<std::string>{"b"});  // new/deeper removed, b kept
  {
    output::OutputFiles files;  // without make_parent_folders, a missing folder is an error
    std::string error;
    CHECK(files.open(dir / "missing" / "x.xml", error) < 0);
    CHECK(error.find("cannot create a file in") != std::string::npos);
  }
}

TEST_CASE("host labels are unique by construction", "[output][labels]") {
  // a, a and a-2: the second a is numbered by its place, which the third host then finds taken.
  const auto labels = output::host_labels({host("a"), host("a"), host("a-2")});
  CHECK(labels == std::vector<std::string>{"a", "a-2", "a-2-3"});
  // A number whose label a host brought is passed over by the list's length (5): the second
  // x.example is at place 3, x.example-3 is taken, so it becomes x.example-8.
  const auto more = output::host_labels({host("x", "x.example"), host("x.example-3"), host("x.example"),
                                         host("b"), host("x.example-1")});
  CHECK(more == std::vector<std::string>{"x.example", "x.example-3", "x.example-8", "b", "x.example-1"});
  // Labels depend on the hosts before a host only: a later host never changes an earlier label.
  const auto longer = output::host_labels({host("a"), host("a"), host("a-2"), host("a")});
  CHECK(std::vector<std::string>(longer.begin(), longer.begin() + 3) ==
        std::vector<std::string>{"a", "a-2", "a-2-3"});
  for (const auto& list : {labels, more, longer}) {
    CHECK(std::set<std::string>(list.begin(), list.end()).size() == list.size());
  }
}

TEST_CASE("long host names get short labels that stay apart", "[output][labels]") {
  const std::string stem(250, 'h');
  const auto first = output::host_label(host(stem + "1"));
  const auto second = output::host_label(host(stem + "2"));
  CHECK(first.size() == 64);
  CHECK(first.starts_with(std::string(47, 'h') + "-"));
  CHECK(first != second);
  CHECK(output::host_label(host("short.example")) == "short.example");
}

TEST_CASE("a head put in front of a streamed file, inserted or copied, gives the same bytes", "[output][files]") {
  // /tmp inserts the range where it is ext4 or XFS; /dev/shm (tmpfs) cannot, so there the file is
  // copied; a head that is not whole blocks is copied everywhere.
  std::vector<std::filesystem::path> folders{scratch_folder("front")};
  if (std::filesystem::is_directory("/dev/shm")) {
    folders.push_back("/dev/shm/scapc-output-files-front-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folders.back());
  }
  const std::string body(3 * output::OutputFiles::kBlock + 17, 'b');
  for (const auto& dir : folders) {
    for (const std::int64_t head_size : {output::OutputFiles::kBlock * 2, output::OutputFiles::kBlock + 5}) {
      INFO(dir << " head of " << head_size << " bytes");
      const std::string head_text(static_cast<std::size_t>(head_size), 'h');
      std::string error;
      {
        output::OutputFiles files;
        const int stream = files.open(dir / "joined.txt", error);
        REQUIRE(stream >= 0);
        REQUIRE(files.append(stream, body, error));
        const int head = files.open_scratch(dir / "joined.txt", error);
        REQUIRE(head >= 0);
        REQUIRE(files.append(head, head_text, error));
        CHECK(files.size(head) == head_size);
        REQUIRE(files.insert_front(stream, head, error));
        REQUIRE(files.append(stream, "tail", error));
        REQUIRE(files.commit(error));
      }
      CHECK(read_back(dir / "joined.txt") == head_text + body + "tail");
      CHECK(names_in(dir) == std::set<std::string>{"joined.txt"});  // no temporary left
    }
  }
  for (std::size_t i = 1; i < folders.size(); ++i) std::filesystem::remove_all(folders[i]);
}

TEST_CASE("a file handed to the disk as it is written keeps every byte, with a head put in front",
          "[output][files]") {
  // Pieces of 1 MiB plus one byte, so the handed pieces never line up with what is appended; the
  // write behind starts after the first bytes, and goes on after the head is in front.
  std::vector<std::filesystem::path> folders{scratch_folder("behind")};
  if (std::filesystem::is_directory("/dev/shm")) {
    folders.push_back("/dev/shm/scapc-output-files-behind-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folders.back());
  }
  const auto pieces = static_cast<std::size_t>(2 * output::OutputFiles::kWriteBehind / (1 << 20)) + 2;
  for (const auto& dir : folders) {
    INFO(dir);
    std::string expected;
    std::string error;
    {
      output::OutputFiles files;
      const int stream = files.open(dir / "big.txt", error);
      REQUIRE(stream >= 0);
      REQUIRE(files.append(stream, "start\n", error));
      files.write_behind(stream);
      std::string body;
      for (std::size_t i = 0; i < pieces; ++i) {
        std::string piece((1 << 20) + 1, static_cast<char>('a' + i % 26));
        REQUIRE(files.append(stream, piece, error));
        body += piece;
      }
      // What the disk has written is dropped from memory: a 3 GB ARF does not take 3 GB of page
      // cache (which, on a virtual machine whose host takes back freed memory, cost 2 ms a MiB).
      // The first page also holds the bytes written before the write behind began, and stays.
      for (const auto& name : names_in(dir)) {
        const auto resident = resident_pages(dir / name, static_cast<std::size_t>(output::OutputFiles::kWriteBehind));
        INFO(name << ": " << resident << " pages of the first piece in memory");
        CHECK(resident <= 0);
      }
      const int head = files.open_scratch(dir / "big.txt", error);
      REQUIRE(head >= 0);
      const std::string head_text(static_cast<std::size_t>(output::OutputFiles::kBlock), 'h');
      REQUIRE(files.append(head, head_text, error));
      REQUIRE(files.insert_front(stream, head, error));
      const std::string tail(static_cast<std::size_t>(output::OutputFiles::kWriteBehind) + 3, 'z');
      REQUIRE(files.append(stream, tail, error));
      REQUIRE(files.commit(error));
      expected = head_text + "start\n" + body + tail;
    }
    const auto written = read_back(dir / "big.txt");
    CHECK(written.size() == expected.size());
    const bool same = written == expected;  // not printed whole when it fails: 66 MiB
    CHECK(same);
    CHECK(names_in(dir) == std::set<std::string>{"big.txt"});
  }
  for (std::size_t i = 1; i < folders.size(); ++i) std::filesystem::remove_all(folders[i]);
}
