// The collector script's Windows reads: registry keys, services, the audit policy, file rights.
#pragma once

#include <scapc/collector.h>

#include <ostream>
#include <string>
#include <string_view>

namespace scapc::collector {

// Text for a comment line of the script: a line break would end the comment and start code, so
// anything outside printable ASCII becomes '?'.
std::string comment_text(std::string_view text);

// The PowerShell functions that read Windows data, always written (they run only when called).
void write_windows_functions(std::ostream& out);
// The calls that fill the bundle's "windows" section with what `plan` asks for.
void write_windows_reads(std::ostream& out, const Plan& plan);

}  // namespace scapc::collector
