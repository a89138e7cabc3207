// The machine-readable summary of a check run for pipelines; the layout is in docs/json-summary.md.
#pragma once

#include <scapc/organization.h>
#include <scapc/results.h>

#include <string>
#include <vector>

namespace scapc::output {

std::string json_summary(const Assessment& run);

// Streaming, as results.h: head + host 0 + (",\n" + host i)... + json_summary_tail(run, every
// host's organisation findings merged) == json_summary(run). `tail` is the tail without findings.
struct JsonSummaryFrame {
  std::string head;
  std::string tail;
};
JsonSummaryFrame json_summary_frame(const Assessment& run);
std::string json_summary_host(const Assessment& run, std::size_t index);
std::string json_summary_tail(const Assessment& run, const std::vector<OrganizationFinding>& findings);

}  // namespace scapc::output
