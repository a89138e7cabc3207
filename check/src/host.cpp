// A host's collected data and identity. Bundles carry the identity the collector recorded; system
// characteristics carry it in system_info; an Export-Clixml folder is named after its host.
#include <scapc/check.h>
#include <scapc/xml_names.h>

#include <filesystem>

#include "text_files.h"

namespace scapc::check {
namespace {

void read_system_info(const pugi::xml_node& root, Host& out) {
  const auto info = xml::child(root, "system_info");
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

}  // namespace

bool load_host(const std::string& path, Host& out, std::string& error) {
  out = Host{};
  out.source = path;
  if (std::filesystem::is_directory(path)) {
    out.host_name = std::filesystem::path(path).filename().string();
    if (out.host_name.empty()) out.host_name = std::filesystem::path(path).parent_path().filename().string();
    return oval::read_clixml_folder(path, out.output, error);
  }
  std::string text;
  if (!read_text_file(path, text, error)) return false;
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
    oval::Bundle bundle;
    if (!oval::read_bundle(text, path, bundle, error)) return false;
    out.host_name = bundle.host_name;
    out.fqdn = bundle.fqdn;
    out.ip_addresses = bundle.ip_addresses;
    out.mac_addresses = bundle.mac_addresses;
    out.output = std::move(bundle.output);
    out.failed = std::move(bundle.failed);
    return true;
  }
  out.system = oval::read_system_characteristics(text, path, error);
  if (!out.system) return false;
  pugi::xml_document document;
  if (!parse_xml(text, path, document, error)) return false;
  read_system_info(document.document_element(), out);
  if (out.host_name.empty()) {
    error = path + ": the system characteristics name no host (system_info/primary_host_name)";
    return false;
  }
  return true;
}

}  // namespace scapc::check
