// Result documents from an evaluation: XCCDF 1.2 TestResults (alone or inside a copy of the
// benchmark) and the ARF 1.1 result data stream in the layout OpenSCAP writes, one asset and one
// XCCDF report per host, each host's OVAL results as reports of their own.
#pragma once

#include <scapc/check.h>

#include <functional>
#include <pugixml.hpp>
#include <string>
#include <vector>

namespace scapc::output {

struct Run {
  const check::Content* content = nullptr;
  const xccdf::loaded::Evaluation* evaluation = nullptr;
  const std::vector<check::Host>* hosts = nullptr;
  const std::vector<check::HostResult>* results = nullptr;
  std::string tailoring_path;  // --tailoring, named in each TestResult
  const xccdf::loaded::Tailoring* tailoring = nullptr;
  std::string user;  // identity: who ran the evaluation
};

// A name per host for ids and file names: the FQDN (else host name), numbered when two hosts share it.
std::vector<std::string> host_labels(const std::vector<check::Host>& hosts);

// The TestResult id for host `index` (unique per host and profile).
std::string test_result_id(const Run& run, std::size_t index);

// XCCDF results: with `with_benchmark`, a copy of the benchmark holding one TestResult per host;
// otherwise the TestResult of the single host as the document element (one host only).
// Check references point at `oval_results_href(host, component key)`.
pugi::xml_document xccdf_results(const Run& run, bool with_benchmark,
                                 const std::function<std::string(std::size_t, const std::string&)>& oval_results_href);

// The ARF 1.1 asset report collection.
pugi::xml_document arf(const Run& run);

// Shortest decimal text for weights and scores ("10", "62.5", "33.333333").
std::string decimal(double value);

}  // namespace scapc::output
