// The machine-readable summary of a check run for pipelines; the layout is in docs/json-summary.md.
#pragma once

#include <scapc/results.h>

#include <string>

namespace scapc::output {

std::string json_summary(const Run& run);

}  // namespace scapc::output
