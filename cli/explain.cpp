#include "explain.h"

#include <iomanip>
#include <map>
#include <sstream>

namespace scapc::cli {

std::string explain(const controls::Catalog& joined, const std::vector<stig::Benchmark>& benchmarks) {
  // Every STIG rule is a control of its own; catalog controls that reference it are in its notes.
  std::map<std::string, const controls::Control*> own;
  for (const auto& control : joined.controls) {
    if (control.from_stig) own[control.stig_rules.front().vuln_id] = &control;
  }
  std::ostringstream out;
  for (const auto& benchmark : benchmarks) {
    int automated = 0;
    int borrowed = 0;
    std::ostringstream rules;
    for (const auto& rule : benchmark.rules) {
      rules << rule.vuln_id << ' ' << rule.stig_id << ": ";
      const auto it = own.find(rule.vuln_id);
      if (it == own.end() || it->second->stig_rules.front().benchmark_id != rule.benchmark_id) {
        rules << "not compiled (the same V-ID came from an earlier input)\n";
        continue;
      }
      const auto& control = *it->second;
      if (!control.check) {
        rules << "manual: " << control.manual_reason << '\n';
      } else {
        ++automated;
        if (control.check_from.empty()) {
          rules << "automated from its check text\n  check: " << controls::describe(*control.check) << '\n';
          if (!control.synthesis_note.empty()) rules << "  note: " << control.synthesis_note << '\n';
        } else {
          ++borrowed;
          rules << "automated with the check of catalog control " << control.check_from
                << "\n  check: " << controls::describe(*control.check) << '\n';
        }
        for (const auto& value : control.values) {
          rules << "  site value " << value.id << " (" << controls::to_string(value.type) << "), default "
                << value.default_value.text << '\n';
        }
      }
      for (const auto condition : control.not_applicable_when) {
        rules << "  not applicable where the site declares " << controls::to_string(condition) << ": "
              << controls::describe(condition) << '\n';
      }
      for (const auto& note : control.join_notes) {
        if (note.rfind("checked by catalog control", 0) == 0) continue;  // said above
        rules << "  " << note << '\n';
      }
    }
    const auto total = benchmark.rules.size();
    out << benchmark.title << " (" << benchmark.source << "): " << total << " rules, " << automated << " automated ("
        << std::fixed << std::setprecision(1) << (total == 0 ? 0.0 : 100.0 * automated / static_cast<double>(total))
        << "%";
    if (borrowed > 0) out << ", " << borrowed << " of them with a catalog control's check";
    out << "), " << total - static_cast<std::size_t>(automated) << " manual\n" << rules.str() << '\n';
  }
  return out.str();
}

}  // namespace scapc::cli
