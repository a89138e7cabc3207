#include "checks.h"

#include <unordered_map>

#include "xml_tree.h"

namespace scapc::validation::detail {
namespace {

bool is_test_result(const xmlNode* node) {
  return is_element(node, ns::kXccdf12, "TestResult") || is_element(node, ns::kXccdf11, "TestResult");
}

// TestResult ids, wherever the TestResults are (in a Benchmark, in ARF reports): a consumer keys
// each host's results by them, and two alike would merge two hosts or lose one. The XSD leaves it.
class TestResultIds {
 public:
  explicit TestResultIds(const Findings& findings) : findings_(findings) {}
  void add(const xmlNode* result) {
    const auto id = attribute(result, "id");
    const auto [first, added] = seen_.emplace(id, line(result));
    if (!added) {
      findings_.error(result, "TestResult id '" + id + "' is used twice (first at line " +
                                  std::to_string(first->second) + "); each TestResult needs its own");
    }
  }

 private:
  const Findings& findings_;
  std::unordered_map<std::string, int> seen_;
};

void visit(const xmlNode* node, const Findings& findings, TestResultIds& results) {
  for (const xmlNode* child : elements(node)) {
    // Nothing this library checks nests inside OVAL, XCCDF or OCIL content, so the walk stops there;
    // a data stream and an ARF are walked through to their components.
    if (is_element(child, ns::kOvalDefinitions, "oval_definitions")) {
      check_oval_definitions(child, findings);
    } else if (is_element(child, ns::kXccdf12, "Benchmark") || is_element(child, ns::kXccdf11, "Benchmark")) {
      check_benchmark(child, findings);
      for (const xmlNode* item : elements(child)) {
        if (is_test_result(item)) results.add(item);
      }
    } else if (is_element(child, ns::kOcil, "ocil")) {
      check_ocil(child, findings);
    } else if (is_test_result(child)) {
      results.add(child);
    } else {
      if (is_element(child, ns::kDataStream, "data-stream-collection")) check_data_stream_collection(child, findings);
      visit(child, findings, results);
    }
  }
}

}  // namespace

void Findings::error(const xmlNode* at, std::string message) const {
  problems.push_back(Problem{file, at == nullptr ? 0 : line(at), false, std::move(message)});
}

void run_semantic_checks(const xmlDoc* document, const Findings& findings) {
  // The document node itself is the parent of the root element.
  TestResultIds results(findings);
  visit(reinterpret_cast<const xmlNode*>(document), findings, results);
}

}  // namespace scapc::validation::detail
