// The HTML report of a check run: one self-contained HTML5 document (inline CSS and JS, nothing
// fetched) with the run's header, per host the counts, severity × result, scores and a summary per
// benchmark profile, and a filterable table of every rule-result with its evidence and fix.
#pragma once

#include <scapc/results.h>

#include <string>

namespace scapc::output {

// Everything taken from the content and the hosts' data is HTML-escaped (content is hostile
// input); a Content-Security-Policy allows only the report's own script and style. Identical runs
// give identical bytes.
std::string html_report(const Assessment& run);

}  // namespace scapc::output
