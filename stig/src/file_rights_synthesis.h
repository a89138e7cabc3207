// DISA's audit data permission statements ("If any group or user has "Read" access to the audit data
// that is not documented in the EDSP, this is a finding.") read as file rights checks over the
// folder the logs are in (win-def fileeffectiverights53_test), the documented trustees and the
// folder being site values. docs/stig-synthesis.md lists the shapes.
#pragma once

#include <scapc/stig.h>

namespace scapc::stig::detail {

// Whether the check text states an audit data permission finding.
bool has_audit_data_rights_finding(const std::string& check_text);

// Automated when every other sentence of the text is one this reader knows; else manual, with the
// reason.
Synthesis audit_data_rights_synthesis(const controls::StigRule& rule);

// Whether the text is a Windows STIG's permission statement about one file: an event log file
// ("If the permissions for the "Application.evtx" file are not as restrictive as the default
// permissions listed below") or a System32 program ("If any groups or accounts other than
// TrustedInstaller have "Full control" or "Modify" permissions").
bool has_windows_file_permission_finding(const std::string& check_text);

// Automated when every line is one this reader knows and every principal a well-known one.
Synthesis windows_file_rights_synthesis(const controls::StigRule& rule);

}  // namespace scapc::stig::detail
