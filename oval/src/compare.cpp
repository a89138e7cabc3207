#include "compare.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "exchange_text.h"
#include "package_versions.h"
#include "pattern.h"

namespace scapc::oval::detail {
namespace {

Result truth(bool value) {
  return value ? Result::True : Result::False;
}

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Orderings shared by every ordered datatype.
Result ordered(int order, std::string_view operation, std::string& why) {
  if (operation == "equals") return truth(order == 0);
  if (operation == "not equal") return truth(order != 0);
  if (operation == "less than") return truth(order < 0);
  if (operation == "less than or equal") return truth(order <= 0);
  if (operation == "greater than") return truth(order > 0);
  if (operation == "greater than or equal") return truth(order >= 0);
  why = "operation '" + std::string(operation) + "' is not defined for this datatype";
  return Result::Error;
}

bool parse_int(std::string_view text, std::int64_t& out) {
  const auto* begin = text.data();
  const auto* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, out);
  return ec == std::errc() && ptr == end && begin != end;
}

bool parse_boolean(std::string_view text, bool& out) {
  // The W3C lexical space; "True" is not in it (see docs/oval-engine.md on oscap's reading).
  if (text == "true" || text == "1") {
    out = true;
  } else if (text == "false" || text == "0") {
    out = false;
  } else {
    return false;
  }
  return true;
}

bool parse_ipv4(const std::string& text, std::uint32_t& address, int& prefix) {
  prefix = 32;
  std::string host = text;
  if (const auto slash = text.find('/'); slash != std::string::npos) {
    host = text.substr(0, slash);
    std::int64_t bits = 0;
    if (!parse_int(text.substr(slash + 1), bits) || bits < 0 || bits > 32) return false;
    prefix = static_cast<int>(bits);
  }
  address = 0;
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    const auto dot = host.find('.', start);
    std::int64_t octet = 0;
    if (!parse_int(host.substr(start, dot == std::string::npos ? std::string::npos : dot - start), octet) ||
        octet < 0 || octet > 255) {
      return false;
    }
    address = (address << 8) | static_cast<std::uint32_t>(octet);
    ++parts;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

Result compare_ipv4(const std::string& item, const std::string& state, const std::string& operation, std::string& why) {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  int pa = 0;
  int pb = 0;
  if (!parse_ipv4(item, a, pa) || !parse_ipv4(state, b, pb)) {
    why = "not an IPv4 address: '" + item + "' or '" + state + "'";
    return Result::Error;
  }
  const auto mask = [](int prefix) { return prefix == 0 ? 0U : ~0U << (32 - prefix); };
  if (operation == "subset of") return truth(pa >= pb && (a & mask(pb)) == (b & mask(pb)));
  if (operation == "superset of") return truth(pa <= pb && (b & mask(pa)) == (a & mask(pa)));
  const int order = a != b ? three_way(a, b) : three_way(pa, pb);
  return ordered(order, operation, why);
}

// "2001:db8::1", "::1", "2001:db8::/32", full forms; returns 8 groups and the prefix length.
bool parse_ipv6(const std::string& text, std::array<std::uint16_t, 8>& groups, int& prefix) {
  prefix = 128;
  std::string host = text;
  if (const auto slash = text.find('/'); slash != std::string::npos) {
    host = text.substr(0, slash);
    std::int64_t bits = 0;
    if (!parse_int(text.substr(slash + 1), bits) || bits < 0 || bits > 128) return false;
    prefix = static_cast<int>(bits);
  }
  const auto parse_groups = [](const std::string& part, std::vector<std::uint16_t>& out) {
    if (part.empty()) return true;
    std::size_t start = 0;
    while (start <= part.size()) {
      const auto colon = part.find(':', start);
      const auto group = part.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      unsigned value = 0;
      const auto [ptr, ec] = std::from_chars(group.data(), group.data() + group.size(), value, 16);
      if (group.empty() || group.size() > 4 || ec != std::errc() || ptr != group.data() + group.size()) return false;
      out.push_back(static_cast<std::uint16_t>(value));
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    return true;
  };
  std::vector<std::uint16_t> head;
  std::vector<std::uint16_t> tail;
  const auto gap = host.find("::");
  if (gap == std::string::npos) {
    if (!parse_groups(host, head) || head.size() != 8) return false;
  } else {
    if (!parse_groups(host.substr(0, gap), head) || !parse_groups(host.substr(gap + 2), tail)) return false;
    if (head.size() + tail.size() > 7) return false;
  }
  groups.fill(0);
  std::copy(head.begin(), head.end(), groups.begin());
  std::copy(tail.begin(), tail.end(), groups.end() - static_cast<std::ptrdiff_t>(tail.size()));
  return true;
}

Result compare_ipv6(const std::string& item, const std::string& state, const std::string& operation, std::string& why) {
  std::array<std::uint16_t, 8> a{};
  std::array<std::uint16_t, 8> b{};
  int pa = 0;
  int pb = 0;
  if (!parse_ipv6(item, a, pa) || !parse_ipv6(state, b, pb)) {
    why = "not an IPv6 address: '" + item + "' or '" + state + "'";
    return Result::Error;
  }
  const auto same_network = [&](int bits) {
    for (int i = 0; i < 8; ++i) {
      const int keep = std::clamp(bits - i * 16, 0, 16);
      const auto mask = static_cast<std::uint16_t>(keep == 0 ? 0 : 0xFFFF << (16 - keep));
      if ((a[i] & mask) != (b[i] & mask)) return false;
    }
    return true;
  };
  if (operation == "subset of") return truth(pa >= pb && same_network(pb));
  if (operation == "superset of") return truth(pa <= pb && same_network(pa));
  const int order = a != b ? three_way(a, b) : three_way(pa, pb);
  return ordered(order, operation, why);
}

}  // namespace

int compare_versions(const std::string& left, const std::string& right, bool& ok) {
  const auto parts = [&ok](const std::string& text) {
    std::vector<std::int64_t> out;
    std::size_t start = 0;
    while (start <= text.size()) {
      auto end = text.find_first_of(".-_:", start);
      std::int64_t value = 0;
      if (!parse_int(text.substr(start, end == std::string::npos ? std::string::npos : end - start), value)) ok = false;
      out.push_back(value);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out;
  };
  ok = true;
  const auto a = parts(left);
  const auto b = parts(right);
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const auto x = i < a.size() ? a[i] : 0;
    const auto y = i < b.size() ? b[i] : 0;
    if (x != y) return three_way(x, y);
  }
  return 0;
}

Result compare(std::string_view item, std::string_view state, std::string_view datatype, std::string_view operation,
               std::string& why) {
  // Strings, integers, booleans and floats are compared on the views; the other datatypes parse
  // copies (rarer, and their parsers work on strings).
  const auto values = [&] { return "'" + std::string(item) + "' or '" + std::string(state) + "'"; };
  const auto undefined = [&](const char* what) {
    why = "operation '" + std::string(operation) + "' is not defined for " + what;
    return Result::Error;
  };
  if (datatype == "string") {
    if (operation == "equals") return truth(item == state);
    if (operation == "not equal") return truth(item != state);
    if (operation == "case insensitive equals") return truth(same_ignoring_case(item, state));
    if (operation == "case insensitive not equal") return truth(!same_ignoring_case(item, state));
    if (operation == "pattern match") return pattern_match(std::string(item), std::string(state), why);
    return undefined("strings");
  }
  if (datatype == "int") {
    std::int64_t a = 0;
    std::int64_t b = 0;
    if (!parse_int(item, a) || !parse_int(state, b)) {
      why = "not an integer: " + values();
      return Result::Error;
    }
    if (operation == "bitwise and") return truth((a & b) == b);
    if (operation == "bitwise or") return truth((a | b) == b);
    return ordered(three_way(a, b), operation, why);
  }
  if (datatype == "float") {
    double a = 0;
    double b = 0;
    const auto [pa, ea] = std::from_chars(item.data(), item.data() + item.size(), a);
    const auto [pb, eb] = std::from_chars(state.data(), state.data() + state.size(), b);
    if (ea != std::errc() || eb != std::errc() || pa != item.data() + item.size() ||
        pb != state.data() + state.size()) {
      why = "not a float: " + values();
      return Result::Error;
    }
    return ordered(three_way(a, b), operation, why);
  }
  if (datatype == "boolean") {
    bool a = false;
    bool b = false;
    if (!parse_boolean(item, a) || !parse_boolean(state, b)) {
      why = "not a boolean (true, false, 1, 0): " + values();
      return Result::Error;
    }
    if (operation == "equals") return truth(a == b);
    if (operation == "not equal") return truth(a != b);
    return undefined("booleans");
  }
  if (datatype == "version" || datatype == "fileset_revision" || datatype == "ios_version") {
    bool ok = true;
    const int order = compare_versions(std::string(item), std::string(state), ok);
    if (!ok) {
      why = "not a version: " + values();
      return Result::Error;
    }
    return ordered(order, operation, why);
  }
  if (datatype == "evr_string" || datatype == "debian_evr_string") {
    int order = 0;
    if (datatype == "evr_string" ? !compare_rpm_evr(item, state, order) : !compare_debian_evr(item, state, order)) {
      // The epoch is part of evr_string's form (OVAL 5.11 EntityStateEVRStringType).
      why = datatype == "evr_string" ? "not an evr_string ('EPOCH:VERSION-RELEASE'): " + values()
                                     : "not a Debian version ('[EPOCH:]UPSTREAM[-REVISION]'): " + values();
      return Result::Error;
    }
    return ordered(order, operation, why);
  }
  if (datatype == "ipv4_address")
    return compare_ipv4(std::string(item), std::string(state), std::string(operation), why);
  if (datatype == "ipv6_address")
    return compare_ipv6(std::string(item), std::string(state), std::string(operation), why);
  if (datatype == "binary") {
    // Hex digits in pairs (XML Schema hexBinary), compared ignoring case.
    const auto hex = [](std::string_view text) {
      return text.size() % 2 == 0 && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c)) != 0;
             });
    };
    if (!hex(item) || !hex(state)) {
      why = "not binary (pairs of hex digits): " + values();
      return Result::Error;
    }
    if (operation == "equals") return truth(same_ignoring_case(item, state));
    if (operation == "not equal") return truth(!same_ignoring_case(item, state));
    return undefined("binary");
  }
  why = "datatype '" + std::string(datatype) + "' is not supported";
  return Result::Error;
}

}  // namespace scapc::oval::detail
