#include "scapc/controls/summary.h"

#include <functional>
#include <set>

namespace scapc::controls {
namespace {

void collect_cmdlets(const Check& check, std::set<std::string>& cmdlets) {
  if (check.kind == Check::Kind::Query) cmdlets.insert(check.query.cmdlet);
  for (const auto& child : check.children) collect_cmdlets(child, cmdlets);
}

}  // namespace

CatalogSummary summarize(const Catalog& catalog) {
  CatalogSummary summary;
  for (const auto& control : catalog.controls) {
    ++summary.controls;
    if (!control.verify) {
      ++summary.informational;
    } else if (control.check) {
      ++summary.machine_checked;
    } else {
      ++summary.manual;
    }
    summary.site_values += static_cast<int>(control.values.size());
    summary.stig_references += static_cast<int>(control.stig_references.size());
    ++summary.by_severity[to_string(control.severity)];
    ++summary.by_category[control.category];
    for (const auto& framework : control.frameworks) ++summary.by_framework[framework];
    for (const auto& role : control.roles) ++summary.by_role[role];
    if (control.check) {
      std::set<std::string> cmdlets;
      collect_cmdlets(*control.check, cmdlets);
      for (const auto& cmdlet : cmdlets) ++summary.by_cmdlet[cmdlet];
    }
  }
  return summary;
}

}  // namespace scapc::controls
