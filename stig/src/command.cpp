#include "command.h"

#include <scapc/input.h>
#include <scapc/pattern.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "text.h"

namespace scapc::stig::detail {
namespace {

// Windows cmdlets outside Exchange: their checks need collectors scapc does not generate.
// Get-ItemProperty of a registry key is read as registry data instead.
constexpr std::array<std::string_view, 9> kNotExchange{"Get-ItemProperty", "Get-Content", "Get-Website",
                                                       "Get-WebBinding",   "Get-Acl",     "Get-ChildItem",
                                                       "Get-Service",      "Get-Process", "Get-WmiObject"};
// Cmdlets whose output is a single value, not objects with properties.
constexpr std::array<std::string_view, 1> kScalar{"Get-ExecutionPolicy"};

std::string canonical_cmdlet(const std::string& name) {
  // "Get-Transportservice" in some releases: PowerShell is case-insensitive, keep the noun's case
  // from its most common spelling by capitalising only the first letter of the noun when lower.
  std::string out = name;
  const auto dash = out.find('-');
  if (dash != std::string::npos && dash + 1 < out.size())
    out[dash + 1] = static_cast<char>(std::toupper(out[dash + 1]));
  if (lower(out) == "get-transportservice") return "Get-TransportService";
  if (lower(out) == "get-senderidconfig") return "Get-SenderIdConfig";
  return out;
}

// [A-Za-z_][A-Za-z0-9_]*, by hand: compiling that std::regex per property was most of the time
// of compiling a STIG.
bool is_identifier(std::string_view text) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (text.empty() || !letter(text.front())) return false;
  return std::all_of(text.begin() + 1, text.end(), [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

// A Select-Object wildcard ("*Auth*") against a property name: '*' stands for any run of
// characters, everything else for itself. Both are lower case.
bool glob_matches(std::string_view glob, std::string_view name) {
  std::size_t g = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;  // the last '*' seen, to retry with one more character
  std::size_t resume = 0;
  while (n < name.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = n;
    } else if (g < glob.size() && glob[g] == name[n]) {
      ++g;
      ++n;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

bool read_arguments(const std::string& text, Command& command, std::string& why) {
  static const input::Pattern argument(
      R"re(\s*(?:-(\w+)(?:\s+((?:'[^']*'|"[^"]*"|<[^>]*>|[^\s,'"<-][^\s,]*(?:\s*,\s*[^\s,'"<-][^\s,]*)*|[^\s-][^\s]*)))?|('[^']*'|"[^"]*"|<[^>]*>|[^\s-]\S*)))re");
  std::size_t at = 0;
  input::Match match;
  while (!trim_copy(text.substr(at)).empty()) {
    if (!argument.finds(text, match, at, true)) {
      why = "cannot read the arguments '" + trim_copy(text) + "'";
      return false;
    }
    std::string name = match.matched(1) ? match.str(1) : "Identity";
    std::string value = match.matched(1) ? match.str(2) : match.str(3);
    at = match.end();
    if (!value.empty() && value.front() == '<') {
      // "-Identity <'IdentityName'>": the reviewer repeats the command per object; scapc reads them all.
      if (lower(name) == "identity") continue;
      why = "the command needs a value only the reviewer can give (-";
      why.append(name).append(" ").append(value).append(")");
      return false;
    }
    if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"')) value = value.substr(1, value.size() - 2);
    controls::CmdletParameter parameter{name, {}};
    if (!value.empty()) parameter.values = split_list(value);
    command.parameters.push_back(std::move(parameter));
  }
  return true;
}

// Get-ItemProperty's key from its -Path, -LiteralPath or positional argument, when that is a
// registry path of the local machine ("hklm:\system\...", "HKLM:\SOFTWARE\...",
// "Registry::HKEY_LOCAL_MACHINE\..."). A -Name parameter narrows the properties like Select-Object.
bool read_registry_path(Command& command, std::string& why) {
  static const input::Pattern path(R"(^(?:registry::)?(?:hklm:|hkey_local_machine)\\?(.*)$)",
                                   input::Pattern::Case::Ignored);
  static const input::Pattern other_hive(R"(^(?:registry::)?(?:hk[a-z_]*:?|hkey_[a-z_]+)\\)",
                                         input::Pattern::Case::Ignored);
  for (const auto& parameter : command.parameters) {
    const auto name = lower(parameter.name);
    if ((name == "path" || name == "literalpath" || name == "identity") && parameter.values.size() == 1) {
      input::Match match;
      if (!path.matches(parameter.values.front(), match)) {
        if (!other_hive.finds(parameter.values.front())) continue;  // a file path: not registry data
        why =
            "the check reads the registry outside HKEY_LOCAL_MACHINE, whose contents depend on the user the "
            "collector runs as";
        return false;
      }
      std::string key = match.str(1);
      while (!key.empty() && (key.front() == '\\' || key.front() == ' ')) key.erase(key.begin());
      while (!key.empty() && (key.back() == '\\' || key.back() == ' ')) key.pop_back();
      if (key.empty() || key.find_first_of("*?[") != std::string::npos) {
        why = "the registry path '" + parameter.values.front() + "' names no single key";
        return false;
      }
      command.registry_hive = "HKEY_LOCAL_MACHINE";
      command.registry_key = key;
    } else if (name == "name") {
      for (const auto& value : parameter.values) {
        if (!is_identifier(value)) {
          why = "cannot read the value names '" + value + "'";
          return false;
        }
        command.properties.push_back(value);
      }
      command.selects = true;
    }
  }
  if (command.registry_key.empty()) {
    why = "Get-ItemProperty reads no registry key of the local machine here";
    return false;
  }
  return true;
}

}  // namespace

bool shows(const Command& command, const std::string& property) {
  if (command.scalar || !command.selects) return true;
  const auto name = lower(property);
  for (const auto& listed : command.properties) {
    if (lower(listed) == name) return true;
  }
  return std::ranges::any_of(command.wildcards,
                             [&](const std::string& wildcard) { return glob_matches(lower(wildcard), name); });
}

std::optional<Command> read_command(const std::string& check_text, std::string& why) {
  static const input::Pattern get_line(R"(^\s*(Get-[A-Za-z]+)\b(.*)$)");
  std::optional<Command> result;
  for (auto line : split_lines(check_text)) {
    if (!input::regex_safe(line)) continue;  // no command line is that long
    // En dashes ("Get-ExchangeServer –status") are typographic slips for '-'.
    for (auto position = line.find("\xE2\x80\x93"); position != std::string::npos;
         position = line.find("\xE2\x80\x93")) {
      line.replace(position, 3, "-");
    }
    input::Match match;
    if (!get_line.matches(line, match)) continue;
    Command command;
    command.cmdlet = canonical_cmdlet(match.str(1));
    const bool item_property = command.cmdlet == "Get-ItemProperty";
    if (!item_property && std::find(kNotExchange.begin(), kNotExchange.end(), command.cmdlet) != kNotExchange.end()) {
      why = command.cmdlet + " is not an Exchange cmdlet; its data needs another collector";
      return std::nullopt;
    }
    command.scalar = std::find(kScalar.begin(), kScalar.end(), command.cmdlet) != kScalar.end();
    const std::string pipeline = match.str(2);
    std::vector<std::string> stages;
    std::size_t start = 0;
    for (std::size_t bar = pipeline.find('|');; bar = pipeline.find('|', start)) {
      stages.push_back(trim_copy(pipeline.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    if (!read_arguments(stages.front(), command, why)) return std::nullopt;
    if (item_property && !read_registry_path(command, why)) return std::nullopt;
    static const input::Pattern selection(
        R"((?:select(?:-object)?|format-list|format-table|fl|ft)\b\s*(?:-property\b)?\s*(.*))",
        input::Pattern::Case::Ignored);
    for (std::size_t i = 1; i < stages.size(); ++i) {
      input::Match stage;
      if (!selection.matches(stages[i], stage)) {
        why = "the pipeline stage '" + stages[i] + "' filters or transforms the output";
        return std::nullopt;
      }
      for (auto& property : split_list(stage.str(1))) {
        command.selects = true;
        if (property.find('*') != std::string::npos) {
          command.wildcards.push_back(property);
        } else if (is_identifier(property)) {
          command.properties.push_back(property);
        } else {
          why = "cannot read the property list '" + stage.str(1) + "'";
          return std::nullopt;
        }
      }
    }
    if (result && lower(result->cmdlet) != lower(command.cmdlet)) {
      why = "the check runs several cmdlets (" + result->cmdlet + ", " + command.cmdlet + ") and correlates them";
      return std::nullopt;
    }
    if (result && lower(result->registry_key) != lower(command.registry_key)) {
      why = "the check reads several registry keys (" + result->registry_key + ", " + command.registry_key + ")";
      return std::nullopt;
    }
    if (!result) {
      result = std::move(command);
    } else {
      for (auto& property : command.properties) result->properties.push_back(std::move(property));
      for (auto& wildcard : command.wildcards) result->wildcards.push_back(std::move(wildcard));
      result->selects = result->selects || command.selects;
    }
  }
  if (!result) why = "the check text runs no Exchange cmdlet";
  return result;
}

}  // namespace scapc::stig::detail
