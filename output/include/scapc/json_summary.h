// The machine-readable summary of a check run for pipelines; the layout is in docs/json-summary.md.
#pragma once

#include <scapc/results.h>

#include <string>

namespace scapc::output {

std::string json_summary(const Run& run);

// Streaming, as results.h: head + host 0 + (",\n" + host i)... + tail == json_summary(run).
struct JsonSummaryFrame {
  std::string head;
  std::string tail;
};
JsonSummaryFrame json_summary_frame(const Run& run);
std::string json_summary_host(const Run& run, std::size_t index);

}  // namespace scapc::output
