// DISA's service statements in check text ("Get-Service -Name MSExchangePop3,MSExchangePOP3BE |
// Select-Object -Property Name,StartType … If any of the POP3 services StartType is NOT set to
// "Disabled", this is a finding.") read as service checks (win-def service_test), which every
// SCAP tool evaluates. docs/stig-synthesis.md lists the shapes.
#pragma once

#include <scapc/stig.h>

namespace scapc::stig::detail {

// Whether the check text runs Get-Service for named services.
bool has_named_service_command(const std::string& check_text);

// Automated when the text is one such command and one start type statement among sentences this
// reader knows; else manual, with the reason.
Synthesis service_synthesis(const controls::StigRule& rule);

}  // namespace scapc::stig::detail
