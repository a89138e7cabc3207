// Which SCAP document a root element is, and which XSD validates it.
#pragma once

#include <libxml/tree.h>

#include <string_view>

#include "scapc/validation.h"

namespace scapc::validation::detail {

DocumentKind detect_kind(const xmlNode* root);

// The XSD for a kind, relative to the schema directory; "" for Unknown.
std::string_view schema_for(DocumentKind kind);

}  // namespace scapc::validation::detail
