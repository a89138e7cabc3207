// What a rule's OVAL check saw, as <message> lines a reviewer can hold against the server.
#pragma once

#include <scapc/check.h>
#include <scapc/oval_analysis.h>

#include <string>
#include <vector>

namespace scapc::check {

struct Evidence {
  std::vector<std::string> lines;
  bool organization_wide = false;  // every test read organisation-wide cmdlet output
};

// One line for the definition's result, then one per test: its result, the cmdlet it read and
// whose objects those are (this server's, or the organisation's), and the objects it examined with
// their property values ("[false] Name=Outbound, DomainSecureEnabled=false"), or why there were
// none; then the analysis' own messages about those tests.
Evidence definition_evidence(const oval::DefinitionsDocument& definitions, const oval::SystemCharacteristics& system,
                             const oval::Analysis& analysis, const std::string& definition_id, const Host& host);

}  // namespace scapc::check
