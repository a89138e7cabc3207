// SCAP 1.3 source data stream composition (NIST SP 800-126r3): one collection with one data stream
// that bundles a CPE dictionary, a checklist (XCCDF) and their check components (OVAL, OCIL), each
// with a catalog that maps its check hrefs to the bundled components.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

namespace scapc::ds {

struct Component {
  enum class Role { Dictionary, Checklist, Check };
  Role role = Role::Check;
  std::string name;  // the file name the checklist's hrefs use, e.g. "exchange-oval.xml"
  const pugi::xml_document* document = nullptr;
};

struct Options {
  std::string id_namespace;  // reverse DNS without '_'
  std::string name;          // collection and data stream name part
  std::string timestamp;     // dateTime for the data stream and every component
};

// The data stream collection. The dictionaries' and checklists' catalogs point at every Check component.
pugi::xml_document compose(const std::vector<Component>& components, const Options& options);

}  // namespace scapc::ds
