#include "explain.h"

#include <iomanip>
#include <map>
#include <sstream>

namespace scapc::cli {

std::string explain(const controls::Catalog& joined, const std::vector<stig::Benchmark>& benchmarks) {
  // Where each V-ID ended up: a control of its own, or the catalog controls it joined.
  std::map<std::string, const controls::Control*> own;
  std::map<std::string, std::vector<const controls::Control*>> joined_by;
  for (const auto& control : joined.controls) {
    for (const auto& rule : control.stig_rules) {
      if (control.from_stig) {
        own[rule.vuln_id] = &control;
      } else {
        joined_by[rule.vuln_id].push_back(&control);
      }
    }
  }
  std::ostringstream out;
  for (const auto& benchmark : benchmarks) {
    int automated = 0;
    std::ostringstream rules;
    for (const auto& rule : benchmark.rules) {
      rules << rule.vuln_id << ' ' << rule.stig_id << ": ";
      if (const auto found = joined_by.find(rule.vuln_id); found != joined_by.end()) {
        // Checked by the catalog's control(s); automated when one of them has a machine check.
        bool checked = false;
        rules << "joined with catalog control";
        for (const auto* control : found->second) {
          rules << ' ' << control->id << (control->check ? " (automated)" : " (manual)");
          checked = checked || (control->verify && control->check);
        }
        automated += checked ? 1 : 0;
        rules << '\n';
        continue;
      }
      const auto it = own.find(rule.vuln_id);
      if (it == own.end()) {
        rules << "not compiled (the same V-ID came from an earlier input)\n";
        continue;
      }
      const auto& control = *it->second;
      if (!control.check) {
        rules << "manual: " << control.manual_reason << '\n';
        continue;
      }
      ++automated;
      rules << "automated\n  check: " << controls::describe(*control.check) << '\n';
      for (const auto& value : control.values) {
        rules << "  site value " << value.id << " (" << controls::to_string(value.type) << "), default "
              << value.default_value.text << '\n';
      }
    }
    const auto total = benchmark.rules.size();
    out << benchmark.title << " (" << benchmark.source << "): " << total << " rules, " << automated << " automated ("
        << std::fixed << std::setprecision(1) << (total == 0 ? 0.0 : 100.0 * automated / static_cast<double>(total))
        << "%), " << total - static_cast<std::size_t>(automated) << " manual\n"
        << rules.str() << '\n';
  }
  return out.str();
}

}  // namespace scapc::cli
