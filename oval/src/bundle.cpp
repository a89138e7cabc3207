// The project's JSON collection bundle (docs/collection-bundle.schema.json) as cmdlet output.
#include <scapc/clixml.h>
#include <scapc/exchange_scope.h>
#include <scapc/input.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>

#include "exchange_text.h"
#include "windows_data.h"

namespace scapc::oval {
namespace {

// Strings carry Exchange's typed text; read it as the item field OVAL compares.
std::pair<std::string, std::string> field_of_text(const std::string& text) {
  std::string number;
  if (text == "Unlimited") return {"int", unlimited_int()};
  if (timespan_seconds(text, number) || byte_count(text, number)) return {"int", number};
  return {"string", text};
}

PropertyValue value_of(const nlohmann::json& value) {
  PropertyValue out;
  if (value.is_null()) {
    out.fields.emplace_back("string", "");
  } else if (value.is_boolean()) {
    out.fields.emplace_back("boolean", value.get<bool>() ? "true" : "false");
  } else if (value.is_number_integer()) {
    out.fields.emplace_back("int", value.dump());
  } else if (value.is_number()) {
    out.fields.emplace_back("float", value.dump());
  } else if (value.is_string()) {
    out.fields.push_back(field_of_text(value.get<std::string>()));
  } else if (value.is_array()) {
    out.fields.reserve(value.size());
    for (const auto& element : value)
      out.fields.emplace_back("string", element.is_string() ? element.get<std::string>() : element.dump());
    if (out.fields.empty()) out.fields.emplace_back("string", "");
  } else {
    out.fields.emplace_back("string", value.dump());
  }
  return out;
}

// The schema's ^[A-Za-z]+-[A-Za-z0-9]+$.
bool is_cmdlet_name(const std::string& name) {
  const auto dash = name.find('-');
  if (dash == 0 || dash == std::string::npos || dash + 1 == name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    const bool fits = i < dash ? std::isalpha(c) != 0 : (i == dash || std::isalnum(c) != 0);
    if (!fits) return false;
  }
  return true;
}

// A compromised server chooses what it reports; a value no XML document can carry must not make
// every output of the run malformed, nor keep the rest of the host from being judged.
std::string replaced_characters(const std::vector<std::string>& pointers) {
  std::string listed;
  for (std::size_t i = 0; i < std::min<std::size_t>(pointers.size(), 3); ++i) {
    listed += (i == 0 ? "" : ", ") + pointers[i];
  }
  if (pointers.size() > 3) listed += " and " + std::to_string(pointers.size() - 3) + " more";
  return "characters that XML cannot carry (control characters, U+FFFE, U+FFFF) were read as U+FFFD in " + listed;
}

}  // namespace

bool read_bundle(std::string_view text, const std::string& name, Bundle& out, std::string& error) {
  nlohmann::json document;
  std::vector<std::string> replaced;
  if (!input::parse_json(text, name, document, error, &replaced)) return false;
  if (!replaced.empty()) out.warnings.push_back(replaced_characters(replaced));
  const auto fail = [&](const std::string& pointer, const std::string& why) {
    error = name + ":" + pointer + ": " + why;
    return false;
  };
  // Compared as JSON: converting a number such as 1e23 to int first would be undefined behaviour.
  if (!document.is_object() || !document.contains("scapcBundle") || document["scapcBundle"] != 1)
    return fail("/scapcBundle", "not a scapc collection bundle (expected \"scapcBundle\": 1)");
  const auto& host = document.value("host", nlohmann::json::object());
  if (!host.is_object() || !host.contains("hostName") || !host["hostName"].is_string())
    return fail("/host/hostName", "missing or not a string");
  out.host_name = host["hostName"].get<std::string>();
  if (host.contains("fqdn")) {
    if (!host["fqdn"].is_string()) return fail("/host/fqdn", "not a string");
    out.fqdn = host["fqdn"].get<std::string>();
  }
  for (const auto& [key, list] : {std::pair{"ipAddresses", &out.ip_addresses}, {"macAddresses", &out.mac_addresses}}) {
    if (!host.contains(key)) continue;
    const auto& addresses = host[key];
    const auto at = std::string("/host/") + key;
    if (!addresses.is_array()) return fail(at, "not an array");
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      if (!addresses[i].is_string()) return fail(at + "/" + std::to_string(i), "not a string");
      list->push_back(addresses[i].get<std::string>());
    }
  }
  if (host.contains("exchange")) {
    const auto& exchange = host["exchange"];
    if (!exchange.is_object()) return fail("/host/exchange", "not an object");
    // Its roles and version are informational: the checker reads them from Get-ExchangeServer.
    if (exchange.contains("name")) {
      if (!exchange["name"].is_string()) return fail("/host/exchange/name", "not a string");
      out.exchange_name = exchange["name"].get<std::string>();
    }
  }
  if (document.contains("windows") && !detail::read_windows_section(document["windows"], name, out, error))
    return false;
  if (!document.contains("cmdlets") || !document["cmdlets"].is_array())
    return fail("/cmdlets", "missing or not an array");
  auto& cmdlets = document["cmdlets"];
  for (std::size_t i = 0; i < cmdlets.size(); ++i) {
    auto& entry = cmdlets[i];
    const auto at = "/cmdlets/" + std::to_string(i);
    if (!entry.is_object() || !entry.contains("cmdlet") || !entry["cmdlet"].is_string())
      return fail(at + "/cmdlet", "missing or not a string");
    if (!is_cmdlet_name(entry["cmdlet"].get_ref<const std::string&>()))
      return fail(at + "/cmdlet", "'" + entry["cmdlet"].get<std::string>() + "' is not a cmdlet name (Verb-Noun)");
    std::vector<std::pair<std::string, std::string>> parameters;
    if (entry.contains("parameters")) {
      if (!entry["parameters"].is_object()) return fail(at + "/parameters", "not an object");
      for (const auto& [parameter, value] : entry["parameters"].items()) {
        std::string text;
        for (const auto& [datatype, field] : value_of(value).fields) text += (text.empty() ? "" : ",") + field;
        parameters.emplace_back(parameter, value.is_string() ? value.get<std::string>() : text);
      }
    }
    const auto cmdlet = invocation_key(entry["cmdlet"].get<std::string>(), parameters);
    if (entry.contains("status") && !entry["status"].is_string()) return fail(at + "/status", "not a string");
    if (entry.contains("scope")) {
      CmdletScope scope{};
      if (!entry["scope"].is_string() || !parse_scope(entry["scope"].get_ref<const std::string&>(), scope))
        return fail(at + "/scope", "expected server, local or organization");
      out.scopes[cmdlet] = to_string(scope);
    }
    const auto status = entry.value("status", std::string("ok"));
    if (status == "error") {
      if (entry.contains("error") && !entry["error"].is_string()) return fail(at + "/error", "not a string");
      out.failed[cmdlet] = entry.value("error", std::string());
      continue;
    }
    if (status == "not collected") continue;
    if (status != "ok") return fail(at + "/status", "expected ok, error or not collected, not '" + status + "'");
    auto& objects = out.output[cmdlet];
    const auto found = entry.find("objects");
    if (found == entry.end()) continue;
    auto& list = *found;
    if (!list.is_array()) return fail(at + "/objects", "not an array");
    objects.reserve(list.size());
    for (std::size_t j = 0; j < list.size(); ++j) {
      if (!list[j].is_object()) return fail(at + "/objects/" + std::to_string(j), "not an object");
      PsObject object;
      object.properties.reserve(list[j].size());
      for (const auto& [property, value] : list[j].items()) object.properties.emplace_back(property, value_of(value));
      objects.push_back(std::move(object));
      // Each object's JSON is freed once read: the whole document and every object read from it
      // were the peak of checking a host of 40,000 receive connectors.
      list[j] = nullptr;
    }
  }
  return true;
}

}  // namespace scapc::oval
