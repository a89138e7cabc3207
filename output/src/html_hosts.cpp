// The report's parts about the run and its hosts: the header, the navigation, the hosts overview,
// the organisation-wide findings, the waivers, and a section per host (counts, severity × result,
// scores, a summary per benchmark profile). Per-host parts are rendered as each host is added.
#include <algorithm>
#include <map>

#include "html_parts.h"

namespace scapc::output::html {
namespace {

using xccdf::RuleResult;

std::string code(std::string_view text) {
  return element("code", text);
}

void meta_row(std::string& out, std::string_view term, const std::string& definition_markup) {
  out += element("dt", term) + "<dd>" + definition_markup + "</dd>\n";
}

// The profile's title (the tailoring's first, as the evaluation looks it up there first).
std::string profile_title(const Assessment& run) {
  const auto& id = run.evaluation->profile_id;
  if (run.tailoring != nullptr) {
    for (const auto& profile : run.tailoring->profiles) {
      if (profile.id == id) return profile.title;
    }
  }
  for (const auto& profile : run.content->benchmark.profiles) {
    if (profile.id == id) return profile.title;
  }
  return {};
}

}  // namespace

void header(const Assessment& run, std::size_t hosts, const std::string& evaluated, std::string& out) {
  const auto& benchmark = run.content->benchmark;
  out += "<header>\n" + element("h1", benchmark.title.empty() ? benchmark.id : benchmark.title) + "\n";
  out += "<dl class=\"meta\">\n";
  meta_row(out, "Benchmark",
           code(benchmark.id) + (benchmark.version.empty() ? "" : ", version " + escape(benchmark.version)));
  for (const auto& stig : benchmark.stigs) {
    meta_row(out, "STIG",
             escape(stig.title) + ", version " + escape(stig.version) +
                 (stig.release_info.empty() ? "" : ", " + escape(stig.release_info)) + " " + code(stig.id));
  }
  if (benchmark.stigs.empty() && !benchmark.release_info.empty()) {
    meta_row(out, "Release", escape(benchmark.release_info));
  }
  const auto& profile = run.evaluation->profile_id;
  meta_row(out, "Profile",
           profile.empty() ? std::string("none (the benchmark's own selection)")
                           : escape(profile_title(run)) + " " + code(profile));
  if (run.tailoring != nullptr || !run.tailoring_path.empty()) {
    std::string tailoring = code(run.tailoring_path);
    if (run.tailoring != nullptr) {
      tailoring += " " + code(run.tailoring->id);
      if (!run.tailoring->version.empty()) tailoring += ", version " + escape(run.tailoring->version);
    }
    meta_row(out, "Tailoring", tailoring);
  }
  meta_row(out, "Content", code(run.content->path));
  meta_row(out, "Evaluated", escape(evaluated));
  meta_row(out, "Hosts", std::to_string(hosts));
  if (!run.user.empty()) meta_row(out, "Run by", escape(run.user));
  meta_row(out, "Report by", "scapc " + escape(SCAPC_VERSION));
  out += "</dl>\n</header>\n";
}

void navigation(const Assessment& run, const std::vector<std::string>& labels, bool organization, std::string& out) {
  out += "<nav><ul>\n<li><a href=\"#scoreboard\">Scoreboard</a></li>\n<li><a href=\"#hosts\">Hosts</a></li>\n";
  if (organization) out += "<li><a href=\"#organization\">Organisation-wide findings</a></li>\n";
  if (run.previous != nullptr) out += "<li><a href=\"#drift\">Changes since the previous assessment</a></li>\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out += "<li><a href=\"#host-" + std::to_string(i) + "\">" + escape(labels[i]) + "</a></li>\n";
  }
  out += "<li><a href=\"#results\">Rules</a></li>\n</ul></nav>\n";
}

namespace {

std::string count_cell(int count, RuleResult result) {
  return std::string("<td class=\"n") + (count == 0 ? " zero" : "") + "\" data-result=\"" + check::to_string(result) +
         "\">" + std::to_string(count) + "</td>";
}

std::string result_headers(const std::vector<RuleResult>& columns) {
  std::string out;
  for (const auto result : columns) out += element("th", check::to_string(result), "class=\"n\" scope=\"col\"");
  return out;
}

// One host's rule-results counted by result (notselected included, the tables leave it out).
std::map<RuleResult, int> counts_of(const check::HostResult& result) {
  std::map<RuleResult, int> counts;
  for (const auto& rule : result.rules) ++counts[rule.result];
  return counts;
}

std::string counts_cells(const std::map<RuleResult, int>& counts, const std::vector<RuleResult>& columns) {
  std::string out;
  int total = 0;
  for (const auto result : columns) {
    const auto found = counts.find(result);
    const int count = found == counts.end() ? 0 : found->second;
    total += count;
    out += count_cell(count, result);
  }
  return out + "<td class=\"n total\">" + std::to_string(total) + "</td>";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + escape(item);
  return out;
}

}  // namespace

std::string overview_head(const std::vector<RuleResult>& columns) {
  return "<section id=\"hosts\">\n<h2>Hosts</h2>\n<table id=\"overview\">\n<thead><tr><th scope=\"col\">Host</th>" +
         result_headers(columns) +
         "<th class=\"n\" scope=\"col\">total</th><th class=\"n\" scope=\"col\">CAT I open</th>"
         "<th class=\"n\" scope=\"col\">CAT II open</th><th class=\"n\" scope=\"col\">CAT III open</th>"
         "<th class=\"n\" scope=\"col\">score</th></tr></thead>\n<tbody>\n";
}

std::string overview_row(const HostView& host, const std::vector<RuleResult>& columns) {
  const auto& result = *host.result;
  const auto* score = default_score(result);
  std::map<std::string, int> open;
  int unreviewed = 0;
  for (const auto& rule : result.rules) {
    if (is_open(rule.result)) ++open[category_of_severity(rule.severity)];
    if (is_unreviewed(rule.result)) ++unreviewed;
  }
  const auto id = std::to_string(host.index);
  std::string out = "<tr><th scope=\"row\"><a href=\"#host-" + id + "\">" + escape(host.label) + "</a></th>" +
                    counts_cells(counts_of(result), columns);
  for (const auto* category : {"I", "II", "III"}) {
    const int count = open[category];
    out += "<td class=\"n" + std::string(count == 0 ? " zero" : " open") + "\">" + std::to_string(count) + "</td>";
  }
  // A score never stands alone: what was not reviewed is beside it.
  return out + "<td class=\"n\">" + (score == nullptr ? std::string("–") : score_text(score->value)) +
         " <span class=\"muted\">(" + std::to_string(unreviewed) + " not reviewed)</span></td></tr>\n";
}

std::string organization_head() {
  return "<section id=\"organization\">\n<h2>Organisation-wide findings</h2>\n<p class=\"muted\">Rules whose "
         "checks read only the organisation's objects (send connectors, organisation and transport configuration, "
         "domains, anti-spam configuration): the same on every server that saw the same, listed once.</p>\n"
         "<table id=\"organization-findings\">\n<thead><tr><th scope=\"col\">Result</th><th scope=\"col\">"
         "Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Hosts</th></tr></thead>\n<tbody>\n";
}

std::string organization_row(const OrganizationFinding& finding, std::size_t hosts) {
  std::string out = "<tr data-result=\"" + escape(finding.result) + "\"><td><span class=\"r r-" +
                    escape(finding.result) + "\">" + escape(finding.result) + "</span></td>" +
                    element("td", finding.severity) + "<td>" +
                    (finding.version.empty() ? "" : element("span", finding.version, "class=\"ver\"") + "<br>") +
                    element("code", finding.rule_id, "class=\"rid\"") + "<details><summary class=\"ttl\">" +
                    escape(finding.title.empty() ? finding.rule_id : finding.title) +
                    "</summary>\n<div class=\"detail\"><h4>Evidence</h4>\n<ul>\n";
  for (const auto& message : finding.evidence) out += element("li", message) + "\n";
  return out + "</ul></div></details></td><td>" + std::to_string(hosts) + ": ";
}

// Every waived rule-result, so that accepted risks are read apart from what the checks found.
int waiver_rows(const HostView& host, std::string& out) {
  int count = 0;
  for (const auto& outcome : host.result->rules) {
    if (!outcome.waiver) continue;
    const auto& waiver = *outcome.waiver;
    ++count;
    out += "<tr>" + element("td", host.label) + "<td>" +
           (outcome.version.empty() ? "" : element("span", outcome.version, "class=\"ver\"") + "<br>") +
           element("code", outcome.rule_id, "class=\"rid\"") + "</td><td><span class=\"r r-" +
           check::to_string(waiver.evaluated) + "\">" + check::to_string(waiver.evaluated) +
           "</span> → <span class=\"r r-" + check::to_string(outcome.result) + "\">" +
           check::to_string(outcome.result) + "</span></td>" + element("td", waiver.approved_by) +
           element("td", waiver.approved) + element("td", waiver.expires) + element("td", waiver.justification) +
           "</tr>\n";
  }
  return count;
}

std::string waivers_head(int count) {
  return "<section id=\"waivers\">\n<h2>Waivers</h2>\n<p class=\"muted\">" + std::to_string(count) +
         " rule-results report what a waiver says instead of what the check found; the XCCDF results keep both "
         "(override).</p>\n<table id=\"waived\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Rule</th>"
         "<th scope=\"col\">Evaluated → reported</th><th scope=\"col\">Approved by</th><th scope=\"col\">"
         "Approved</th><th scope=\"col\">Expires</th><th scope=\"col\">Justification</th></tr></thead>\n<tbody>\n";
}

const std::string_view kTableSectionTail = "</tbody>\n</table>\n</section>\n";

namespace {

void host_identity(const HostView& view, std::string& out) {
  const auto& host = *view.host;
  const auto& result = *view.result;
  out += "<dl class=\"meta\">\n";
  meta_row(out, "Host name", escape(host.host_name));
  if (!host.fqdn.empty()) meta_row(out, "FQDN", escape(host.fqdn));
  if (!host.ip_addresses.empty()) meta_row(out, "IP addresses", joined(host.ip_addresses));
  if (!host.mac_addresses.empty()) meta_row(out, "MAC addresses", joined(host.mac_addresses));
  meta_row(out, "Data", code(host.source));
  meta_row(out, "TestResult", code(view.test_result));
  meta_row(
      out, "Evaluated",
      escape(result.start_time == result.end_time ? result.start_time : result.start_time + " – " + result.end_time));
  out += "</dl>\n";
  if (!result.warnings.empty() || !host.failed.empty()) {
    out += "<h3>Warnings</h3>\n<ul class=\"warnings\">\n";
    for (const auto& [cmdlet, why] : host.failed) {
      out += element("li", "collecting " + cmdlet + " failed" + (why.empty() ? "" : ": " + why)) + "\n";
    }
    for (const auto& warning : result.warnings) out += element("li", warning) + "\n";
    out += "</ul>\n";
  }
}

void host_counts(const HostView& host, const std::vector<RuleResult>& columns, std::string& out) {
  const auto id = std::to_string(host.index);
  const auto counts = counts_of(*host.result);
  out += "<h3>Results</h3>\n<table id=\"counts-" + id + "\">\n<thead><tr><td></td>" + result_headers(columns) +
         "<th class=\"n\" scope=\"col\">total</th></tr></thead>\n<tbody><tr><th scope=\"row\">rule-results</th>" +
         counts_cells(counts, columns) + "</tr></tbody>\n</table>\n";
  const auto not_selected = counts.find(RuleResult::NotSelected);
  if (not_selected != counts.end()) {
    out += "<p class=\"muted\" id=\"notselected-" + id + "\">" + std::to_string(not_selected->second) +
           " rule-results not selected in this run (hidden in the rule table unless asked for).</p>\n";
  }
}

void host_severities(const HostView& host, const std::vector<RuleResult>& columns, std::string& out) {
  std::map<std::pair<int, std::string>, std::map<RuleResult, int>> by_severity;
  for (const auto& rule : host.result->rules) {
    if (rule.result == RuleResult::NotSelected) continue;
    ++by_severity[{severity_rank(rule.severity), rule.severity}][rule.result];
  }
  out += "<h3>By severity</h3>\n<table id=\"severity-" + std::to_string(host.index) +
         "\">\n<thead><tr><th scope=\"col\">severity</th>" + result_headers(columns) +
         "<th class=\"n\" scope=\"col\">total</th></tr></thead>\n<tbody>\n";
  for (const auto& [severity, counts] : by_severity) {
    out += "<tr data-severity=\"" + escape(severity.second) + "\">" + element("th", severity.second, "scope=\"row\"") +
           counts_cells(counts, columns) + "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

std::string model_name(const std::string& system) {
  constexpr std::string_view kPrefix = "urn:xccdf:scoring:";
  return system.starts_with(kPrefix) ? system.substr(kPrefix.size()) : system;
}

void host_scores(const HostView& host, std::string& out) {
  const auto& scores = host.result->scores;
  if (scores.empty()) return;
  out += "<h3>Scores</h3>\n<table id=\"scores-" + std::to_string(host.index) +
         "\">\n<thead><tr><th scope=\"col\">model</th><th class=\"n\" scope=\"col\">score</th>"
         "<th class=\"n\" scope=\"col\">maximum</th><td></td></tr></thead>\n<tbody>\n";
  for (const auto& score : scores) {
    out += "<tr>" + element("th", model_name(score.system), "scope=\"row\" title=\"" + escape(score.system) + "\"") +
           "<td class=\"n\">" + score_text(score.value) + "</td><td class=\"n\">" + decimal(score.maximum) +
           "</td><td>";
    if (score.maximum > 0) {
      out += "<meter min=\"0\" max=\"" + decimal(score.maximum) + "\" value=\"" + decimal(score.value) + "\"></meter>";
    }
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void host_profiles(const Assessment& run, const Model& model, const HostView& host,
                   const std::vector<ProfileSummary>& summaries, const std::vector<RuleResult>& columns,
                   std::string& out) {
  if (model.profiles.empty()) return;
  out +=
      "<h3>By profile</h3>\n<p class=\"muted\">What each profile of the benchmark would report from these "
      "results: its selection and weights over the rules this run evaluated. Results are this run's "
      "(its checks and values).</p>\n<table id=\"profiles-" +
      std::to_string(host.index) +
      "\">\n<thead><tr><th scope=\"col\">profile</th><th class=\"n\" scope=\"col\">rules</th>" +
      result_headers(columns) +
      "<th class=\"n\" scope=\"col\">score</th><th class=\"n\" scope=\"col\">not evaluated</th></tr></thead>\n"
      "<tbody>\n";
  for (std::size_t i = 0; i < model.profiles.size(); ++i) {
    const auto& profile = model.profiles[i];
    const bool this_run = profile.profile->id == run.evaluation->profile_id;
    out += "<tr data-profile=\"" + escape(profile.profile->id) + "\"><th scope=\"row\">" +
           escape(profile.profile->title) + (this_run ? " <em>(this run)</em>" : "") + "<br>" +
           element("code", profile.profile->id, "class=\"rid\"") + "</th>";
    if (!profile.error.empty()) {
      out += "<td colspan=\"" + std::to_string(columns.size() + 3) + "\">" + escape(profile.error) + "</td></tr>\n";
      continue;
    }
    const auto& summary = summaries[i];
    out += "<td class=\"n\">" + std::to_string(summary.rules) + "</td>";
    for (const auto result : columns) {
      const auto found = summary.counts.find(result);
      out += count_cell(found == summary.counts.end() ? 0 : found->second, result);
    }
    out += "<td class=\"n score\">" + (summary.score ? score_text(*summary.score) : std::string("–")) +
           "</td><td class=\"n left-out\">" + std::to_string(summary.left_out) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

void host_section(const Assessment& frame, const Model& model, const HostView& host,
                  const std::vector<ProfileSummary>& profiles, const std::vector<RuleResult>& columns,
                  std::string& out) {
  out += "<section id=\"host-" + std::to_string(host.index) + "\" class=\"host\">\n" +
         element("h2", "Host " + host.label) + "\n";
  host_identity(host, out);
  host_counts(host, columns, out);
  host_severities(host, columns, out);
  host_scores(host, out);
  host_profiles(frame, model, host, profiles, columns, out);
  out += "</section>\n";
}

}  // namespace scapc::output::html
