#include "checks.h"

#include "xml_tree.h"

namespace scapc::validation::detail {
namespace {

void visit(const xmlNode* node, const Findings& findings) {
  for (const xmlNode* child : elements(node)) {
    // Nothing this library checks nests inside OVAL, XCCDF or OCIL content, so the walk stops there;
    // a data stream and an ARF are walked through to their components.
    if (is_element(child, ns::kOvalDefinitions, "oval_definitions")) {
      check_oval_definitions(child, findings);
    } else if (is_element(child, ns::kXccdf12, "Benchmark") || is_element(child, ns::kXccdf11, "Benchmark")) {
      check_benchmark(child, findings);
    } else if (is_element(child, ns::kOcil, "ocil")) {
      check_ocil(child, findings);
    } else {
      if (is_element(child, ns::kDataStream, "data-stream-collection")) check_data_stream_collection(child, findings);
      visit(child, findings);
    }
  }
}

}  // namespace

void Findings::error(const xmlNode* at, std::string message) const {
  problems.push_back(Problem{file, at == nullptr ? 0 : line(at), false, std::move(message)});
}

void run_semantic_checks(const xmlDoc* document, const Findings& findings) {
  // The document node itself is the parent of the root element.
  visit(reinterpret_cast<const xmlNode*>(document), findings);
}

}  // namespace scapc::validation::detail
