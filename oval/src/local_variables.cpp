// Local variable components (OVAL 5.11 ComponentGroup): literals, other variables, item fields of
// collected objects, and the common functions over them.
#include <scapc/input.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <ctime>
#include <map>
#include <regex>

#include "analysis_model.h"
#include "pattern.h"

namespace scapc::oval::detail {
namespace {

using Values = std::vector<std::string>;
using Resolver = std::function<bool(const std::string&, Values&)>;

std::vector<pugi::xml_node> components(const pugi::xml_node& node) {
  std::vector<pugi::xml_node> out;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_element) out.push_back(child);
  }
  return out;
}

bool object_values(const pugi::xml_node& node, const SystemCharacteristics& system, Values& out, std::string& why) {
  const std::string object_ref = node.attribute("object_ref").value();
  const std::string item_field = node.attribute("item_field").value();
  const std::string record_field = node.attribute("record_field").value();
  const auto object = system.objects.find(object_ref);
  if (object == system.objects.end() || object->second.flag == "not collected") {
    why = "object " + object_ref + " was not collected";
    return false;
  }
  // Only the entity named by item_field is decoded: a variable is resolved again for every value
  // it is compared with, over every item of its object (SSG: /etc/group's lines, per comparison).
  std::vector<Entity> scratch;
  const std::vector<std::string_view> wanted{item_field};
  for (const Item* item : object->second.items) {
    if (item == nullptr || item->status != "exists") continue;
    for (const auto& entity : detail::item_entities(*item, scratch, &wanted)) {
      if (entity.name != item_field || entity.status != "exists") continue;
      if (record_field.empty()) {
        out.emplace_back(entity.value);
        continue;
      }
      for (const auto& field : entity.fields) {
        if (field.name == record_field && field.status == "exists") out.emplace_back(field.value);
      }
    }
  }
  return true;
}

bool to_double(const std::string& text, double& out) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string number_text(double value) {
  if (value == static_cast<double>(static_cast<std::int64_t>(value)))
    return std::to_string(static_cast<std::int64_t>(value));
  return std::to_string(value);
}

// A time as seconds since the epoch, read in one of OVAL's DateTimeFormatEnumeration formats.
bool epoch_seconds(const std::string& text, const std::string& format, std::int64_t& out) {
  if (format == "seconds_since_epoch") {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
  }
  if (format == "win_filetime") {  // 100 ns ticks since 1601-01-01, hexadecimal
    std::uint64_t ticks = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), ticks, 16);
    if (ec != std::errc() || ptr != text.data() + text.size()) return false;
    out = static_cast<std::int64_t>(ticks / 10'000'000ULL) - 11644473600LL;
    return true;
  }
  // year_month_day and the ISO 8601 forms: "YYYYMMDD", "YYYY-MM-DD", "YYYY/MM/DD", optional time.
  static const std::regex date(R"((\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?)");
  std::smatch m;
  if ((format != "year_month_day" && format != "cim_datetime") || !input::regex_safe(text) ||
      !std::regex_search(text, m, date))
    return false;
  // Days from civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
  long y = std::stol(m[1]);
  const long month = std::stol(m[2]);
  const long day = std::stol(m[3]);
  y -= month <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = era * 146097 + doe - 719468;
  out = days * 86400;
  if (m[4].matched) out += std::stol(m[4]) * 3600 + std::stol(m[5]) * 60 + std::stol(m[6]);
  return true;
}

// One function of a local variable: its element, its child components, and what evaluating a
// child needs.
struct Function {
  const pugi::xml_node& node;
  std::vector<pugi::xml_node> children;
  const SystemCharacteristics& system;
  const Resolver& variable;
  std::string& why;

  bool evaluate(const pugi::xml_node& child, Values& out) const {
    return local_values(child, system, variable, out, why);
  }
};

// Every combination of one value of each component, joined in component order.
bool concat(const Function& f, Values& out) {
  Values result{""};
  for (const auto& child : f.children) {
    Values values;
    if (!f.evaluate(child, values)) return false;
    Values next;
    for (const auto& prefix : result) {
      for (const auto& value : values) next.push_back(prefix + value);
    }
    result = std::move(next);
  }
  out.insert(out.end(), result.begin(), result.end());
  return true;
}

bool numbers_of(const Function& f, const pugi::xml_node& child, std::vector<double>& out) {
  Values values;
  if (!f.evaluate(child, values)) return false;
  for (const auto& value : values) {
    double number = 0;
    if (!to_double(value, number)) {
      f.why = "arithmetic on a value that is not a number: '" + value + "'";
      return false;
    }
    out.push_back(number);
  }
  return true;
}

// The sum or the product of one value of each component, for every combination.
bool arithmetic(const Function& f, Values& out) {
  const bool multiply = std::string_view(f.node.attribute("arithmetic_operation").value()) == "multiply";
  std::vector<double> result;
  for (std::size_t i = 0; i < f.children.size(); ++i) {
    std::vector<double> numbers;
    if (!numbers_of(f, f.children[i], numbers)) return false;
    if (i == 0) {
      result = std::move(numbers);
      continue;
    }
    std::vector<double> next;
    for (double a : result) {
      for (double b : numbers) next.push_back(multiply ? a * b : a + b);
    }
    result = std::move(next);
  }
  for (double value : result) out.push_back(number_text(value));
  return true;
}

bool all_values(const Function& f, Values& out) {
  for (const auto& child : f.children) {
    if (!f.evaluate(child, out)) return false;
  }
  return true;
}

bool count(const Function& f, Values& out) {
  Values all;
  if (!all_values(f, all)) return false;
  out.push_back(std::to_string(all.size()));
  return true;
}

bool unique(const Function& f, Values& out) {
  Values all;
  if (!all_values(f, all)) return false;
  for (const auto& value : all) {
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
  }
  return true;
}

bool times_of(const Function& f, const pugi::xml_node& child, const std::string& format,
              std::vector<std::int64_t>& out) {
  Values values;
  if (!f.evaluate(child, values)) return false;
  for (const auto& value : values) {
    std::int64_t seconds = 0;
    if (!epoch_seconds(value, format, seconds)) {
      f.why = "time_difference cannot read '" + value + "' as " + format;
      return false;
    }
    out.push_back(seconds);
  }
  return true;
}

// TimeDifferenceFunctionType: with one component, the current time minus each of its times; with
// two, each time of the first minus each time of the second. format_1 reads the first component
// and format_2 the second, as the schema says and oscap does.
bool time_difference(const Function& f, Values& out) {
  std::vector<std::int64_t> first;
  std::vector<std::int64_t> second;
  if (f.children.empty() ||
      !times_of(f, f.children.front(), f.node.attribute("format_1").as_string("year_month_day"), first))
    return false;
  if (f.children.size() == 1) {
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    for (const auto t : first) out.push_back(std::to_string(now - t));
    return true;
  }
  if (!times_of(f, f.children[1], f.node.attribute("format_2").as_string("year_month_day"), second)) return false;
  for (const auto t1 : first) {
    for (const auto t2 : second) out.push_back(std::to_string(t1 - t2));
  }
  return true;
}

// The functions below transform each value of their one component.
using Transform = bool (*)(const Function& f, const std::string& value, Values& out);

bool substring(const Function& f, const std::string& value, Values& out) {
  const long start = std::max(1L, static_cast<long>(f.node.attribute("substring_start").as_int(1)));
  const long length = f.node.attribute("substring_length").as_int(-1);
  const auto first = static_cast<std::size_t>(start - 1);
  out.push_back(first >= value.size()
                    ? ""
                    : value.substr(first, length < 0 ? std::string::npos : static_cast<std::size_t>(length)));
  return true;
}

bool begin(const Function& f, const std::string& value, Values& out) {
  const std::string character = f.node.attribute("character").value();
  out.push_back(value.rfind(character, 0) == 0 ? value : character + value);
  return true;
}

bool end(const Function& f, const std::string& value, Values& out) {
  const std::string character = f.node.attribute("character").value();
  const bool ends = value.size() >= character.size() &&
                    value.compare(value.size() - character.size(), character.size(), character) == 0;
  out.push_back(ends ? value : value + character);
  return true;
}

bool split(const Function& f, const std::string& value, Values& out) {
  const std::string delimiter = f.node.attribute("delimiter").value();
  if (delimiter.empty()) {
    out.push_back(value);
    return true;
  }
  std::size_t start = 0;
  while (true) {
    const auto at = value.find(delimiter, start);
    out.push_back(value.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return true;
    start = at + delimiter.size();
  }
}

bool regex_capture(const Function& f, const std::string& value, Values& out) {
  std::optional<std::string> captured;
  if (pattern_capture(value, f.node.attribute("pattern").value(), captured, f.why) == Result::Error) return false;
  if (captured) out.push_back(*captured);
  return true;
}

bool escape_regex(const Function& /*f*/, const std::string& value, Values& out) {
  std::string escaped;
  for (char c : value) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) escaped += '\\';
    escaped += c;
  }
  out.push_back(escaped);
  return true;
}

bool transform_each(const Function& f, std::string_view name, Transform transform, Values& out) {
  if (f.children.empty()) {
    f.why = std::string(name) + " without a component";
    return false;
  }
  Values values;
  if (!f.evaluate(f.children.front(), values)) return false;
  for (const auto& value : values) {
    if (!transform(f, value, out)) return false;
  }
  return true;
}

}  // namespace

bool local_values(const pugi::xml_node& component, const SystemCharacteristics& system, const Resolver& variable,
                  Values& out, std::string& why) {
  const std::string_view name = local_name(component);
  if (name == "literal_component") {
    out.emplace_back(component.text().get());
    return true;
  }
  if (name == "variable_component") return variable(component.attribute("var_ref").value(), out);
  if (name == "object_component") return object_values(component, system, out, why);
  using Combine = bool (*)(const Function& f, Values& out);
  static const std::map<std::string_view, Combine> kCombining = {{"concat", concat},
                                                                 {"arithmetic", arithmetic},
                                                                 {"count", count},
                                                                 {"unique", unique},
                                                                 {"time_difference", time_difference}};
  static const std::map<std::string_view, Transform> kTransforming = {
      {"substring", substring},      {"begin", begin}, {"end", end}, {"split", split}, {"regex_capture", regex_capture},
      {"escape_regex", escape_regex}};
  const Function function{component, components(component), system, variable, why};
  if (const auto found = kCombining.find(name); found != kCombining.end()) return found->second(function, out);
  if (const auto found = kTransforming.find(name); found != kTransforming.end()) {
    return transform_each(function, name, found->second, out);
  }
  why = "the function " + std::string(name) + " is not supported";
  return false;
}

}  // namespace scapc::oval::detail
