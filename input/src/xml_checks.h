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

// After parsing: well-formed, no DOCTYPE, a root element, nesting within kMaxNesting. `text` is
// only searched for the DOCTYPE's position.
bool check_parsed(const pugi::xml_parse_result& parsed, const pugi::xml_document& document, std::string_view text,
                  Fault& fault);

}  // namespace scapc::input::detail
