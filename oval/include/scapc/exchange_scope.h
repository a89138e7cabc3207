// Which Exchange server a cmdlet's output is about. Many Exchange cmdlets list every server of the
// organisation unless told one (Get-OwaVirtualDirectory, Get-ReceiveConnector, …): a host's verdict
// must rest on that host's objects only. This is the table of those cmdlets (from Microsoft's cmdlet
// reference; docs/collector.md lists it), how each names the server an object belongs to, and the
// filter that keeps a host's own objects in data that lists the whole organisation.
#pragma once

#include <scapc/clixml.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::oval {

enum class CmdletScope {
  Organization,  // the same objects whichever server answers (Active Directory configuration)
  Server,        // objects of several servers, each belonging to one (or, for databases, its copies')
  Local,         // only ever about the server the shell runs on (local files, services, certificates)
  Unknown,       // a cmdlet the table does not know: neither filtered nor called organisation-wide
};

// How an object of a server-scoped cmdlet names its server.
enum class Attribution {
  None,            // it does not: the object is the answering server's
  ServerProperty,  // Server or ServerName, else the "SERVER\" prefix of Identity
  Name,            // the object is a server: Name, else Identity, else Fqdn
  DatabaseCopies,  // Servers (every server holding a copy), else Server
};

struct CmdletScopeRule {
  std::string_view cmdlet;  // "Get-ReceiveConnector"
  CmdletScope scope = CmdletScope::Organization;
  // The parameter that asks for one server ("Server", "Identity"), empty when there is none.
  std::string_view server_parameter;
  bool parameter_on_edge = true;  // false: Edge Transport servers refuse it (Get-TransportService -Identity)
  Attribution attribution = Attribution::None;
  // The properties the attribution reads, which the collector keeps even when the checks select
  // others.
  std::vector<std::string_view> attributing_properties;
};

// The rule for a cmdlet (case-insensitive). The table holds the Exchange cmdlets whose scope is
// known and the common Windows ones (local); any other cmdlet's scope is Unknown.
const CmdletScopeRule& scope_of(std::string_view cmdlet);
// Every cmdlet the table knows, for documentation and tests.
const std::vector<CmdletScopeRule>& scope_rules();
const char* to_string(CmdletScope scope);
// "server", "local" or "organization" (what a bundle may record; not "unknown").
bool parse_scope(std::string_view name, CmdletScope& out);

// The text of an object's property (case-insensitive name): its first non-empty field, else "".
std::string property_text(const PsObject& object, std::string_view name);

// The server names (lower case, first DNS label) an object says it belongs to under `rule`;
// empty when it names none.
std::vector<std::string> servers_of(const PsObject& object, const CmdletScopeRule& rule);

// What filtering one host's data did.
struct ScopeReport {
  std::map<std::string, std::size_t> left_out;      // other server (as named) -> objects left out
  std::set<std::string> cmdlets;                    // cmdlets that had other servers' objects
  std::map<std::string, std::size_t> unattributed;  // cmdlet -> objects naming no server, left out
  std::size_t own = 0;                              // objects that named this host
};

// Keeps in each server-scoped cmdlet's output the objects that name one of `host_names` (matched
// case-insensitively on the first DNS label); objects of other servers are left out and counted in
// `report`. An object that names no server is kept only where the output is known to be this
// server's alone: the cmdlet only ever answers for the local server, or `recorded_scopes` (output key
// -> the scope a bundle recorded) says the collector asked for this server; elsewhere (old
// collectors that kept only the checked properties) it could be any server's, and is left out.
void keep_host_objects(CmdletOutput& output, const std::vector<std::string>& host_names,
                       const std::map<std::string, std::string>& recorded_scopes, ScopeReport& report);

// The servers the server-scoped output names (server_key form): for telling which server an
// Export-Clixml folder was collected on.
std::set<std::string> servers_named(const CmdletOutput& output);

// "mailbox01.example.com" -> "mailbox01"; "EX01" -> "ex01".
std::string server_key(std::string_view name);

}  // namespace scapc::oval
