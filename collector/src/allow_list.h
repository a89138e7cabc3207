// What the generated collector may run, whatever the content asks: read-only Exchange and Windows
// cmdlets, each with the parameters it may take and what their values may be. Content from
// elsewhere could otherwise make the administrator's session read a file share (handing over the
// account's credentials), query another computer, or read any file. docs/collector.md lists it.
#pragma once

#include <string>
#include <string_view>

namespace scapc::collector {

// Why `cmdlet` (Verb-Noun, any case) may not run with this parameter and value; empty when it may.
// An empty parameter name asks about the cmdlet alone.
std::string refusal(std::string_view cmdlet, std::string_view parameter = {}, std::string_view value = {});

}  // namespace scapc::collector
