// What a rule's OVAL check saw, as <message> lines a reviewer can hold against the server.
#pragma once

#include <scapc/oval_analysis.h>

#include <string>
#include <vector>

namespace scapc::check {

// One line for the definition's result, then one per test: its result, and the objects it examined
// with their property values ("[false] Name=Outbound, DomainSecureEnabled=false"), or why there
// were none; then the analysis' own messages about those tests.
std::vector<std::string> definition_evidence(const oval::DefinitionsDocument& definitions,
                                             const oval::SystemCharacteristics& system, const oval::Analysis& analysis,
                                             const std::string& definition_id);

}  // namespace scapc::check
