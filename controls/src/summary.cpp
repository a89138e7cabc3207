#include "scapc/controls/summary.h"

#include <functional>
#include <set>

#include "scapc/controls/walk.h"

namespace scapc::controls {
namespace {

// What the check reads: cmdlets by name (those a valueFrom compares with too), Windows data by the
// OVAL test that reads it ("win-def:registry_test"), which is not a cmdlet a reader could run.
void collect_cmdlets(const Check& check, std::set<std::string>& cmdlets) {
  for_each_query(check, [&cmdlets](const Query& query) {
    cmdlets.insert(query.data == DataKind::Cmdlet ? query.cmdlet
                                                  : std::string("win-def:") + oval_item_type(query.data) + "_test");
  });
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
      for_each_condition(*control.check, [&](const Condition& condition) {
        if (condition.value_from) cmdlets.insert(condition.value_from->cmdlet);
      });
      for (const auto& cmdlet : cmdlets) ++summary.by_cmdlet[cmdlet];
    }
  }
  return summary;
}

}  // namespace scapc::controls
