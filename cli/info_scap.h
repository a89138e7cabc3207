// scapc info on SCAP files: what a data stream or XCCDF benchmark offers (benchmark, release,
// profiles with their rule counts), and what an ARF or XCCDF results file holds (hosts, results).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace scapc::cli {

// Whether the file is XML (SCAP content or results) rather than a JSON catalog.
bool looks_like_xml(const std::string& path);

// Prints the summary of `path` as text to `out`, or adds it to `json` when that is not null.
// Errors are printed, one line each; false when the file cannot be read.
bool print_scap_info(const std::string& path, std::ostream& out, nlohmann::json* json);

}  // namespace scapc::cli
