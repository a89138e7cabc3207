// The semantic checks: rules of the SCAP specifications (and of the OVAL platform schematron that
// OpenSCAP does not run) which an XSD cannot express. Each runs over libxml2's tree of a document
// that parsed, whether or not it was valid, and reports at the line of the offending element.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

#include "scapc/validation.h"

namespace scapc::validation::detail {

struct Findings {
  std::string file;
  // True when the XSD validated the content strictly: its key/keyref constraints have then already
  // reported dangling ids (OVAL, XCCDF check-export, OCIL), and repeating them would give two
  // problems for one mistake. False for ARF report content (lax in the XSD) or a missing XSD.
  bool xsd_checked_references = false;
  std::vector<Problem>& problems;

  void error(const xmlNode* at, std::string message) const;
};

// Finds every oval_definitions, Benchmark, ocil and data-stream-collection in the document, at any
// depth (a data stream holds the others; an ARF holds a data stream), and checks each.
void run_semantic_checks(const xmlDoc* document, const Findings& findings);

void check_oval_definitions(const xmlNode* definitions, const Findings& findings);
void check_benchmark(const xmlNode* benchmark, const Findings& findings);  // XCCDF 1.1 and 1.2
void check_ocil(const xmlNode* ocil, const Findings& findings);
void check_data_stream_collection(const xmlNode* collection, const Findings& findings);

}  // namespace scapc::validation::detail
