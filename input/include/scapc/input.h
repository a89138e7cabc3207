// Reading files nobody here wrote: downloaded STIGs, vendor data streams, data collected from
// servers, checklists from other tools. Each function either returns the whole input or a one-line
// error naming the file and the position ("file:line: reason", "file:/json/pointer: reason").
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::input {

// No SCAP document or collected output comes near this; /dev/zero or a wrong path must not eat
// the machine's memory.
inline constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 30;

// Deeper than any real XCCDF, OVAL, CliXml or checklist (which stay under 30), shallow enough that
// every recursive reader in the project stays far from the end of its stack.
inline constexpr int kMaxNesting = 256;

// pugixml's memory (every document's text and DOM) from then on in transparent huge pages, for the
// whole process: to be called first thing, before any document is parsed, since a document must be
// freed by the allocator that made it. Not under AddressSanitizer, which checks malloc's blocks.
void use_huge_pages_for_xml();
bool xml_uses_huge_pages();

// The whole file; directories, missing files and files over kMaxFileBytes are errors.
bool read_file(const std::filesystem::path& path, std::string& out, std::string& error);

// pugixml without its leniencies: the document must have a root element, no DOCTYPE (so no
// entity can be declared, expanded or fetched), valid UTF-8 when it is UTF-8, only characters XML
// allows, and elements nested at most kMaxNesting deep.
struct XmlError {
  int line = 0;  // 0 when the position is unknown (a UTF-16 document, a missing root)
  std::string reason;
};
std::string describe(const std::string& name, const XmlError& error);
bool parse_xml(std::string_view text, pugi::xml_document& out, XmlError& error);
bool parse_xml(std::string_view text, const std::string& name, pugi::xml_document& out, std::string& error);
// parse_xml on `text` in place: the document points into it, so `text` must outlive the document
// and is changed by parsing. For a document the program made itself, held once instead of twice.
bool parse_xml_in_place(std::string& text, const std::string& name, pugi::xml_document& out, std::string& error,
                        unsigned options = 0);

// Where an element's bytes are in its file, so a writer can copy them out unchanged (copy_span)
// instead of printing the parsed element again. Empty when that cannot be done: the file is not
// UTF-8, is not a regular file, or has something other than comments after its root element.
struct FileSpan {
  std::string path;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  // The file as it was read: a file changed since then is not copied.
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;
  std::int64_t changed_ns = 0;
  std::uint64_t checksum = 0;  // of the file's bytes up to `end`
  [[nodiscard]] bool empty() const { return end <= begin; }
};

// parse_xml on the file at `path`, read straight into a buffer the document owns and parsed in
// place: the text is held once, not twice. `root` is the root element's span in the file. Extra
// pugixml parse options (parse_embed_pcdata: text kept in its element, not a node of its own) go
// in `options`; errors are the same "file:line: reason" lines as read_file and parse_xml give.
bool parse_xml_file(const std::filesystem::path& path, pugi::xml_document& out, FileSpan& root, std::string& error,
                    unsigned options = 0);

// The span's bytes to `writer`. False, with a one-line error, when the file changed since it was
// read (another size, inode, time or checksum) or cannot be read any more; by then part of the
// span may have been written.
bool copy_span(const FileSpan& span, pugi::xml_writer& writer, std::string& error);

// The line of a byte offset in the file at `path` (0 when it cannot be read): for messages about a
// document parsed in place, whose text no longer has all of its line breaks where they were.
int line_in_file(const std::filesystem::path& path, std::ptrdiff_t offset);

// Where a JSON document went wrong: a syntax error has a line and column, a value has a pointer.
struct JsonError {
  int line = 0;
  int column = 0;
  std::string pointer;
  std::string reason;
};
std::string describe(const std::string& name, const JsonError& error);

// Whether the first character that is not white space or a UTF-8 byte order mark opens JSON ('{'
// or '['): how a collection bundle or a CKLB is told from XML and plain text.
bool starts_like_json(std::string_view text);
// The same for a file, read only as far as that character: a large XML file is not read twice.
bool file_starts_like_json(const std::filesystem::path& path);

// nlohmann::json plus what it lets through: numbers out of range, nesting beyond kMaxNesting, and
// duplicate keys (where the last one would silently win). Duplicates are errors unless the caller
// collects their pointers to report all of them itself. A key or string holding a character XML
// cannot carry (JSON's \u0001, \uFFFF) is read with U+FFFD in its place, as
// replace_non_xml_text does, and its pointer added to `replaced` for the caller to warn about:
// every value read may go into an XML output.
bool parse_json(std::string_view text, nlohmann::json& out, JsonError& error,
                std::vector<std::string>* duplicate_keys = nullptr, std::vector<std::string>* replaced = nullptr);
bool parse_json(std::string_view text, const std::string& name, nlohmann::json& out, std::string& error,
                std::vector<std::string>* replaced = nullptr);
// The same keeping the order of keys, for documents written back (CKLB).
bool parse_json(std::string_view text, const std::string& name, nlohmann::ordered_json& out, std::string& error,
                std::vector<std::string>* replaced = nullptr);

// The position of the first byte that is not UTF-8 or not an XML character, or npos.
struct TextFault {
  std::size_t offset = std::string_view::npos;
  std::string reason;
};
TextFault find_text_fault(std::string_view text, bool xml_characters);

// Whether `text` holds a byte that is not UTF-8 or a character XML 1.0 cannot carry (a control
// character but tab, line feed and carriage return; U+FFFE; U+FFFF).
bool holds_non_xml_text(std::string_view text);
// Each such byte or character replaced with U+FFFD; the number replaced. Collected values go into
// XML outputs, and one such character would make every one of them malformed.
std::size_t replace_non_xml_text(std::string& text);

// The project's fixed patterns (scapc/pattern.h) run only on text up to this length, and longer
// text is taken as not matching: no line a person writes for a reviewer is that long. The limit
// began with std::regex, which recursed once per character and overflowed the stack at 50,000.
inline constexpr std::size_t kMaxRegexSubject = 8192;
inline bool regex_safe(std::string_view subject) {
  return subject.size() <= kMaxRegexSubject;
}

// The 1-based number and the length of the longest line of `text`.
struct LongestLine {
  std::size_t number = 0;
  std::size_t length = 0;
};
LongestLine longest_line(std::string_view text);

// `text` safe to print on one line of a terminal: control characters and bytes that are not UTF-8
// become escapes (\n, \x1B), so content quoted in an error cannot forge or split lines.
std::string printable(std::string_view text);

// Runs of white space as one space, none at the ends: texts compared this way do not differ by
// re-wrapping or line endings.
std::string collapse_whitespace(std::string_view text);

// `text` when it is at most `bytes` long; else its start, cut on a character boundary, then
// "… (N bytes)": for quoting a value in a message that must stay readable.
std::string cut_text(std::string_view text, std::size_t bytes);

// Of `known`, the one `wanted` was probably meant to be: within a third of its length in edits
// (case aside), or containing it; empty when none is. For "did you mean" in error messages.
std::string closest(std::string_view wanted, const std::vector<std::string>& known);

// RFC 6901 escaping of one reference token.
std::string pointer_token(std::string_view token);

}  // namespace scapc::input
