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

// Where a JSON document went wrong: a syntax error has a line and column, a value has a pointer.
struct JsonError {
  int line = 0;
  int column = 0;
  std::string pointer;
  std::string reason;
};
std::string describe(const std::string& name, const JsonError& error);

// nlohmann::json plus what it lets through: numbers out of range, nesting beyond kMaxNesting, and
// duplicate keys (where the last one would silently win). Duplicates are errors unless the caller
// collects their pointers to report all of them itself.
bool parse_json(std::string_view text, nlohmann::json& out, JsonError& error,
                std::vector<std::string>* duplicate_keys = nullptr);
bool parse_json(std::string_view text, const std::string& name, nlohmann::json& out, std::string& error);
// The same keeping the order of keys, for documents written back (CKLB).
bool parse_json(std::string_view text, const std::string& name, nlohmann::ordered_json& out, std::string& error);

// The position of the first byte that is not UTF-8 or not an XML character, or npos.
struct TextFault {
  std::size_t offset = std::string_view::npos;
  std::string reason;
};
TextFault find_text_fault(std::string_view text, bool xml_characters);

// libstdc++'s std::regex recurses once per character it consumes and overflows the stack on
// subjects of some tens of thousands of characters (seen at 50,000). The project's fixed patterns
// run only on text up to this length; longer text is taken as not matching.
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

// RFC 6901 escaping of one reference token.
std::string pointer_token(std::string_view token);

}  // namespace scapc::input
