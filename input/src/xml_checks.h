// The checks parse_xml adds to pugixml, shared by the reader of text in memory (xml.cpp) and the
// reader that parses a file in place (xml_file.cpp).
#pragma once

#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace scapc::input::detail {

// A problem and the byte offset it is at (-1 when there is no position, as for an empty file).
struct Fault {
  std::ptrdiff_t offset = -1;
  std::string reason;
};

// Before parsing: the text is not empty and, when it is read as UTF-8 (`utf8`, decided from the
// byte order mark and the declared encoding), valid UTF-8 made of characters XML allows.
bool check_text(std::string_view text, bool& utf8, Fault& fault);

// Whether the text refers to a character by number (&#1;): check_text passed the text, so only such
// a reference can bring in a character XML forbids. Asked before parsing in place changes the text.
bool refers_by_number(std::string_view text);

// After parsing: well-formed, no DOCTYPE, a root element, nesting within kMaxNesting, no attribute
// twice on an element, and (with `character_references`) no reference to a character XML forbids.
// `text` is only searched for the DOCTYPE's position.
bool check_parsed(const pugi::xml_parse_result& parsed, const pugi::xml_document& document, std::string_view text,
                  bool character_references, Fault& fault);

}  // namespace scapc::input::detail
