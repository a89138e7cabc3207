// PowerShell CliXml (Export-Clixml output) read into objects with typed properties, and Exchange
// cmdlet output turned into OVAL cmdlet items. docs/collected-data.md describes the item layout.
#pragma once

#include <scapc/oval_analysis.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::oval {

// A property value as OVAL items carry it: one or more (datatype, text) fields.
struct PropertyValue {
  std::vector<std::pair<std::string, std::string>> fields;
};

struct PsObject {
  std::vector<std::pair<std::string, PropertyValue>> properties;  // in output order
};

// Reads an Export-Clixml document. Returns false with `error` ("file:line: reason") on bad input.
// A typed value whose text is not of its type is read as it is and, with `warnings`, reported
// there ("file:line: <B> 'maybe' is not ..."; the first ten, then a count).
bool read_clixml(std::string_view xml, const std::string& name, std::vector<PsObject>& out, std::string& error,
                 std::vector<std::string>* warnings = nullptr);

// Cmdlet output by invocation: the lower-case cmdlet and its parameters (invocation_key).
using CmdletOutput = std::map<std::string, std::vector<PsObject>>;

// Cmdlet output is keyed by the invocation, so `Get-Service -Name A*` and `Get-Service -Name B*`
// stay apart: "get-service -name a*". Parameters are sorted; names and values fold case, as
// PowerShell treats them; a switch set to $true is the bare switch.
std::string invocation_key(const std::string& cmdlet, std::vector<std::pair<std::string, std::string>> parameters);

// Reads a folder of Export-Clixml files named after their cmdlet (Get-SendConnector.xml or
// GetSendConnector.xml). Files that are not CliXml are errors.
// Only regular files are read: a link (to /dev/zero, to /etc/passwd) or a FIFO named like a cmdlet
// is skipped, with a line in `warnings` naming it.
bool read_clixml_folder(const std::string& folder, CmdletOutput& out, std::vector<std::string>& warnings,
                        std::string& error);

// The project's JSON collection bundle (docs/collection-bundle.schema.json): host identity and the
// output of each cmdlet; cmdlets whose collection failed are in `failed`, with the collector's reason.
struct Bundle {
  std::string host_name;
  std::string fqdn;
  std::string exchange_name;  // the server's name in Exchange (host.exchange.name), when recorded
  std::vector<std::string> ip_addresses;
  std::vector<std::string> mac_addresses;
  CmdletOutput output;
  std::map<std::string, std::string> failed;  // invocation key -> the error the collector recorded (or empty)
  // Invocation key -> what its output covers as the collector recorded it ("scope"): "server" (it
  // asked for this server only) and "local" make an object that names no server this server's; an
  // invocation without a recorded scope (the content named its target, or the cmdlet is unknown to
  // the collector) is not in the map.
  std::map<std::string, std::string> scopes;
  // Warnings about the file that still let it be read (characters replaced with U+FFFD).
  std::vector<std::string> warnings;
};
bool read_bundle(std::string_view text, const std::string& name, Bundle& out, std::string& error);

// The subcategories of the advanced audit policy as OVAL names them (auditeventpolicysubcategories_item's
// entities, in the schema's order): what a bundle's windows.auditPolicy may hold.
const std::vector<std::string>& audit_subcategory_entities();

// The system characteristics the definitions' cmdlet objects collect from `output`: one cmdlet_item
// per returned object with the selected properties as record fields, object filters and sets applied,
// "does not exist" when the cmdlet returned nothing and "not collected" when it was not run. The
// items view `output`, which the result keeps.
std::shared_ptr<const SystemCharacteristics> collect_cmdlets(
    const DefinitionsDocument& definitions, std::shared_ptr<const CmdletOutput> output,
    const std::map<std::string, std::vector<std::string>>& variables, const std::string& host_name,
    const std::map<std::string, std::string>& failed = {});

}  // namespace scapc::oval
