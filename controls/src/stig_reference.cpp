#include <scapc/input.h>
#include <scapc/pattern.h>

#include <string_view>

#include "control_reader.h"

namespace scapc::controls::detail {
namespace {

// `needle` is text every match contains: most references name no STIG, and a substring search
// rules them out faster than a pattern does.
std::string first_match(const std::string& text, std::string_view needle, const input::Pattern& pattern,
                        std::size_t group = 0) {
  if (text.find(needle) == std::string::npos || !input::regex_safe(text)) return {};
  input::Match match;
  return pattern.finds(text, match) ? match.str(group) : std::string();
}

}  // namespace

std::optional<StigReference> stig_reference_of(const Reference& reference) {
  // STIG ids look like EX19-MB-000233 or EX16-ED-000170; vulnerability ids V-259708; rule ids SV-…_rule.
  static const input::Pattern stig_id(R"(\b[A-Z][A-Z0-9]{1,7}-[A-Z0-9]{2,4}-\d{6}\b)");
  static const input::Pattern vuln_id(R"(\bV-\d{4,}\b)");
  static const input::Pattern rule_id(R"(\bSV-\d+r\d+_rule\b)");
  static const input::Pattern stigviewer_slug(R"(stigviewer\.com/stigs/([A-Za-z0-9_.-]+))");

  StigReference stig;
  stig.stig_id = first_match(reference.name, "-", stig_id);
  stig.vuln_id = first_match(reference.name, "V-", vuln_id);
  stig.rule_id = first_match(reference.name, "SV-", rule_id);
  // The same pattern: it used to be compiled again for every reference without a V-ID in its name.
  if (stig.vuln_id.empty()) stig.vuln_id = first_match(reference.url, "V-", vuln_id);
  if (stig.stig_id.empty() && stig.vuln_id.empty()) return std::nullopt;
  const bool names_stig = reference.name.find("STIG") != std::string::npos || !stig.vuln_id.empty();
  if (!names_stig) return std::nullopt;
  stig.benchmark = first_match(reference.url, "stigviewer.com/stigs/", stigviewer_slug, 1);
  stig.same_check = reference.same_check;
  return stig;
}

}  // namespace scapc::controls::detail
