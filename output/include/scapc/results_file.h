// An ARF or XCCDF results file read back as a run: the content it was evaluated from, the profile,
// and per TestResult the host and its rule results, ready for the checklist and summary writers.
#pragma once

#include <scapc/results.h>

#include <string>
#include <string_view>
#include <vector>

namespace scapc::output {

struct ResultsFile {
  check::Content content;
  xccdf::loaded::Evaluation evaluation;
  std::vector<check::Host> hosts;
  std::vector<check::HostResult> results;

  [[nodiscard]] Assessment run() const {
    return {.content = &content, .evaluation = &evaluation, .hosts = &hosts, .results = &results};
  }
};

// One-line errors naming the file and line.
bool read_results(std::string_view xml, const std::string& name, ResultsFile& out, std::string& error);

}  // namespace scapc::output
