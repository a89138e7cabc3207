// The scope table and the filter that keeps one host's objects. Sources: Microsoft's Exchange cmdlet
// reference for each cmdlet's server parameter, its parameter sets and its default without one;
// OriginatingServer is never read, because it names the domain controller the object came from.
#include <scapc/exchange_scope.h>

#include <algorithm>

#include "exchange_text.h"

namespace scapc::oval {
namespace {

using Props = std::vector<std::string_view>;

const Props kServerProps{"Server", "ServerName", "Identity"};
const Props kNameProps{"Name", "Identity", "Fqdn", "ServerFqdn"};
const Props kCopyProps{"Servers", "Server"};

CmdletScopeRule server(std::string_view cmdlet, std::string_view parameter, Attribution attribution,
                       bool on_edge = true) {
  const Props& props = attribution == Attribution::Name             ? kNameProps
                       : attribution == Attribution::DatabaseCopies ? kCopyProps
                                                                    : kServerProps;
  return {cmdlet, CmdletScope::Server, parameter, on_edge, attribution, props};
}

CmdletScopeRule local(std::string_view cmdlet, std::string_view parameter = {},
                      Attribution attribution = Attribution::None) {
  return {cmdlet, CmdletScope::Local, parameter,
          true,   attribution,        attribution == Attribution::None ? Props{} : kServerProps};
}

CmdletScopeRule organization(std::string_view cmdlet) {
  return {cmdlet, CmdletScope::Organization, {}, true, Attribution::None, {}};
}

const std::vector<CmdletScopeRule>& table() {
  static const std::vector<CmdletScopeRule> rules{
      // One object per server: -Identity names the server.
      server("Get-ExchangeServer", "Identity", Attribution::Name),
      server("Get-TransportService", "Identity", Attribution::Name, false),  // Edge: the local one only
      server("Get-FrontendTransportService", "Identity", Attribution::Name),
      server("Get-MailboxTransportService", "Identity", Attribution::Name),
      server("Get-MailboxServer", "Identity", Attribution::Name),
      server("Get-ClientAccessService", "Identity", Attribution::Name),
      server("Get-ClientAccessServer", "Identity", Attribution::Name),
      server("Get-TransportServer", "Identity", Attribution::Name),
      server("Get-ServerComponentState", "Identity", Attribution::Name),
      server("Get-MalwareFilteringServer", "Identity", Attribution::Name),
      // Objects that live on a server: -Server names it (a parameter set of its own, apart from -Identity).
      server("Get-ReceiveConnector", "Server", Attribution::ServerProperty),
      server("Get-OwaVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-EcpVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-WebServicesVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-ActiveSyncVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-OabVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-MapiVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-PowerShellVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-AutodiscoverVirtualDirectory", "Server", Attribution::ServerProperty),
      server("Get-OutlookAnywhere", "Server", Attribution::ServerProperty),
      server("Get-RpcClientAccess", "Server", Attribution::ServerProperty),
      server("Get-EventLogLevel", "Server", Attribution::ServerProperty),
      server("Get-PublicFolderDatabase", "Server", Attribution::ServerProperty),
      server("Get-MailboxDatabase", "Server", Attribution::DatabaseCopies),
      // Only ever the server asked (the local one by default); -Server still says which, because the
      // Exchange Management Shell may be connected to another server.
      local("Get-ExchangeCertificate", "Server", Attribution::ServerProperty),
      local("Get-ImapSettings", "Server", Attribution::ServerProperty),
      local("Get-PopSettings", "Server", Attribution::ServerProperty),
      local("Get-Queue", "Server", Attribution::ServerProperty),
      local("Get-IPAllowListEntry", "Server"),
      local("Get-IPBlockListEntry", "Server"),
      local("Get-MessageTrackingLog", "Server"),
      local("Get-ExchangeDiagnosticInfo", "Server"),
      local("Get-TransportAgent"),
      local("Get-TransportPipeline"),
      // Probes of the server they run on.
      local("Test-ServiceHealth"),
      local("Test-ReplicationHealth"),
      // Windows itself.
      local("Get-Service"),
      local("Get-Process"),
      local("Get-ExecutionPolicy"),
      local("Get-ItemProperty"),
      local("Get-Item"),
      local("Get-ChildItem"),
      local("Get-Acl"),
      local("Get-Content"),
      local("Get-WindowsFeature"),
      local("Get-HotFix"),
      local("Get-CimInstance"),
      local("Get-WmiObject"),
      local("Get-TlsCipherSuite"),
      local("Get-SmbServerConfiguration"),
      local("Get-MpPreference"),
      local("Get-MpComputerStatus"),
      local("Get-LocalGroupMember"),
      local("Get-Website"),
      local("Get-WebBinding"),
      local("Get-WebConfiguration"),
      local("Get-WebConfigurationProperty"),
      local("Get-DnsClient"),
      local("Get-NetAdapter"),
      local("Get-NetAdapterRss"),
      local("Get-NetAdapterStatistics"),
      local("Get-WebGlobalModule"),
      local("Get-NetIPAddress"),
      local("Get-NetFirewallProfile"),
      local("Get-BitLockerVolume"),
      local("Get-Volume"),
      // Organisation-wide (on an Edge Transport server, its own AD LDS copy).
      organization("Get-SendConnector"),
      organization("Get-TransportConfig"),
      organization("Get-OrganizationConfig"),
      organization("Get-AcceptedDomain"),
      organization("Get-RemoteDomain"),
      organization("Get-AdminAuditLogConfig"),
      organization("Get-SettingOverride"),
      organization("Get-DatabaseAvailabilityGroup"),
      organization("Get-EdgeSubscription"),
      organization("Get-ContentFilterConfig"),
      organization("Get-SenderFilterConfig"),
      organization("Get-SenderIdConfig"),
      organization("Get-SenderReputationConfig"),
      organization("Get-RecipientFilterConfig"),
      organization("Get-IPAllowListConfig"),
      organization("Get-IPBlockListConfig"),
      organization("Get-IPAllowListProvider"),
      organization("Get-IPBlockListProvider"),
      organization("Get-AuthConfig"),
      organization("Get-HybridConfiguration"),
      organization("Get-IrmConfiguration"),
      organization("Get-PartnerApplication"),
      organization("Get-AuthServer"),
      organization("Get-AuthenticationPolicy"),
      organization("Get-ClientAccessRule"),
      // Policies, roles and recipients: Active Directory objects of the organisation.
      organization("Get-OwaMailboxPolicy"),
      organization("Get-MobileDeviceMailboxPolicy"),
      organization("Get-ActiveSyncMailboxPolicy"),
      organization("Get-RoleAssignmentPolicy"),
      organization("Get-ManagementRoleAssignment"),
      organization("Get-RoleGroup"),
      organization("Get-RoleGroupMember"),
      organization("Get-TransportRule"),
      organization("Get-JournalRule"),
      organization("Get-RetentionPolicy"),
      organization("Get-RetentionPolicyTag"),
      organization("Get-MalwareFilterPolicy"),
      organization("Get-EmailAddressPolicy"),
      organization("Get-ThrottlingPolicy"),
      organization("Get-Mailbox"),
      organization("Get-User"),
  };
  return rules;
}

// A property's text: its first field, or each field for lists.
std::vector<std::string> property_texts(const PsObject& object, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [property, value] : object.properties) {
    if (!same_ignoring_case(property, name)) continue;
    for (const auto& field : value.fields) {
      if (!field.second.empty()) out.push_back(field.second);
    }
    break;
  }
  return out;
}

void add_server(std::vector<std::string>& out, std::string_view name) {
  auto key = server_key(name);
  if (!key.empty() && std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
}

}  // namespace

std::string server_key(std::string_view name) {
  const auto dot = name.find('.');
  return lower(std::string(name.substr(0, dot)));
}

const std::vector<CmdletScopeRule>& scope_rules() {
  return table();
}

const CmdletScopeRule& scope_of(std::string_view cmdlet) {
  for (const auto& rule : table()) {
    if (same_ignoring_case(rule.cmdlet, cmdlet)) return rule;
  }
  static const CmdletScopeRule kUnknown{"", CmdletScope::Unknown, {}, true, Attribution::None, {}};
  return kUnknown;
}

const char* to_string(CmdletScope scope) {
  switch (scope) {
    case CmdletScope::Organization:
      return "organization";
    case CmdletScope::Server:
      return "server";
    case CmdletScope::Local:
      return "local";
    case CmdletScope::Unknown:
      return "unknown";
  }
  return "?";
}

std::string property_text(const PsObject& object, std::string_view name) {
  const auto texts = property_texts(object, name);
  return texts.empty() ? std::string() : texts.front();
}

bool parse_scope(std::string_view name, CmdletScope& out) {
  for (const auto scope : {CmdletScope::Organization, CmdletScope::Server, CmdletScope::Local}) {
    if (name == to_string(scope)) {
      out = scope;
      return true;
    }
  }
  return false;
}

std::vector<std::string> servers_of(const PsObject& object, const CmdletScopeRule& rule) {
  std::vector<std::string> out;
  switch (rule.attribution) {
    case Attribution::None:
      break;
    case Attribution::ServerProperty:
      for (const auto* name : {"Server", "ServerName"}) {
        for (const auto& text : property_texts(object, name)) add_server(out, text);
        if (!out.empty()) return out;
      }
      for (const auto& identity : property_texts(object, "Identity")) {
        // "MAILBOX01\owa (Default Web Site)", "ex01.example.com\THUMBPRINT"
        const auto slash = identity.find('\\');
        if (slash != std::string::npos && slash > 0) add_server(out, std::string_view(identity).substr(0, slash));
      }
      break;
    case Attribution::Name:
      for (const auto* name : {"Name", "Identity", "Fqdn", "ServerFqdn"}) {
        for (const auto& text : property_texts(object, name)) {
          if (text.find('\\') == std::string::npos) add_server(out, text);
        }
        if (!out.empty()) return out;
      }
      break;
    case Attribution::DatabaseCopies:
      // Every server holding a copy of the database: its settings are each of theirs.
      for (const auto& text : property_texts(object, "Servers")) add_server(out, text);
      if (out.empty()) {
        for (const auto& text : property_texts(object, "Server")) add_server(out, text);
      }
      break;
  }
  return out;
}

namespace {

// The cmdlet of an output key: "get-owavirtualdirectory -server x" -> "get-owavirtualdirectory".
std::string_view cmdlet_of(const std::string& key) {
  return std::string_view(key).substr(0, key.find(' '));
}

}  // namespace

void keep_host_objects(CmdletOutput& output, const std::vector<std::string>& host_names,
                       const std::map<std::string, std::string>& recorded_scopes, ScopeReport& report) {
  std::vector<std::string> hosts;
  for (const auto& name : host_names) {
    if (!name.empty()) hosts.push_back(server_key(name));
  }
  for (auto& [key, objects] : output) {
    const auto& rule = scope_of(cmdlet_of(key));
    if (rule.attribution == Attribution::None) continue;
    const auto recorded = recorded_scopes.find(key);
    const bool this_servers_alone =
        rule.scope == CmdletScope::Local || (recorded != recorded_scopes.end() && recorded->second != "organization");
    std::vector<PsObject> kept;
    kept.reserve(objects.size());
    for (auto& object : objects) {
      const auto servers = servers_of(object, rule);
      const bool mine = std::any_of(servers.begin(), servers.end(), [&](const std::string& server) {
        return std::find(hosts.begin(), hosts.end(), server) != hosts.end();
      });
      if (mine || (servers.empty() && this_servers_alone)) {
        report.own += mine ? 1 : 0;
        kept.push_back(std::move(object));
      } else if (servers.empty()) {
        ++report.unattributed[std::string(rule.cmdlet)];
      } else {
        ++report.left_out[servers.front()];
        report.cmdlets.insert(std::string(rule.cmdlet));
      }
    }
    objects = std::move(kept);
  }
}

std::set<std::string> servers_named(const CmdletOutput& output) {
  std::set<std::string> out;
  for (const auto& [key, objects] : output) {
    const auto& rule = scope_of(cmdlet_of(key));
    if (rule.scope != CmdletScope::Server) continue;
    for (const auto& object : objects) {
      for (auto& server : servers_of(object, rule)) out.insert(std::move(server));
    }
  }
  return out;
}

}  // namespace scapc::oval
