// Conditions and checks in words, for OVAL comments, explanations and evidence.
#pragma once

#include <string>

#include "scapc/controls/catalog.h"

namespace scapc::controls {

// "DomainSecureEnabled equals true", "(SmartHosts is empty and RequireTLS equals true)"
std::string describe(const Condition& condition);

// "Get-ReceiveConnector: all objects satisfy MaxHopCount equals 60 (none: fail)"
std::string describe(const Check& check);

// The literal as the catalog wrote it, quoted when it is a string.
std::string describe(const Literal& literal);

}  // namespace scapc::controls
