// The entities of Windows OVAL items that scapc reads from collected data, as
// windows-system-characteristics-schema.xsd lists them: shared by the catalog reader (which checks
// that conditions name them) and the OVAL engine (which reads and prints items in this order).
#pragma once

#include <string>
#include <vector>

namespace scapc::oval_items {

// auditeventpolicysubcategories_item: one entity per advanced audit policy subcategory.
inline const std::vector<std::string>& audit_subcategories() {
  static const std::vector<std::string> kNames{"credential_validation",
                                               "kerberos_authentication_service",
                                               "kerberos_service_ticket_operations",
                                               "kerberos_ticket_events",
                                               "other_account_logon_events",
                                               "application_group_management",
                                               "computer_account_management",
                                               "distribution_group_management",
                                               "other_account_management_events",
                                               "security_group_management",
                                               "user_account_management",
                                               "dpapi_activity",
                                               "process_creation",
                                               "process_termination",
                                               "rpc_events",
                                               "directory_service_access",
                                               "directory_service_changes",
                                               "directory_service_replication",
                                               "detailed_directory_service_replication",
                                               "account_lockout",
                                               "ipsec_extended_mode",
                                               "ipsec_main_mode",
                                               "ipsec_quick_mode",
                                               "logoff",
                                               "logon",
                                               "network_policy_server",
                                               "other_logon_logoff_events",
                                               "special_logon",
                                               "logon_claims",
                                               "application_generated",
                                               "certification_services",
                                               "detailed_file_share",
                                               "file_share",
                                               "file_system",
                                               "filtering_platform_connection",
                                               "filtering_platform_packet_drop",
                                               "handle_manipulation",
                                               "kernel_object",
                                               "other_object_access_events",
                                               "registry",
                                               "sam",
                                               "removable_storage",
                                               "central_access_policy_staging",
                                               "audit_policy_change",
                                               "authentication_policy_change",
                                               "authorization_policy_change",
                                               "filtering_platform_policy_change",
                                               "mpssvc_rule_level_policy_change",
                                               "other_policy_change_events",
                                               "non_sensitive_privilege_use",
                                               "other_privilege_use_events",
                                               "sensitive_privilege_use",
                                               "ipsec_driver",
                                               "other_system_events",
                                               "security_state_change",
                                               "security_system_extension",
                                               "system_integrity",
                                               "group_membership",
                                               "pnp_activity",
                                               "user_device_claims",
                                               "audit_detailedtracking_tokenrightadjusted"};
  return kNames;
}

// fileeffectiverights_item: the rights of one trustee over a file or folder, one boolean each.
inline const std::vector<std::string>& file_rights() {
  static const std::vector<std::string> kNames{
      "standard_delete",      "standard_read_control", "standard_write_dac",
      "standard_write_owner", "standard_synchronize",  "access_system_security",
      "generic_read",         "generic_write",         "generic_execute",
      "generic_all",          "file_read_data",        "file_write_data",
      "file_append_data",     "file_read_ea",          "file_write_ea",
      "file_execute",         "file_delete_child",     "file_read_attributes",
      "file_write_attributes"};
  return kNames;
}

}  // namespace scapc::oval_items
