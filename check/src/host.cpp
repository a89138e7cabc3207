// A host's collected data and identity. Bundles carry the identity the collector recorded; system
// characteristics carry it in system_info; an Export-Clixml folder is named after its host, or is
// the one server its data names. Server-scoped output is then cut down to this host's objects.
#include <scapc/check.h>
#include <scapc/exchange_scope.h>
#include <scapc/input.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "text_files.h"

namespace scapc::check {
namespace {

void read_system_info(const pugi::xml_node& info, Host& out) {
  out.host_name = xml::child(info, "primary_host_name").text().get();
  const auto dot = out.host_name.find('.');
  if (dot != std::string::npos) {
    out.fqdn = out.host_name;
    out.host_name.resize(dot);
  }
  for (const auto& interface : xml::child(info, "interfaces").children()) {
    const std::string ip = xml::child(interface, "ip_address").text().get();
    const std::string mac = xml::child(interface, "mac_address").text().get();
    if (!ip.empty()) out.ip_addresses.push_back(ip);
    if (!mac.empty()) out.mac_addresses.push_back(mac);
  }
}

// Get-ExchangeServer's object for the server `key`, if the data has one: its Name and Fqdn.
const oval::PsObject* exchange_server(const oval::CmdletOutput& output, const std::string& key) {
  for (const auto& [invocation, objects] : output) {
    if (invocation.rfind("get-exchangeserver", 0) != 0) continue;
    for (const auto& object : objects) {
      if (oval::server_key(oval::property_text(object, "Name")) == key) return &object;
    }
  }
  return nullptr;
}

// The server `key` (server_key form) as the data spells it ("SOLO-E19A"), from the properties that
// name servers; `key` itself when none does.
std::string spelled_as_data(const oval::CmdletOutput& output, const std::string& key) {
  for (const auto& [invocation, objects] : output) {
    for (const auto& object : objects) {
      for (const auto* name : {"Server", "ServerName", "Name", "Identity"}) {
        auto text = oval::property_text(object, name);
        text = text.substr(0, text.find('\\'));
        text = text.substr(0, text.find('.'));
        if (!text.empty() && oval::server_key(text) == key) return text;
      }
    }
  }
  return key;
}

std::vector<std::string> names_of(const Host& host) {
  std::vector<std::string> names;
  for (const auto* name : {&host.host_name, &host.fqdn, &host.exchange_name}) {
    if (!name->empty()) names.push_back(oval::server_key(*name));
  }
  return names;
}

std::string listed(const std::set<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// The servers Get-ExchangeServer lists (server_key form).
std::set<std::string> listed_servers(const oval::CmdletOutput& output) {
  std::set<std::string> out;
  for (const auto& [invocation, objects] : output) {
    if (invocation.rfind("get-exchangeserver", 0) != 0) continue;
    for (const auto& object : objects) {
      if (const auto name = oval::property_text(object, "Name"); !name.empty()) out.insert(oval::server_key(name));
    }
  }
  return out;
}

// "MAILBOX01-clixml" -> "MAILBOX01": the name people give a folder of one server's Export-Clixml files.
std::string without_folder_suffix(std::string name) {
  for (const std::string_view suffix : {"-clixml", "_clixml", ".clixml"}) {
    if (name.size() > suffix.size() &&
        std::equal(suffix.begin(), suffix.end(), name.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(b)) == a; })) {
      name.resize(name.size() - suffix.size());
      break;
    }
  }
  return name;
}

// Which server an Export-Clixml folder's data is about. The data may name other servers too (old
// collectors ran server-scoped cmdlets without -Server), but it must name this one. When it does not,
// the host is the one server the data makes it: the only server Get-ExchangeServer lists, else the
// only server any object names; with several candidates nothing can tell, and that is an error. A
// bundle is not re-identified: the collector recorded which server it ran on, and objects of other
// servers are left out like any others.
bool identify_folder(Host& host, std::string& error) {
  const auto named = oval::servers_named(*host.output);
  const auto names = names_of(host);
  const bool known = std::any_of(names.begin(), names.end(), [&](const std::string& n) { return named.contains(n); });
  if (named.empty() || known) return true;
  auto candidates = listed_servers(*host.output);
  if (candidates.size() != 1) candidates = named;
  if (candidates.size() != 1) {
    error = host.source + ": the data lists objects of the servers " + input::printable(listed(named)) +
            " but none of '" + input::printable(host.host_name) +
            "', so which are this host's cannot be told (name the folder after the server it was collected on)";
    return false;
  }
  const auto& only = *candidates.begin();
  const auto* server = exchange_server(*host.output, only);
  const auto spelled = server != nullptr ? oval::property_text(*server, "Name") : spelled_as_data(*host.output, only);
  host.warnings.push_back("the data is about server " + input::printable(spelled) + ", not '" +
                          input::printable(host.host_name) + "' as the folder says; it is checked as " +
                          input::printable(spelled));
  host.exchange_name = spelled;
  host.host_name = spelled;
  if (server != nullptr && host.fqdn.empty()) host.fqdn = oval::property_text(*server, "Fqdn");
  return true;
}

// Cuts server-scoped output down to this host's objects. A cmdlet whose objects all belong to other
// servers says nothing of this one (the data was collected elsewhere): it counts as not collected,
// so that its rules come out unknown rather than decided on no objects.
void keep_own_objects(Host& host) {
  std::map<std::string, std::size_t> before;
  for (const auto& [invocation, objects] : *host.output) before[invocation] = objects.size();
  oval::ScopeReport report;
  oval::keep_host_objects(*host.output, names_of(host), host.scopes, report);
  std::set<std::string> emptied;
  for (auto it = host.output->begin(); it != host.output->end();) {
    if (it->second.empty() && before[it->first] > 0) {
      const auto cmdlet = it->first.substr(0, it->first.find(' '));
      const auto& rule = oval::scope_of(cmdlet);
      emptied.insert(rule.cmdlet.empty() ? cmdlet : std::string(rule.cmdlet));
      it = host.output->erase(it);
    } else {
      ++it;
    }
  }
  if (!report.left_out.empty()) {
    std::string servers;
    for (const auto& [server, count] : report.left_out) {
      servers += (servers.empty() ? "" : ", ") + input::printable(server) + " (" + std::to_string(count) + ")";
    }
    std::string cmdlets;
    for (const auto& cmdlet : report.cmdlets) cmdlets += (cmdlets.empty() ? "" : ", ") + cmdlet;
    host.warnings.push_back("the data also lists objects of other servers: " + servers + ", from " + cmdlets +
                            "; they are left out of this host's verdicts");
  }
  if (!report.unattributed.empty()) {
    std::string cmdlets;
    for (const auto& [cmdlet, count] : report.unattributed) {
      cmdlets += (cmdlets.empty() ? "" : ", ") + cmdlet + " (" + std::to_string(count) + ")";
    }
    host.warnings.push_back("objects that name no server, from cmdlets that list every server's: " + cmdlets +
                            "; whose they are cannot be told, so they are left out of this host's verdicts "
                            "(collect with the generated collector, which asks for this server)");
  }
  if (!emptied.empty()) {
    host.warnings.push_back("the data has no objects of this server from " + listed(emptied) +
                            ": treated as not collected for this host");
  }
}

bool load_folder(const std::string& path, Host& out, std::string& error) {
  out.host_name = std::filesystem::path(path).filename().string();
  if (out.host_name.empty()) out.host_name = std::filesystem::path(path).parent_path().filename().string();
  out.host_name = without_folder_suffix(out.host_name);
  if (!oval::read_clixml_folder(path, *out.output, out.warnings, error)) return false;
  if (!identify_folder(out, error)) return false;
  keep_own_objects(out);
  return true;
}

bool load_bundle(const std::string& path, Host& out, std::string& error) {
  std::string text;
  if (!read_text_file(path, text, error)) return false;
  oval::Bundle bundle;
  if (!oval::read_bundle(text, path, bundle, error)) return false;
  out.host_name = std::move(bundle.host_name);
  out.fqdn = std::move(bundle.fqdn);
  out.exchange_name = std::move(bundle.exchange_name);
  out.ip_addresses = std::move(bundle.ip_addresses);
  out.mac_addresses = std::move(bundle.mac_addresses);
  *out.output = std::move(bundle.output);
  out.failed = std::move(bundle.failed);
  out.scopes = std::move(bundle.scopes);
  out.warnings = std::move(bundle.warnings);
  keep_own_objects(out);
  return true;
}

// Parsed in place from the file: system characteristics are the largest input there is.
bool load_system_characteristics(const std::string& path, const HostLoading& loading, Host& out, std::string& error) {
  out.system = oval::read_system_characteristics_file(path, error);
  if (!out.system) return false;
  read_system_info(oval::system_info(*out.system), out);
  if (out.host_name.empty() && loading.name_required) {
    error = path + ": the system characteristics name no host (system_info/primary_host_name)";
    return false;
  }
  return true;
}

}  // namespace

bool load_host(const std::string& path, Host& out, std::string& error, const HostLoading& loading) {
  out = Host{};
  out.source = path;
  if (std::filesystem::is_directory(path)) return load_folder(path, out, error);
  if (input::file_starts_like_json(path)) return load_bundle(path, out, error);
  return load_system_characteristics(path, loading, out, error);
}

}  // namespace scapc::check
