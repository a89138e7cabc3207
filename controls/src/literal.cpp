#include "scapc/controls/literal.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "text.h"

namespace scapc::controls {
namespace {

using detail::iequals;

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <typename Number>
bool to_number(std::string_view text, Number& out) {
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

bool parse_boolean(std::string_view text, Literal& literal, std::string& why) {
  if (iequals(text, "true")) {
    literal.boolean = true;
  } else if (iequals(text, "false")) {
    literal.boolean = false;
  } else {
    why = "expected true or false";
    return false;
  }
  return true;
}

bool parse_int(std::string_view text, Literal& literal, std::string& why) {
  if (iequals(text, "unlimited")) {
    literal.unlimited = true;
    return true;
  }
  if (!to_number(text, literal.number)) {
    why = "expected a 64-bit integer or Unlimited";
    return false;
  }
  return true;
}

bool parse_version(std::string_view text, Literal& literal, std::string& why) {
  literal.version.clear();
  std::size_t start = 0;
  while (true) {
    const auto dot = text.find('.', start);
    const auto part = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    std::uint64_t number = 0;
    if (!all_digits(part) || !to_number(part, number)) {
      why = "expected dotted integers such as 15.2.1118.7";
      return false;
    }
    literal.version.push_back(number);
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// .NET TimeSpan text: [-][d.]hh:mm:ss[.fffffff]
bool parse_timespan(std::string_view text, Literal& literal, std::string& why) {
  if (iequals(text, "unlimited")) {
    literal.unlimited = true;
    return true;
  }
  why = "expected a time span [-][d.]hh:mm:ss[.fffffff] or Unlimited";
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const auto first_colon = text.find(':');
  if (first_colon == std::string_view::npos) return false;
  std::int64_t days = 0;
  auto head = text.substr(0, first_colon);
  if (const auto dot = head.find('.'); dot != std::string_view::npos) {
    if (!all_digits(head.substr(0, dot)) || !to_number(head.substr(0, dot), days)) return false;
    head = head.substr(dot + 1);
  }
  const auto second_colon = text.find(':', first_colon + 1);
  if (second_colon == std::string_view::npos) return false;
  const auto minutes_text = text.substr(first_colon + 1, second_colon - first_colon - 1);
  auto seconds_text = text.substr(second_colon + 1);
  std::string_view fraction;
  if (const auto dot = seconds_text.find('.'); dot != std::string_view::npos) {
    fraction = seconds_text.substr(dot + 1);
    seconds_text = seconds_text.substr(0, dot);
    if (!all_digits(fraction) || fraction.size() > 7) return false;
  }
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (head.size() != 2 || minutes_text.size() != 2 || seconds_text.size() != 2) return false;
  if (!all_digits(head) || !all_digits(minutes_text) || !all_digits(seconds_text)) return false;
  to_number(head, hours);
  to_number(minutes_text, minutes);
  to_number(seconds_text, seconds);
  if (hours > 23 || minutes > 59 || seconds > 59) return false;
  if (days > std::numeric_limits<std::int64_t>::max() / 86400 - 1) return false;
  const std::int64_t whole = days * 86400 + std::int64_t{hours} * 3600 + std::int64_t{minutes} * 60 + seconds;
  double fractional = 0.0;
  if (!fraction.empty()) {
    std::int64_t ticks = 0;
    to_number(fraction, ticks);
    fractional = static_cast<double>(ticks) / std::pow(10.0, static_cast<double>(fraction.size()));
  }
  literal.number = negative ? -whole : whole;
  literal.seconds = negative ? -(static_cast<double>(whole) + fractional) : static_cast<double>(whole) + fractional;
  why.clear();
  return true;
}

// "36 MB (37,748,736 bytes)", "25 MB", "25MB", "1.5 GB", "37748736", "Unlimited"
bool parse_bytes(std::string_view text, Literal& literal, std::string& why) {
  if (iequals(text, "unlimited")) {
    literal.unlimited = true;
    return true;
  }
  why = "expected a byte quantity such as 25 MB, 36 MB (37,748,736 bytes), a byte count or Unlimited";
  if (const auto open = text.find('('); open != std::string_view::npos) {
    // Exchange's own text carries the exact count in parentheses; trust that over the rounded unit.
    const auto close = text.find(')', open);
    if (close == std::string_view::npos || !trim(text.substr(close + 1)).empty()) return false;
    auto inside = trim(text.substr(open + 1, close - open - 1));
    const auto space = inside.find(' ');
    if (space == std::string_view::npos || !iequals(trim(inside.substr(space + 1)), "bytes")) return false;
    std::string digits;
    for (char c : inside.substr(0, space)) {
      if (c != ',') digits += c;
    }
    if (!all_digits(digits) || !to_number(std::string_view(digits), literal.number)) return false;
    why.clear();
    return true;
  }
  std::size_t number_end = 0;
  while (number_end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[number_end])) != 0 || text[number_end] == '.')) {
    ++number_end;
  }
  const auto number_text = text.substr(0, number_end);
  const auto unit = trim(text.substr(number_end));
  double amount = 0;
  if (number_text.empty() || !to_number(number_text, amount)) return false;
  double scale = 0;
  if (unit.empty() || iequals(unit, "B") || iequals(unit, "bytes")) {
    scale = 1;
  } else if (iequals(unit, "KB")) {
    scale = 1024.0;
  } else if (iequals(unit, "MB")) {
    scale = 1024.0 * 1024;
  } else if (iequals(unit, "GB")) {
    scale = 1024.0 * 1024 * 1024;
  } else if (iequals(unit, "TB")) {
    scale = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return false;
  }
  const double bytes = std::floor(amount * scale);
  if (bytes >= 9.0e18) return false;
  literal.number = static_cast<std::int64_t>(bytes);
  why.clear();
  return true;
}

template <typename T>
int three_way(T left, T right) {
  return left < right ? -1 : (right < left ? 1 : 0);
}

}  // namespace

std::optional<ValueType> parse_value_type(std::string_view name) {
  if (name == "boolean") return ValueType::Boolean;
  if (name == "int") return ValueType::Int;
  if (name == "string") return ValueType::String;
  if (name == "version") return ValueType::Version;
  if (name == "timespan") return ValueType::TimeSpan;
  if (name == "bytes") return ValueType::Bytes;
  return std::nullopt;
}

std::optional<Literal> parse_literal(ValueType type, std::string_view text, std::string& why) {
  Literal literal;
  literal.type = type;
  literal.text = std::string(text);
  const auto trimmed = type == ValueType::String ? text : trim(text);
  bool ok = true;
  switch (type) {
    case ValueType::String:
      break;
    case ValueType::Boolean:
      ok = parse_boolean(trimmed, literal, why);
      break;
    case ValueType::Int:
      ok = parse_int(trimmed, literal, why);
      break;
    case ValueType::Version:
      ok = parse_version(trimmed, literal, why);
      break;
    case ValueType::TimeSpan:
      ok = parse_timespan(trimmed, literal, why);
      break;
    case ValueType::Bytes:
      ok = parse_bytes(trimmed, literal, why);
      break;
  }
  if (!ok) return std::nullopt;
  return literal;
}

int compare_literals(const Literal& left, const Literal& right) {
  if (left.unlimited || right.unlimited) return three_way(left.unlimited, right.unlimited);
  switch (left.type) {
    case ValueType::TimeSpan:
      return three_way(left.seconds, right.seconds);
    case ValueType::Version: {
      const auto parts = std::max(left.version.size(), right.version.size());
      for (std::size_t i = 0; i < parts; ++i) {
        const auto l = i < left.version.size() ? left.version[i] : 0;
        const auto r = i < right.version.size() ? right.version[i] : 0;
        if (l != r) return three_way(l, r);
      }
      return 0;
    }
    case ValueType::Boolean:
      return three_way(left.boolean, right.boolean);
    case ValueType::String:
      return three_way(left.text, right.text);
    case ValueType::Int:
    case ValueType::Bytes:
      return three_way(left.number, right.number);
  }
  return 0;
}

}  // namespace scapc::controls
