// Which SCAP document a root element is, and which XSD validates it.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "scapc/validation.h"

namespace scapc::validation::detail {

DocumentKind detect_kind(const xmlNode* root);

// The kind detect_kind will most likely find, read from the start of the text alone (the root
// element and, for a data stream collection, its data-stream children), so that the XSD can load
// while the whole document parses. A guess: Unknown when the start does not tell.
DocumentKind guess_kind(const std::string& text);

// The XSD for a kind, relative to the schema directory; "" for Unknown.
std::string_view schema_for(DocumentKind kind);

}  // namespace scapc::validation::detail
