// Text and attribute values escaped as the OVAL writers print them: as pugixml escapes them (&, <
// and > in text; &, < and " in attributes; control characters as two-digit references, except tab
// and line feed in text), so that printed documents are the bytes pugixml would write. A carriage
// return in text is written as a reference too, since a reader turns a raw one into a line feed,
// and a character XML cannot carry at all becomes U+FFFD rather than a reference no parser accepts.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace scapc::oval::detail {

inline void append_escaped(std::string& out, std::string_view text, bool in_attribute) {
  const auto special = [in_attribute](unsigned char c) {
    return c == '&' || c == '<' || c < 32 || c == 0xEF || (in_attribute ? c == '"' : c == '>');
  };
  std::size_t i = 0;
  while (i < text.size()) {
    // Runs that need no escaping (most of every value) are appended in one piece.
    const std::size_t plain = i;
    while (i < text.size() && !special(static_cast<unsigned char>(text[i]))) ++i;
    out.append(text.substr(plain, i - plain));
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xEF) {
      // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters; other EF sequences are.
      const bool non_character = i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                                 static_cast<unsigned char>(text[i + 2]) >= 0xBE;
      out.append(non_character ? "\xEF\xBF\xBD" : "\xEF");
      i += non_character ? 3 : 1;
      continue;
    }
    ++i;
    if (c == '&') {
      out.append("&amp;");
    } else if (c == '<') {
      out.append("&lt;");
    } else if (c == '>') {
      out.append("&gt;");
    } else if (c == '"') {
      out.append("&quot;");
    } else if ((c == '\t' || c == '\n') && !in_attribute) {
      out.push_back(static_cast<char>(c));
    } else if (c == '\t' || c == '\n' || c == '\r') {
      const std::array<char, 5> reference{'&', '#', static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10),
                                          ';'};
      out.append(reference.data(), reference.size());
    } else {
      out.append("\xEF\xBF\xBD");
    }
  }
}

}  // namespace scapc::oval::detail
