#include "package_versions.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>

namespace scapc::oval::detail {
namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

int sign(int value) {
  return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

// Two runs of digits as numbers of any length: leading zeros dropped, then the longer is larger.
int compare_numbers(std::string_view a, std::string_view b) {
  a.remove_prefix(std::min(a.find_first_not_of('0'), a.size()));
  b.remove_prefix(std::min(b.find_first_not_of('0'), b.size()));
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

std::string_view digits_at(std::string_view text, std::size_t& at) {
  const auto start = at;
  while (at < text.size() && is_digit(text[at])) ++at;
  return text.substr(start, at - start);
}

bool parse_epoch(std::string_view text, std::int64_t& out) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), is_digit)) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// rpm: runs of letters or digits, separators skipped; '~' older than anything.
int rpm_segments(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  const auto separator = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '~'; };
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && separator(a[i])) ++i;
    while (j < b.size() && separator(b[j])) ++j;
    const bool tilde_a = i < a.size() && a[i] == '~';
    const bool tilde_b = j < b.size() && b[j] == '~';
    if (tilde_a || tilde_b) {
      if (!tilde_a) return 1;
      if (!tilde_b) return -1;
      ++i;
      ++j;
      continue;
    }
    if (i >= a.size() || j >= b.size()) break;
    const bool numeric = is_digit(a[i]);
    const auto run = [numeric](std::string_view s, std::size_t& k) {
      const auto start = k;
      while (k < s.size() && (numeric ? is_digit(s[k]) : is_alpha(s[k]))) ++k;
      return s.substr(start, k - start);
    };
    const auto x = run(a, i);
    const auto y = run(b, j);
    if (y.empty()) return numeric ? 1 : -1;  // a number is newer than letters
    const int order = numeric ? compare_numbers(x, y) : sign(x.compare(y));
    if (order != 0) return order;
  }
  if (i >= a.size() && j >= b.size()) return 0;
  return i >= a.size() ? -1 : 1;
}

struct EvrParts {
  std::int64_t epoch = 0;
  std::string_view version;
  std::string_view release;
  bool has_release = false;
};

// Epoch before the first colon, release after the last hyphen.
bool split_evr(std::string_view text, bool epoch_required, EvrParts& out) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    if (epoch_required) return false;
  } else {
    if (!parse_epoch(text.substr(0, colon), out.epoch)) return false;
    text.remove_prefix(colon + 1);
  }
  const auto dash = text.rfind('-');
  out.has_release = dash != std::string_view::npos;
  out.version = out.has_release ? text.substr(0, dash) : text;
  out.release = out.has_release ? text.substr(dash + 1) : std::string_view();
  return true;
}

// Debian Policy's weight of a character of a non-digit run; 0 is the end of the run.
int debian_weight(char c) {
  if (c == '~') return -1;
  if (is_alpha(c)) return static_cast<unsigned char>(c);
  return static_cast<unsigned char>(c) + 256;
}

int debian_part(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    // The non-digit runs, character by character; a run that ended weighs as its end.
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      const bool more_a = i < a.size() && !is_digit(a[i]);
      const bool more_b = j < b.size() && !is_digit(b[j]);
      const int weight_a = more_a ? debian_weight(a[i]) : 0;
      const int weight_b = more_b ? debian_weight(b[j]) : 0;
      if (weight_a != weight_b) return weight_a < weight_b ? -1 : 1;
      i += more_a ? 1 : 0;
      j += more_b ? 1 : 0;
    }
    // Then the digit runs as numbers, an empty one as zero.
    if (const int order = compare_numbers(digits_at(a, i), digits_at(b, j)); order != 0) return order;
  }
  return 0;
}

bool debian_version(std::string_view text, EvrParts& out) {
  const auto allowed = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '+' || c == '~' || c == '-' || c == ':';
  };
  if (text.empty() || !std::all_of(text.begin(), text.end(), allowed)) return false;
  if (!split_evr(text, false, out)) return false;
  return !out.version.empty() && (!out.has_release || !out.release.empty());
}

}  // namespace

bool compare_rpm_evr(std::string_view a, std::string_view b, int& order) {
  EvrParts x;
  EvrParts y;
  if (!split_evr(a, true, x) || !split_evr(b, true, y)) return false;
  order = x.epoch != y.epoch ? (x.epoch < y.epoch ? -1 : 1) : rpm_segments(x.version, y.version);
  if (order == 0) order = rpm_segments(x.release, y.release);
  return true;
}

bool compare_debian_evr(std::string_view a, std::string_view b, int& order) {
  EvrParts x;
  EvrParts y;
  if (!debian_version(a, x) || !debian_version(b, y)) return false;
  order = x.epoch != y.epoch ? (x.epoch < y.epoch ? -1 : 1) : debian_part(x.version, y.version);
  if (order == 0) order = debian_part(x.release, y.release);
  return true;
}

}  // namespace scapc::oval::detail
