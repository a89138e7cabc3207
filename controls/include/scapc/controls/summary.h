// Counts over a catalog, as `scapc info` prints them.
#pragma once

#include <map>
#include <string>

#include "scapc/controls/catalog.h"

namespace scapc::controls {

struct CatalogSummary {
  int controls = 0;
  int machine_checked = 0;  // with a check block
  int manual = 0;           // verify: true, no check block
  int informational = 0;    // verify: false
  int site_values = 0;
  int stig_references = 0;
  std::map<std::string, int> by_framework;
  std::map<std::string, int> by_severity;  // Low, Medium, High
  std::map<std::string, int> by_role;
  std::map<std::string, int> by_category;
  std::map<std::string, int> by_cmdlet;  // controls whose check runs the cmdlet
};

CatalogSummary summarize(const Catalog& catalog);

}  // namespace scapc::controls
