// Identifier schemes of the emitted content, in one place.
#pragma once

#include <scapc/controls.h>

#include <cctype>
#include <string>

namespace scapc::compiler::detail {

// Lower-case letters, digits and single '_' ("Best Practice" -> "best_practice").
inline std::string slug(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "x" : out;
}

// Characters an NCName may hold after its first; others become '_' ("EMG3-015 EMail").
inline std::string ncname_part(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool allowed = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
    out += allowed ? c : '_';
  }
  return out;
}

// DISA's namespace: rules and groups made from a STIG keep DISA's ids under it, as DISA's own SCAP
// benchmarks name them, so that STIG Manager and SAF file their results under the STIG.
inline constexpr const char* kDisaNamespace = "mil.disa.stig";

struct XccdfIds {
  std::string ns;
  [[nodiscard]] std::string benchmark(const std::string& name) const { return "xccdf_" + ns + "_benchmark_" + name; }
  [[nodiscard]] std::string rule(const std::string& control_id) const {
    return "xccdf_" + ns + "_rule_" + ncname_part(control_id);
  }
  // A rule made from a STIG is DISA's rule (xccdf_mil.disa.stig_rule_SV-…_rule); a catalog
  // control is the project's, named by its id.
  [[nodiscard]] std::string rule(const controls::Control& control) const {
    if (control.from_stig && !control.stig_rules.front().rule_id.empty()) {
      return std::string("xccdf_") + kDisaNamespace + "_rule_" + ncname_part(control.stig_rules.front().rule_id);
    }
    return rule(control.id);
  }
  [[nodiscard]] std::string group(const std::string& category) const {
    return "xccdf_" + ns + "_group_" + slug(category);
  }
  // STIG rules are grouped by V-ID, as DISA groups them.
  [[nodiscard]] static std::string stig_group(const std::string& vuln_id) {
    return std::string("xccdf_") + kDisaNamespace + "_group_" + ncname_part(vuln_id);
  }
  [[nodiscard]] static std::string stig_benchmark(const std::string& stig_id) {
    return std::string("xccdf_") + kDisaNamespace + "_benchmark_" + ncname_part(stig_id);
  }
  [[nodiscard]] std::string value(const std::string& value_id) const { return "xccdf_" + ns + "_value_" + value_id; }
  [[nodiscard]] std::string profile(const std::string& name) const { return "xccdf_" + ns + "_profile_" + name; }
};

// oval:<ns>:<kind>:<n> and ocil:<ns>:<kind>:<n>, numbered in the order things are created.
class Counter {
 public:
  Counter(std::string scheme, std::string ns, std::string kind)
      : prefix_(std::move(scheme) + ":" + std::move(ns) + ":" + std::move(kind) + ":") {}
  std::string next() { return prefix_ + std::to_string(++count_); }

 private:
  std::string prefix_;
  int count_ = 0;
};

}  // namespace scapc::compiler::detail
