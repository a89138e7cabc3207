#include "allow_list.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <vector>

namespace scapc::collector {
namespace {

// What a parameter's value may be.
enum class Value {
  Switch,        // on or off: "", "true", "false"
  Text,          // a name, an identity, a filter: passed as data, never as code
  LocalPath,     // a path on this machine: a drive (C:\...) or the registry (HKLM:\..., Registry::HKEY_...)
  WmiNamespace,  // root\...
  IisPath,       // MACHINE/WEBROOT/... or IIS:\...
};

struct AllowedParameter {
  std::string_view name;
  Value value;
};

struct Cmdlet {
  std::string_view name;
  std::vector<AllowedParameter> parameters;
};

constexpr AllowedParameter kIdentity{"Identity", Value::Text};

// Exchange cmdlets that read configuration. The collector adds -Server or -Identity itself to ask
// for this server; content may name an object by -Identity, but never another server.
std::vector<Cmdlet> exchange_cmdlets() {
  std::vector<Cmdlet> out;
  for (const std::string_view name : {
           "Get-AcceptedDomain",
           "Get-ActiveSyncMailboxPolicy",
           "Get-ActiveSyncVirtualDirectory",
           "Get-AdminAuditLogConfig",
           "Get-AuthConfig",
           "Get-AuthServer",
           "Get-AuthenticationPolicy",
           "Get-AutodiscoverVirtualDirectory",
           "Get-ClientAccessRule",
           "Get-ClientAccessServer",
           "Get-ClientAccessService",
           "Get-ContentFilterConfig",
           "Get-DatabaseAvailabilityGroup",
           "Get-EcpVirtualDirectory",
           "Get-EdgeSubscription",
           "Get-EmailAddressPolicy",
           "Get-EventLogLevel",
           "Get-FrontendTransportService",
           "Get-HybridConfiguration",
           "Get-IPAllowListConfig",
           "Get-IPAllowListEntry",
           "Get-IPAllowListProvider",
           "Get-IPBlockListConfig",
           "Get-IPBlockListEntry",
           "Get-IPBlockListProvider",
           "Get-ImapSettings",
           "Get-IrmConfiguration",
           "Get-JournalRule",
           "Get-MailboxServer",
           "Get-MailboxTransportService",
           "Get-MalwareFilterPolicy",
           "Get-MalwareFilteringServer",
           "Get-ManagementRoleAssignment",
           "Get-MapiVirtualDirectory",
           "Get-MobileDeviceMailboxPolicy",
           "Get-OabVirtualDirectory",
           "Get-OrganizationConfig",
           "Get-OutlookAnywhere",
           "Get-OwaMailboxPolicy",
           "Get-OwaVirtualDirectory",
           "Get-PartnerApplication",
           "Get-PopSettings",
           "Get-PowerShellVirtualDirectory",
           "Get-PublicFolderDatabase",
           "Get-Queue",
           "Get-RecipientFilterConfig",
           "Get-RemoteDomain",
           "Get-RetentionPolicy",
           "Get-RetentionPolicyTag",
           "Get-RoleAssignmentPolicy",
           "Get-RoleGroup",
           "Get-RoleGroupMember",
           "Get-RpcClientAccess",
           "Get-SendConnector",
           "Get-SenderFilterConfig",
           "Get-SenderIdConfig",
           "Get-SenderReputationConfig",
           "Get-SettingOverride",
           "Get-ThrottlingPolicy",
           "Get-TransportAgent",
           "Get-TransportConfig",
           "Get-TransportPipeline",
           "Get-TransportRule",
           "Get-TransportServer",
           "Get-TransportService",
           "Get-WebServicesVirtualDirectory",
       }) {
    out.push_back({name, {kIdentity}});
  }
  out.push_back({"Get-ExchangeServer", {kIdentity, {"Status", Value::Switch}}});
  out.push_back({"Get-ExchangeCertificate", {kIdentity, {"Thumbprint", Value::Text}}});
  out.push_back(
      {"Get-MailboxDatabase", {kIdentity, {"Status", Value::Switch}, {"IncludePreExchange2013", Value::Switch}}});
  out.push_back({"Get-ReceiveConnector", {kIdentity}});
  // Probes that change nothing: which required services run (this server), and the replication
  // checks of this server's database copies.
  out.push_back({"Test-ServiceHealth", {}});
  out.push_back({"Test-ReplicationHealth", {}});
  out.push_back({"Get-ServerComponentState", {kIdentity, {"Component", Value::Text}}});
  out.push_back({"Get-Mailbox", {kIdentity, {"RecipientTypeDetails", Value::Text}, {"ResultSize", Value::Text}}});
  out.push_back({"Get-User", {kIdentity, {"RecipientTypeDetails", Value::Text}, {"ResultSize", Value::Text}}});
  return out;
}

// Windows cmdlets that read this machine only: no -ComputerName, -CimSession or -Credential, and
// paths only on local drives or in the registry. Get-Content is not here: a check reads a file's
// settings through the OVAL item types of issue 26, not its whole text.
std::vector<Cmdlet> windows_cmdlets() {
  const AllowedParameter path{"Path", Value::LocalPath};
  const AllowedParameter literal{"LiteralPath", Value::LocalPath};
  return {
      {"Get-Service", {{"Name", Value::Text}, {"DisplayName", Value::Text}}},
      {"Get-Process", {{"Name", Value::Text}}},
      {"Get-ExecutionPolicy", {{"Scope", Value::Text}, {"List", Value::Switch}}},
      {"Get-ItemProperty", {path, literal, {"Name", Value::Text}}},
      {"Get-Item", {path, literal}},
      {"Get-ChildItem", {path, literal, {"Filter", Value::Text}, {"Recurse", Value::Switch}, {"Depth", Value::Text}}},
      {"Get-Acl", {path, literal}},
      {"Get-WindowsFeature", {{"Name", Value::Text}}},
      {"Get-HotFix", {{"Id", Value::Text}}},
      {"Get-CimInstance", {{"ClassName", Value::Text}, {"Namespace", Value::WmiNamespace}, {"Filter", Value::Text}}},
      {"Get-WmiObject", {{"Class", Value::Text}, {"Namespace", Value::WmiNamespace}, {"Filter", Value::Text}}},
      {"Get-TlsCipherSuite", {{"Name", Value::Text}}},
      {"Get-SmbServerConfiguration", {}},
      {"Get-MpPreference", {}},
      {"Get-MpComputerStatus", {}},
      {"Get-LocalGroupMember", {{"Group", Value::Text}, {"Member", Value::Text}}},
      {"Get-Website", {{"Name", Value::Text}}},
      {"Get-WebBinding", {{"Name", Value::Text}, {"Protocol", Value::Text}, {"Port", Value::Text}}},
      {"Get-WebConfiguration", {{"Filter", Value::Text}, {"PSPath", Value::IisPath}, {"Location", Value::Text}}},
      {"Get-WebConfigurationProperty",
       {{"Filter", Value::Text}, {"PSPath", Value::IisPath}, {"Location", Value::Text}, {"Name", Value::Text}}},
      {"Get-DnsClient", {{"InterfaceAlias", Value::Text}}},
      {"Get-NetAdapter", {{"Name", Value::Text}}},
      {"Get-NetAdapterRss", {{"Name", Value::Text}}},
      {"Get-NetAdapterStatistics", {{"Name", Value::Text}}},
      {"Get-WebGlobalModule", {{"Name", Value::Text}}},
      {"Get-NetIPAddress", {{"InterfaceAlias", Value::Text}, {"AddressFamily", Value::Text}}},
      {"Get-NetFirewallProfile", {{"Name", Value::Text}}},
      {"Get-BitLockerVolume", {{"MountPoint", Value::Text}}},
      {"Get-Volume", {{"DriveLetter", Value::Text}}},
  };
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && same(text.substr(0, prefix.size()), prefix);
}

// A UNC path (\\server\share, //server/share) anywhere in a value, or a provider path naming one.
bool reaches_elsewhere(std::string_view value) {
  return value.find("\\\\") != std::string_view::npos || value.find("//") != std::string_view::npos ||
         value.find("FileSystem::") != std::string_view::npos;
}

std::string value_refusal(Value kind, std::string_view value) {
  switch (kind) {
    case Value::Switch:
      return value.empty() || same(value, "true") || same(value, "false") ? "" : "takes no value but on or off";
    case Value::Text:
      return value.starts_with("\\\\") || value.starts_with("//") ? "names a network path" : "";
    case Value::LocalPath: {
      const bool drive = value.size() >= 3 && std::isalpha(static_cast<unsigned char>(value[0])) != 0 &&
                         value[1] == ':' && (value[2] == '\\' || value[2] == '/');
      const bool registry =
          starts_with(value, "HKLM:") || starts_with(value, "HKCU:") || starts_with(value, "Registry::HKEY_");
      if (reaches_elsewhere(value) || (!drive && !registry))
        return "is not a path on this machine (a drive such as C:\\ or the registry such as HKLM:\\)";
      return "";
    }
    case Value::WmiNamespace:
      return starts_with(value, "root") && !reaches_elsewhere(value) && value.find(':') == std::string_view::npos
                 ? ""
                 : "is not a WMI namespace of this machine (root\\...)";
    case Value::IisPath:
      return (starts_with(value, "MACHINE/WEBROOT") || starts_with(value, "IIS:\\")) &&
                     value.find("\\\\") == std::string_view::npos
                 ? ""
                 : "is not an IIS configuration path of this machine (MACHINE/WEBROOT... or IIS:\\...)";
  }
  return "";
}

const std::vector<Cmdlet>& allowed() {
  static const std::vector<Cmdlet> cmdlets = [] {
    auto out = exchange_cmdlets();
    auto windows = windows_cmdlets();
    out.insert(out.end(), windows.begin(), windows.end());
    return out;
  }();
  return cmdlets;
}

}  // namespace

std::string refusal(std::string_view cmdlet, std::string_view parameter, std::string_view value) {
  const auto& cmdlets = allowed();
  const auto found =
      std::find_if(cmdlets.begin(), cmdlets.end(), [&](const Cmdlet& known) { return same(known.name, cmdlet); });
  if (found == cmdlets.end()) {
    return "runs " + std::string(cmdlet) +
           ", which is not on the collector's allow-list of read-only cmdlets (docs/collector.md)";
  }
  if (parameter.empty()) return "";
  const auto taken = std::find_if(found->parameters.begin(), found->parameters.end(),
                                  [&](const AllowedParameter& known) { return same(known.name, parameter); });
  if (taken == found->parameters.end()) {
    return "gives " + std::string(found->name) + " the parameter " + std::string(parameter) +
           ", which is not one the collector lets content give it (docs/collector.md)";
  }
  if (auto why = value_refusal(taken->value, value); !why.empty()) {
    return "gives " + std::string(found->name) + " -" + std::string(taken->name) + " a value that " + why;
  }
  return "";
}

}  // namespace scapc::collector
