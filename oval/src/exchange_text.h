// Text conventions shared by the OVAL readers: ASCII case folding (OVAL's case-insensitive
// operations and Exchange's cmdlet and property names are ASCII), and the way Exchange renders
// unlimited values, byte sizes and time spans as text, which the CliXml and bundle readers both
// turn into the integers OVAL compares.
#pragma once

#include <scapc/clixml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scapc::oval {

inline std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// ASCII case-insensitive equality, as lower(a) == lower(b) without the two copies. The folding is
// inline: std::tolower is a library call per character, which was two thirds of the time of a
// membership test of thousands of users against thousands of role group members (perf).
inline bool same_ignoring_case(std::string_view a, std::string_view b) {
  const auto fold = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c | 0x20) : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&fold](unsigned char x, unsigned char y) {
           return x == y || fold(x) == fold(y);
         });
}

// Exchange's "Unlimited" compares above every limit.
inline const std::string& unlimited_int() {
  static const std::string value = std::to_string(std::numeric_limits<std::int64_t>::max());
  return value;
}

// "10 MB (10,485,760 bytes)" -> "10485760".
inline bool byte_count(const std::string& text, std::string& out) {
  static const std::regex bytes(R"(\(([\d,]{1,40}) bytes\))");
  std::smatch m;
  // Most values are not sizes: the literal the pattern needs is looked for first (std::regex on
  // every bundle value was a twentieth of checking a host).
  if (text.size() > 200 || text.find(" bytes)") == std::string::npos || !std::regex_search(text, m, bytes))
    return false;
  out = m[1].str();
  out.erase(std::remove(out.begin(), out.end(), ','), out.end());
  return true;
}

// "00:10:00", "1.02:03:04", "00:00:05.5000000" -> whole seconds. .NET's TimeSpan spans at most
// 10,675,199 days, so longer digit runs are not one (and cannot overflow).
inline bool timespan_seconds(const std::string& text, std::string& out) {
  static const std::regex span(R"((-)?(?:(\d{1,8})\.)?(\d{1,9}):(\d{2}):(\d{2})(?:\.\d{1,7})?)");
  std::smatch m;
  if (text.size() > 40 || text.find(':') == std::string::npos || !std::regex_match(text, m, span)) return false;
  const long long seconds = (m[2].matched ? std::stoll(m[2]) * 86400 : 0) + std::stoll(m[3]) * 3600 +
                            std::stoll(m[4]) * 60 + std::stoll(m[5]);
  out = std::to_string(m[1].matched ? -seconds : seconds);
  return true;
}

}  // namespace scapc::oval
