// XML documents parsed in place from their files, and copied back out of them byte for byte.
//
// For the large inputs of `scapc oval analyse` (a system characteristics file of 100,000 items is
// 80 MB) the copy pugixml makes of a text buffer, and zeroing the string read into, were a fifth of
// the memory and a tenth of the time (perf, bench/oval). Reading into a buffer pugixml owns and
// parsing it in place removes both. Parsing in place rewrites the buffer (entities, line ends), so
// a document copied into a results file is read again from its file, checked to be unchanged.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "scapc/input.h"
#include "scapc/xml_names.h"
#include "xml_checks.h"

namespace scapc::input {
namespace {

// Closes the descriptor on every return path.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

std::int64_t nanoseconds(const timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1000000000 + time.tv_nsec;
}

void stamp(FileSpan& span, const struct stat& status) {
  span.device = status.st_dev;
  span.inode = status.st_ino;
  span.size = static_cast<std::uint64_t>(status.st_size);
  span.modified_ns = nanoseconds(status.st_mtim);
  span.changed_ns = nanoseconds(status.st_ctim);
}

bool same_file(const FileSpan& span, const struct stat& status) {
  FileSpan now;
  stamp(now, status);
  return now.device == span.device && now.inode == span.inode && now.size == span.size &&
         now.modified_ns == span.modified_ns && now.changed_ns == span.changed_ns;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Where the root element ends: just after the last '>' once the white space and comments that may
// follow it are set aside. 0 when anything else follows (a processing instruction, stray text),
// and the document is then printed rather than copied.
std::size_t end_of_root(std::string_view text) {
  auto end = text.size();
  while (true) {
    while (end > 0 && is_space(text[end - 1])) --end;
    if (end < 7 || text.substr(end - 3, 3) != "-->") break;
    // "--" cannot occur inside a comment, so the last "<!--" before its end is its start.
    const auto open = text.rfind("<!--", end - 7);
    if (open == std::string_view::npos) return 0;
    end = open;
  }
  return end > 0 && text[end - 1] == '>' ? end : 0;
}

// A checksum of bytes read, so a copy made later can tell that the file still holds them (its
// size and times alone can stay the same when it is rewritten within one clock tick). It runs over
// every input twice, so it takes 32 bytes a step in four independent lanes (one lane was 7% of
// analysing 100,000 items); bytes are taken in the order they come, however they are split.
class Checksum {
 public:
  void add(std::string_view bytes) {
    while (!bytes.empty()) {
      if (filled_ == 0 && bytes.size() >= sizeof block_) {
        std::memcpy(block_.data(), bytes.data(), sizeof block_);
        mix();
        bytes.remove_prefix(sizeof block_);
        continue;
      }
      const auto take = std::min(bytes.size(), sizeof block_ - filled_);
      std::memcpy(reinterpret_cast<char*>(block_.data()) + filled_, bytes.data(), take);
      filled_ += take;
      bytes.remove_prefix(take);
      if (filled_ == sizeof block_) mix();
    }
  }
  [[nodiscard]] std::uint64_t value() const {
    auto partial = block_;
    std::memset(reinterpret_cast<char*>(partial.data()) + filled_, 0, sizeof partial - filled_);
    std::uint64_t out = filled_;
    for (std::size_t k = 0; k < lanes_.size(); ++k) out = (out ^ lanes_[k] ^ partial[k]) * kPrime;
    return out ^ (out >> 31);
  }

 private:
  static constexpr std::uint64_t kPrime = 0x9E3779B97F4A7C15ULL;
  void mix() {
    for (std::size_t k = 0; k < lanes_.size(); ++k) {
      lanes_[k] = (lanes_[k] ^ block_[k]) * kPrime;
      lanes_[k] ^= lanes_[k] >> 29;
    }
    filled_ = 0;
  }
  std::array<std::uint64_t, 4> lanes_{1, 2, 3, 4};
  std::array<std::uint64_t, 4> block_{};
  std::size_t filled_ = 0;
};

// The root element's bytes, if they can be copied: it starts at its '<', it is the document's last
// node, and the end of the text as read (`tail`, taken before parsing in place overwrote the '<'
// of the end tag after text) is its end tag or the end of its empty-element tag.
void find_root(const pugi::xml_document& document, std::string_view text, std::string_view tail, std::size_t end,
               FileSpan& span) {
  const auto root = document.document_element();
  const auto name_at = root.offset_debug();
  if (end == 0 || name_at < 1 || text[static_cast<std::size_t>(name_at) - 1] != '<' || !root.next_sibling().empty())
    return;
  auto tag_end = tail.size() - 1;  // at the '>'
  bool closed = false;
  if (tag_end > 0 && tail[tag_end - 1] == '/') {
    closed = root.first_child().empty() && *root.value() == '\0';
  } else {
    while (tag_end > 0 && is_space(tail[tag_end - 1])) --tag_end;
    const std::string end_tag = std::string("</") + root.name();
    closed = tag_end >= end_tag.size() && tail.substr(tag_end - end_tag.size(), end_tag.size()) == end_tag;
  }
  if (!closed) return;
  span.begin = static_cast<std::uint64_t>(name_at) - 1;
  span.end = end;
}

std::string describe_at(const std::filesystem::path& path, const detail::Fault& fault, bool utf8) {
  const int line = fault.offset < 0 || !utf8 ? 0 : line_in_file(path, fault.offset);
  return describe(path.string(), XmlError{line, fault.reason});
}

// Pipes, devices and empty files: read as text and parsed as parse_xml does, with nothing to copy.
bool parse_read_text(const std::filesystem::path& path, pugi::xml_document& out, std::string& error) {
  std::string text;
  return read_file(path, text, error) && parse_xml(text, path.string(), out, error);
}

}  // namespace

int line_in_file(const std::filesystem::path& path, std::ptrdiff_t offset) {
  std::string text;
  std::string ignored;
  return read_file(path, text, ignored) ? xml::line_at(text, offset) : 0;
}

bool parse_xml_file(const std::filesystem::path& path, pugi::xml_document& out, FileSpan& root, std::string& error,
                    unsigned options) {
  root = FileSpan{};
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat status {};
  if (file.get() < 0 || ::fstat(file.get(), &status) != 0 || !S_ISREG(status.st_mode) || status.st_size == 0)
    return parse_read_text(path, out, error);
  if (static_cast<std::uintmax_t>(status.st_size) > kMaxFileBytes) {
    error = path.string() + ": the file is larger than the 1 GiB limit for one input";
    return false;
  }
  // Allocated with pugixml's allocator, so the document can take it over and free it; one byte
  // more for the terminating zero pugixml adds to a buffer it copies, so that the parse (and any
  // message about the end of the text) is the very one parse_xml's copy gets.
  auto size = static_cast<std::size_t>(status.st_size);
  std::unique_ptr<char, void (*)(void*)> owned(static_cast<char*>(pugi::get_memory_allocation_function()(size + 1)),
                                               pugi::get_memory_deallocation_function());
  char* buffer = owned.get();
  if (buffer == nullptr) {
    error = path.string() + ": not enough memory to read the file";
    return false;
  }
  std::size_t got = 0;
  while (got < size) {
    const auto n = ::read(file.get(), buffer + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = path.string() + ": cannot read the file: " + std::strerror(errno);
      return false;
    }
    if (n == 0) break;  // it shrank meanwhile: what is there is parsed, and it is not copied later
    got += static_cast<std::size_t>(n);
  }
  size = got;
  buffer[size] = '\0';
  const std::string_view text(buffer, size);
  bool utf8 = true;
  detail::Fault fault;
  if (!detail::check_text(text, utf8, fault)) {
    // The text is as read: its line numbers are right, as with parse_xml.
    error = describe(path.string(), XmlError{fault.offset < 0 ? 0 : xml::line_at(text, fault.offset), fault.reason});
    return false;
  }
  if (!utf8) {
    // UTF-16, UTF-32 or Latin-1: pugixml converts it into a buffer of its own in any case, and
    // parse_xml's copy is what its detection and conversion are known to agree with.
    return parse_xml(text, path.string(), out, error);
  }
  // Decided before parsing, while the text is still as the file has it.
  const auto end = got == static_cast<std::size_t>(status.st_size) ? end_of_root(text) : 0;
  std::string tail;
  std::uint64_t checksum = 0;
  if (end != 0) {
    tail = text.substr(end - std::min<std::size_t>(end, 1024), std::min<std::size_t>(end, 1024));
    Checksum sum;
    sum.add(text.substr(0, end));
    checksum = sum.value();
  }
  const bool references = detail::refers_by_number(text);
  const auto parsed =
      out.load_buffer_inplace_own(owned.release(), size + 1, pugi::parse_default | pugi::parse_doctype | options,
                                  pugi::encoding_auto);  // the document owns the buffer now
  if (!detail::check_parsed(parsed, out, text, references, fault)) {
    error = describe_at(path, fault, utf8);
    return false;
  }
  if (end != 0) {
    find_root(out, text, tail, end, root);
    if (!root.empty()) {
      root.path = path.string();
      root.checksum = checksum;
      stamp(root, status);
    }
  }
  return true;
}

bool copy_span(const FileSpan& span, pugi::xml_writer& writer, std::string& error) {
  const auto changed = [&] {
    error = span.path + ": the file changed after it was read; run again on files that stay as they are";
    return false;
  };
  Descriptor file(::open(span.path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat status {};
  if (file.get() < 0 || ::fstat(file.get(), &status) != 0) {
    error = span.path + ": cannot read the file again: " + std::strerror(errno);
    return false;
  }
  if (!same_file(span, status)) return changed();
  // Read from the start: the checksum covers the bytes before the root too, since where the root
  // begins was only known once the document was parsed.
  std::vector<char> buffer(std::size_t{1} << 16);
  Checksum sum;
  std::uint64_t at = 0;
  while (at < span.end) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), span.end - at));
    const auto n = ::pread(file.get(), buffer.data(), want, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return changed();
    const std::string_view piece(buffer.data(), static_cast<std::size_t>(n));
    sum.add(piece);
    if (at + piece.size() > span.begin) {
      const auto skip = at >= span.begin ? 0 : static_cast<std::size_t>(span.begin - at);
      writer.write(piece.data() + skip, piece.size() - skip);
    }
    at += piece.size();
  }
  // Written over while it was being copied: the output is already wrong, and the caller removes it.
  if (sum.value() != span.checksum || ::fstat(file.get(), &status) != 0 || !same_file(span, status)) return changed();
  return true;
}

}  // namespace scapc::input
