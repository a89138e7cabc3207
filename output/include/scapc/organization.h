// Findings about the organisation rather than one server: a rule whose check read only
// organisation-wide objects (send connectors, organisation and transport configuration, accepted
// and remote domains, anti-spam configuration) gives every server of the organisation the same
// verdict on the same evidence. Reports list each such finding once, with the hosts it was seen on.
#pragma once

#include <scapc/results.h>

#include <string>
#include <vector>

namespace scapc::output {

struct OrganizationFinding {
  std::string rule_id;
  std::string version;
  std::string title;
  std::string severity;
  std::string result;  // fail, error or unknown
  std::vector<std::string> evidence;
  std::vector<std::string> hosts;  // labels, in host order
};

// Host `index`'s organisation-wide rule-results that are findings (fail, error, unknown).
std::vector<OrganizationFinding> organization_findings(const Assessment& run, std::size_t index);

// The same finding: the same rule with the same result and evidence.
bool same_finding(const OrganizationFinding& a, const OrganizationFinding& b);

// Adds one host's findings: the same finding (same_finding) is one finding, seen on one more host.
void merge_findings(std::vector<OrganizationFinding>& into, std::vector<OrganizationFinding> host);

// Every host's, merged.
std::vector<OrganizationFinding> organization_findings(const Assessment& run);

}  // namespace scapc::output
