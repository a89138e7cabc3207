// The JSON summary for pipelines (docs/json-summary.md): per host, the scores, the counts and every
// selected rule with its result, severity and evidence. Keys and their order are stable.
#include <scapc/json_summary.h>
#include <scapc/organization.h>

#include <map>
#include <nlohmann/json.hpp>

namespace scapc::output {
namespace {

using Json = nlohmann::ordered_json;

void index_titles(const std::vector<xccdf::loaded::Item>& items, std::map<std::string, std::string>& out) {
  for (const auto& item : items) {
    out[item.id] = item.title;
    index_titles(item.children, out);
  }
}

Json host_json(const Assessment& run, std::size_t index, const std::map<std::string, std::string>& titles) {
  const auto& host = (*run.hosts)[index];
  const auto& result = (*run.results)[index];
  Json out;
  out["host"] = {{"hostName", host.host_name},
                 {"fqdn", host.fqdn},
                 {"ipAddresses", host.ip_addresses},
                 {"macAddresses", host.mac_addresses}};
  out["source"] = host.source;
  out["testResult"] = test_result_id(run, index);
  out["startTime"] = result.start_time;
  out["endTime"] = result.end_time;
  out["scores"] = Json::array();
  for (const auto& score : result.scores) {
    out["scores"].push_back({{"system", score.system}, {"value", score.value}, {"maximum", score.maximum}});
  }
  Json counts = Json::object();
  for (const auto* word :
       {"pass", "fail", "error", "unknown", "notapplicable", "notchecked", "informational", "fixed"}) {
    counts[word] = 0;
  }
  out["rules"] = Json::array();
  int waived = 0;   // counted apart: the counts hold the results the waivers set
  int carried = 0;  // earlier answers: carried into the result, or only shown beside it
  int shown = 0;
  for (const auto& rule : result.rules) {
    if (rule.result == xccdf::RuleResult::NotSelected) continue;
    const std::string word = check::to_string(rule.result);
    counts[word] = counts[word].get<int>() + 1;
    const auto title = titles.find(rule.rule_id);
    Json entry = {{"id", rule.rule_id},
                  {"version", rule.version},
                  {"title", title == titles.end() ? std::string() : title->second},
                  {"severity", rule.severity},
                  {"weight", rule.weight},
                  {"result", word},
                  {"evidence", rule.messages}};
    if (!rule.checks.empty())
      entry["check"] = {{"system", rule.checks.front().system},
                        {"href", rule.checks.front().href},
                        {"name", rule.checks.front().name}};
    if (rule.organization_wide) entry["scope"] = "organization";
    if (rule.waiver) {
      ++waived;
      const auto& waiver = *rule.waiver;
      entry["waiver"] = {{"evaluated", check::to_string(waiver.evaluated)},
                         {"rule", waiver.rule},
                         {"justification", waiver.justification},
                         {"approvedBy", waiver.approved_by},
                         {"approved", waiver.approved},
                         {"expires", waiver.expires}};
      if (!waiver.severity.empty()) entry["waiver"]["severity"] = waiver.severity;
    }
    if (rule.answer) {
      const auto& answer = *rule.answer;
      answer.carried ? ++carried : ++shown;
      entry["answer"] = {{"carried", answer.carried},
                         {"source", answer.source},
                         {"release", answer.release},
                         {"status", answer.status},
                         {"findingDetails", answer.finding_details},
                         {"comments", answer.comments}};
      if (!answer.note.empty()) entry["answer"]["note"] = answer.note;
    }
    out["rules"].push_back(std::move(entry));
  }
  out["counts"] = counts;
  out["waived"] = waived;
  out["answersCarried"] = carried;
  out["answersNotCarried"] = shown;
  return out;
}

Json summary_head(const Assessment& run) {
  const auto& benchmark = run.content->benchmark;
  Json out;
  out["scapcSummary"] = 1;
  out["tool"] = {{"name", "scapc"}, {"version", SCAPC_VERSION}};
  out["content"] = run.content->path;
  out["benchmark"] = {{"id", benchmark.id}, {"version", benchmark.version}, {"title", benchmark.title}};
  out["profile"] = nullptr;
  for (const auto& profile : benchmark.profiles) {
    if (profile.id == run.evaluation->profile_id) out["profile"] = {{"id", profile.id}, {"title", profile.title}};
  }
  if (run.tailoring != nullptr) {
    for (const auto& profile : run.tailoring->profiles) {
      if (profile.id == run.evaluation->profile_id) out["profile"] = {{"id", profile.id}, {"title", profile.title}};
    }
  }
  out["hosts"] = Json::array();
  return out;
}

Json organization_json(const std::vector<OrganizationFinding>& findings) {
  Json out = Json::array();
  for (const auto& finding : findings) {
    out.push_back({{"id", finding.rule_id},
                   {"version", finding.version},
                   {"title", finding.title},
                   {"severity", finding.severity},
                   {"result", finding.result},
                   {"evidence", finding.evidence},
                   {"hosts", finding.hosts}});
  }
  return out;
}

// A string no input can hold: U+0001 is read as U+FFFD from JSON and cannot be in XML. nlohmann
// writes it "\u0001scapc-split", and it is looked for only where the hosts array starts.
constexpr const char* kSummarySplit = "\x01scapc-split";

// The document with one marker for the hosts, cut around it: nlohmann indents a nested value by its
// depth and escapes newlines inside strings, so a host dumped alone and indented by two levels is
// the text the whole document holds for it.
JsonSummaryFrame frame(const Assessment& run, const std::vector<OrganizationFinding>& findings) {
  auto out = summary_head(run);
  out["hosts"].push_back(kSummarySplit);
  out["organization"] = organization_json(findings);
  const auto text = out.dump(2) + "\n";
  const std::string marker = nlohmann::json(kSummarySplit).dump();
  const auto at = text.find("\"hosts\": [\n    " + marker);
  const auto start = text.find(marker, at);
  const auto line = text.rfind('\n', start) + 1;
  return {text.substr(0, line), text.substr(start + marker.size())};
}

}  // namespace

std::string json_summary(const Assessment& run) {
  std::map<std::string, std::string> titles;
  index_titles(run.content->benchmark.items, titles);
  auto out = summary_head(run);
  for (std::size_t i = 0; i < run.hosts->size(); ++i) out["hosts"].push_back(host_json(run, i, titles));
  out["organization"] = organization_json(organization_findings(run));
  return out.dump(2) + "\n";
}

JsonSummaryFrame json_summary_frame(const Assessment& run) {
  return frame(run, {});
}

std::string json_summary_tail(const Assessment& run, const std::vector<OrganizationFinding>& findings) {
  return frame(run, findings).tail;
}

std::string json_summary_host(const Assessment& run, std::size_t index) {
  std::map<std::string, std::string> titles;
  index_titles(run.content->benchmark.items, titles);
  const auto text = host_json(run, index, titles).dump(2);
  std::string out = "    ";
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

}  // namespace scapc::output
