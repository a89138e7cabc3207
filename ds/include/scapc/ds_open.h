// A SCAP 1.2/1.3 source data stream opened for evaluation (SP 800-126r3 §3.1): the checklist, the
// components its check hrefs name through the component-ref catalogs, and the CPE dictionary's
// OVAL checks for platform names.
#pragma once

#include <map>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace scapc::ds {

struct ComponentInDocument {
  std::string id;       // ds:component/@id (for ARF references)
  pugi::xml_node root;  // the component's content element: oval_definitions, ocil, cpe-list …
};

struct CpeCheck {
  ComponentInDocument oval;
  std::string definition;
};

struct OpenedStream {
  std::string data_stream_id;
  ComponentInDocument checklist;                       // root = the xccdf:Benchmark
  std::map<std::string, ComponentInDocument> by_href;  // check-content-ref href -> component
  std::map<std::string, CpeCheck> cpe_checks;          // CPE name -> its OVAL check
};

// Opens the data stream `data_stream_id` (empty: the first) and its checklist holding the
// Benchmark `benchmark_id` (empty: the first checklist). One-line errors name `name` and the line
// in `source`, the text the collection was parsed from (may be empty).
bool open(const pugi::xml_document& collection, const std::string& name, std::string_view source,
          const std::string& data_stream_id, const std::string& benchmark_id, OpenedStream& out, std::string& error);

}  // namespace scapc::ds
