#include <scapc/organization.h>

#include <algorithm>
#include <map>

namespace scapc::output {
namespace {

void collect_titles(const std::vector<xccdf::loaded::Item>& items, std::map<std::string, std::string>& out) {
  for (const auto& item : items) {
    if (item.kind == xccdf::loaded::Item::Kind::Rule) out[item.id] = item.title;
    collect_titles(item.children, out);
  }
}

bool is_finding(xccdf::RuleResult result) {
  return result == xccdf::RuleResult::Fail || result == xccdf::RuleResult::Error ||
         result == xccdf::RuleResult::Unknown;
}

}  // namespace

std::vector<OrganizationFinding> organization_findings(const Assessment& run, std::size_t index) {
  std::vector<OrganizationFinding> out;
  std::map<std::string, std::string> titles;
  const auto label = label_of(run, index);
  for (const auto& rule : (*run.results)[index].rules) {
    if (!rule.organization_wide || !is_finding(rule.result)) continue;
    if (titles.empty()) collect_titles(run.content->benchmark.items, titles);
    const auto title = titles.find(rule.rule_id);
    out.push_back({rule.rule_id,
                   rule.version,
                   title == titles.end() ? std::string() : title->second,
                   rule.severity,
                   check::to_string(rule.result),
                   rule.messages,
                   {label}});
  }
  return out;
}

bool same_finding(const OrganizationFinding& a, const OrganizationFinding& b) {
  return a.rule_id == b.rule_id && a.result == b.result && a.evidence == b.evidence;
}

void merge_findings(std::vector<OrganizationFinding>& into, std::vector<OrganizationFinding> host) {
  for (auto& finding : host) {
    const auto same = std::find_if(into.begin(), into.end(),
                                   [&](const OrganizationFinding& known) { return same_finding(known, finding); });
    if (same == into.end()) {
      into.push_back(std::move(finding));
    } else {
      same->hosts.insert(same->hosts.end(), finding.hosts.begin(), finding.hosts.end());
    }
  }
}

std::vector<OrganizationFinding> organization_findings(const Assessment& run) {
  std::vector<OrganizationFinding> out;
  for (std::size_t i = 0; i < run.results->size(); ++i) merge_findings(out, organization_findings(run, i));
  return out;
}

}  // namespace scapc::output
