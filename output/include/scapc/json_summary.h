// The machine-readable summary of a check run for pipelines; the layout is in docs/json-summary.md.
#pragma once

#include <scapc/organization.h>
#include <scapc/results.h>

#include <string>
#include <vector>

namespace scapc::output {

std::string json_summary(const Run& run);

// Streaming, as results.h: head + host 0 + (",\n" + host i)... + json_summary_tail(run, every
// host's organisation findings merged) == json_summary(run). `tail` is the tail without findings.
struct JsonSummaryFrame {
  std::string head;
  std::string tail;
};
JsonSummaryFrame json_summary_frame(const Run& run);
std::string json_summary_host(const Run& run, std::size_t index);
std::string json_summary_tail(const Run& run, const std::vector<OrganizationFinding>& findings);

}  // namespace scapc::output
