// Windows data (registry values, services) as the collection bundle carries it, held beside the
// cmdlet output under keys no cmdlet invocation can have, so that it travels wherever a host's
// output goes. The registry and service objects of the definitions are collected from it.
#pragma once

#include <scapc/clixml.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace scapc::oval::detail {

// "#registry HKEY_LOCAL_MACHINE\SYSTEM\…\Lsa": one registry key's values, one object per value
// with the registry_item entities (hive, key, name, type, value) as properties. A key the
// collector found missing has no objects; a key it did not read has no entry.
inline constexpr std::string_view kRegistryPrefix = "#registry ";
// "#services": every service of the host, one object per service with service_item entities.
inline constexpr std::string_view kServicesKey = "#services";

// "#auditpolicy": the host's advanced audit policy, one object whose properties are
// auditeventpolicysubcategories_item entities (AUDIT_NONE, AUDIT_SUCCESS, …), in the schema's order.
inline constexpr std::string_view kAuditPolicyKey = "#auditpolicy";

// "#filerights C:\Program Files\…\Logging": the effective rights each trustee of one file or folder's
// DACL holds, one object per trustee with fileeffectiverights_item entities (path, trustee_sid,
// trustee_name, the rights as booleans). A path the collector found missing has no objects.
inline constexpr std::string_view kFileRightsPrefix = "#filerights ";

// fileeffectiverights_item's rights entities in the schema's order.
const std::vector<std::string>& file_rights();
// A Windows path as the data keys it: a trailing backslash dropped, except a drive's root ("C:\").
std::string file_rights_path(std::string_view path);
std::string file_rights_output_key(std::string_view path);

// auditeventpolicysubcategories_item's entities in the schema's order.
const std::vector<std::string>& audit_subcategories();

std::string registry_output_key(std::string_view hive, std::string_view key);

// Get-Service output (ServiceController objects: Name, DisplayName, StartType, Status, ServiceType,
// ServicesDependedOn) as service_item entities, for data that has it and no "#services" (an
// Export-Clixml folder). StartType and Status map to OVAL's SERVICE_* names; what Get-Service does
// not show (the account, the path) is absent.
std::vector<PsObject> services_from_get_service(const std::vector<PsObject>& objects);

// Reads the bundle's "windows" object (docs/collection-bundle.schema.json) into `out`; false with
// `error` ("name:/windows/...: reason") on bad input.
bool read_windows_section(const nlohmann::json& windows, const std::string& name, Bundle& out, std::string& error);

}  // namespace scapc::oval::detail
