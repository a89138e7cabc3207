// One host's xccdf:TestResult, appended where the caller needs it (a Benchmark copy, an ARF report).
#pragma once

#include <scapc/results.h>

#include <functional>

namespace scapc::output {

struct TestResultPlace {
  std::string benchmark_href;  // empty: no <benchmark> element (inside the benchmark itself)
  std::string asset_id;        // ARF: the asset the TestResult is about (target-id-ref)
  // component key -> href of its OVAL results, "" when none was written (the check's href stays)
  std::function<std::string(const std::string&)> oval_href;
};

pugi::xml_node append_test_result(pugi::xml_node parent, const Assessment& run, std::size_t index,
                                  const TestResultPlace& place);

}  // namespace scapc::output
