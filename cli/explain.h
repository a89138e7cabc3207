// `scapc compile --explain`: for every STIG rule, automated or manual, why, and the check.
#pragma once

#include <scapc/controls.h>
#include <scapc/stig.h>

#include <string>
#include <vector>

namespace scapc::cli {

std::string explain(const controls::Catalog& joined, const std::vector<stig::Benchmark>& benchmarks);

}  // namespace scapc::cli
