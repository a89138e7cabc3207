// Local variable components (OVAL 5.11 ComponentGroup): literals, other variables, item fields of
// collected objects, and the common functions over them.
#include <scapc/input.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <ctime>
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

}  // namespace

bool local_values(const pugi::xml_node& component, const SystemCharacteristics& system, const Resolver& variable,
                  Values& out, std::string& why) {
  const std::string_view name = local_name(component);
  const auto children = components(component);
  const auto evaluate_child = [&](const pugi::xml_node& child, Values& values) {
    return local_values(child, system, variable, values, why);
  };
  if (name == "literal_component") {
    out.emplace_back(component.text().get());
    return true;
  }
  if (name == "variable_component") return variable(component.attribute("var_ref").value(), out);
  if (name == "object_component") return object_values(component, system, out, why);
  if (name == "concat") {
    Values result{""};
    for (const auto& child : children) {
      Values values;
      if (!evaluate_child(child, values)) return false;
      Values next;
      for (const auto& prefix : result) {
        for (const auto& value : values) next.push_back(prefix + value);
      }
      result = std::move(next);
    }
    out.insert(out.end(), result.begin(), result.end());
    return true;
  }
  if (name == "arithmetic") {
    const std::string operation = component.attribute("arithmetic_operation").value();
    std::vector<double> result;
    for (std::size_t i = 0; i < children.size(); ++i) {
      Values values;
      if (!evaluate_child(children[i], values)) return false;
      std::vector<double> numbers;
      for (const auto& value : values) {
        double number = 0;
        if (!to_double(value, number)) {
          why = "arithmetic on a value that is not a number: '" + value + "'";
          return false;
        }
        numbers.push_back(number);
      }
      if (i == 0) {
        result = numbers;
        continue;
      }
      std::vector<double> next;
      for (double a : result) {
        for (double b : numbers) next.push_back(operation == "multiply" ? a * b : a + b);
      }
      result = std::move(next);
    }
    for (double value : result) out.push_back(number_text(value));
    return true;
  }
  if (name == "count" || name == "unique") {
    Values all;
    for (const auto& child : children) {
      if (!evaluate_child(child, all)) return false;
    }
    if (name == "count") {
      out.push_back(std::to_string(all.size()));
      return true;
    }
    for (const auto& value : all) {
      if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
    }
    return true;
  }
  if (name == "time_difference") {
    // One component: now minus each time; two: second minus first, pairwise over their values.
    const std::string format_1 = component.attribute("format_1").as_string("year_month_day");
    const std::string format_2 = component.attribute("format_2").as_string("year_month_day");
    Values first;
    Values second;
    if (children.empty() || !evaluate_child(children.front(), first)) return false;
    if (children.size() > 1 && !evaluate_child(children[1], second)) return false;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    for (const auto& a : first) {
      std::int64_t t1 = 0;
      if (!epoch_seconds(a, children.size() > 1 ? format_1 : format_2, t1)) {
        why = "time_difference cannot read '";
        why.append(a).append("' as ").append(format_1);
        return false;
      }
      if (children.size() == 1) {
        out.push_back(std::to_string(now - t1));
        continue;
      }
      for (const auto& b : second) {
        std::int64_t t2 = 0;
        if (!epoch_seconds(b, format_2, t2)) {
          why = "time_difference cannot read '";
          why.append(b).append("' as ").append(format_2);
          return false;
        }
        out.push_back(std::to_string(t2 - t1));
      }
    }
    return true;
  }
  // The remaining functions transform the values of their one component.
  if (children.empty()) {
    why = std::string(name) + " without a component";
    return false;
  }
  Values values;
  if (!evaluate_child(children.front(), values)) return false;
  for (const auto& value : values) {
    if (name == "substring") {
      const long start = std::max(1L, static_cast<long>(component.attribute("substring_start").as_int(1)));
      const long length = component.attribute("substring_length").as_int(-1);
      const auto first = static_cast<std::size_t>(start - 1);
      out.push_back(first >= value.size()
                        ? ""
                        : value.substr(first, length < 0 ? std::string::npos : static_cast<std::size_t>(length)));
    } else if (name == "begin") {
      const std::string character = component.attribute("character").value();
      out.push_back(value.rfind(character, 0) == 0 ? value : character + value);
    } else if (name == "end") {
      const std::string character = component.attribute("character").value();
      const bool ends = value.size() >= character.size() &&
                        value.compare(value.size() - character.size(), character.size(), character) == 0;
      out.push_back(ends ? value : value + character);
    } else if (name == "split") {
      const std::string delimiter = component.attribute("delimiter").value();
      if (delimiter.empty()) {
        out.push_back(value);
        continue;
      }
      std::size_t start = 0;
      while (true) {
        const auto at = value.find(delimiter, start);
        out.push_back(value.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + delimiter.size();
      }
    } else if (name == "regex_capture") {
      std::optional<std::string> captured;
      if (pattern_capture(value, component.attribute("pattern").value(), captured, why) == Result::Error) return false;
      if (captured) out.push_back(*captured);
    } else if (name == "escape_regex") {
      std::string escaped;
      for (char c : value) {
        if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) escaped += '\\';
        escaped += c;
      }
      out.push_back(escaped);
    } else {
      why = "the function " + std::string(name) + " is not supported";
      return false;
    }
  }
  return true;
}

}  // namespace scapc::oval::detail
