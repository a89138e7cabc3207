#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "scapc/input.h"

namespace scapc::input {
namespace {

std::string hex_byte(unsigned char byte) {
  std::array<char, 8> text{};
  std::snprintf(text.data(), text.size(), "0x%02X", byte);
  return text.data();
}

std::string code_point(unsigned value) {
  std::array<char, 16> text{};
  std::snprintf(text.data(), text.size(), "U+%04X", value);
  return text.data();
}

// XML 1.0 Char, for the code points a valid UTF-8 sequence can carry.
bool is_xml_character(unsigned value) {
  if (value < 0x20) return value == 0x09 || value == 0x0A || value == 0x0D;
  return value != 0xFFFE && value != 0xFFFF;
}

// One character at `i`: RFC 3629 well-formed sequences (Table 3-7 of Unicode), so no overlong
// forms, no surrogates, nothing above U+10FFFF. Length 0 and a reason when it is not UTF-8.
struct Character {
  std::size_t length = 0;
  unsigned value = 0;
  std::string fault;
};

Character character_at(const unsigned char* bytes, std::size_t size, std::size_t i) {
  const unsigned char lead = bytes[i];
  if (lead < 0x80) return {1, lead, {}};
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {0, 0, "invalid UTF-8: byte " + hex_byte(lead) + " cannot start a character"};
  }
  if (i + length > size) return {0, 0, "invalid UTF-8: the text ends inside a character"};
  if (bytes[i + 1] < low || bytes[i + 1] > high) {
    return {0, 0, "invalid UTF-8: byte " + hex_byte(bytes[i + 1]) + " after " + hex_byte(lead)};
  }
  unsigned value = lead & (0xFFU >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if ((bytes[i + k] & 0xC0U) != 0x80U) {
      return {0, 0, "invalid UTF-8: byte " + hex_byte(bytes[i + k]) + " inside a character"};
    }
    value = (value << 6U) | (bytes[i + k] & 0x3FU);
  }
  return {length, value, {}};
}

// Whether none of eight bytes needs a closer look: all are ASCII from U+0020 or tab, line feed or
// carriage return. Words of such bytes are nearly all of any document, so they are passed over
// eight at a time (this check was 5% of analysing 100,000 items byte by byte).
bool plain_word(const unsigned char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  if ((word & kHigh) != 0) return false;
  // A high bit where a byte is below 0x20 (no byte is 0x80 or above here, so nothing borrows).
  const std::uint64_t low = (word - kOnes * 0x20) & kHigh;
  if (low == 0) return true;
  for (int k = 0; k < 8; ++k) {
    const unsigned char b = bytes[k];
    if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) return false;
  }
  return true;
}

}  // namespace

TextFault find_text_fault(std::string_view text, bool xml_characters) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size() && plain_word(bytes + i)) {
      i += 8;
      continue;
    }
    if (bytes[i] >= 0x20 && bytes[i] < 0x80) {  // the common case, kept cheap
      ++i;
      continue;
    }
    const auto c = character_at(bytes, text.size(), i);
    if (c.length == 0) return {i, c.fault};
    if (xml_characters && !is_xml_character(c.value)) {
      return {i, "character " + code_point(c.value) + " is not allowed in XML"};
    }
    i += c.length;
  }
  return {};
}

bool holds_non_xml_text(std::string_view text) {
  return find_text_fault(text, true).offset != std::string_view::npos;
}

std::size_t replace_non_xml_text(std::string& text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  std::size_t replaced = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = character_at(bytes, text.size(), i);
    if (c.length > 0 && is_xml_character(c.value)) {
      out.append(text, i, c.length);
      i += c.length;
      continue;
    }
    out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
    ++replaced;
    i += c.length > 0 ? c.length : 1;
  }
  if (replaced > 0) text = std::move(out);
  return replaced;
}

std::string cut_text(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  auto cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6 (" + std::to_string(text.size()) + " bytes)";
}

LongestLine longest_line(std::string_view text) {
  LongestLine longest;
  std::size_t number = 1;
  while (true) {
    const auto end = text.find('\n');
    const auto length = end == std::string_view::npos ? text.size() : end;
    if (length > longest.length) longest = {number, length};
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
    ++number;
  }
  return longest;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string printable(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = character_at(bytes, text.size(), i);
    // C1 controls (U+0080 to U+009F) too: a terminal may take U+009B for the start of an escape.
    if (c.length > 0 && c.value >= 0x20 && (c.value < 0x7F || c.value > 0x9F)) {
      out.append(text.substr(i, c.length));
      i += c.length;
      continue;
    }
    if (bytes[i] == '\n') {
      out += "\\n";
    } else if (bytes[i] == '\r') {
      out += "\\r";
    } else if (bytes[i] == '\t') {
      out += "\\t";
    } else if (c.length > 1) {
      out += "\\u" + code_point(c.value).substr(2);
      i += c.length;
      continue;
    } else {
      out += "\\x" + hex_byte(bytes[i]).substr(2);
    }
    ++i;
  }
  return out;
}

}  // namespace scapc::input
