// How a rule id names DISA's rule: the part after "xccdf_<namespace>_rule_", and the V-ID.
#include <scapc/check.h>
#include <scapc/input.h>

#include <regex>

namespace scapc::check {

std::string short_rule_id(const std::string& id) {
  const auto marker = id.find("_rule_");
  return id.rfind("xccdf_", 0) == 0 && marker != std::string::npos ? id.substr(marker + 6) : id;
}

std::string vuln_id_of(const std::string& rule_id) {
  static const std::regex kRuleId(R"(SV-(\d+)r\d+)");
  std::smatch match;
  if (input::regex_safe(rule_id) && std::regex_search(rule_id, match, kRuleId)) return "V-" + match[1].str();
  return {};
}

std::string vuln_id_of(const xccdf::loaded::Item& rule) {
  if (rule.rule.stig && !rule.rule.stig->vuln_id.empty()) return rule.rule.stig->vuln_id;
  return vuln_id_of(rule.id);
}

}  // namespace scapc::check
