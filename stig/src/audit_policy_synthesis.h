// DISA's audit policy statements in check text ("If the system does not audit the following, this
// is a finding. Account Logon >> Credential Validation - Success") read as audit policy checks
// (win-def auditeventpolicysubcategories_test). docs/stig-synthesis.md lists the shapes.
#pragma once

#include <scapc/stig.h>

namespace scapc::stig::detail {

// Whether the check text states an audit policy subcategory ("Category >> Subcategory - Success").
bool has_audit_policy_line(const std::string& check_text);

// Automated when the text is one such statement among sentences this reader knows; else manual,
// with the reason.
Synthesis audit_policy_synthesis(const controls::StigRule& rule);

}  // namespace scapc::stig::detail
