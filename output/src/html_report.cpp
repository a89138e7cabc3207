// The HTML report of a check run: the run's header, an overview of the hosts, a section per host
// (counts, severity × result, scores, a summary per benchmark profile) and the rule table
// (html_rules.cpp). One self-contained document: its Content-Security-Policy allows no fetch of
// any kind and only its own script and style, named by hash.
#include <scapc/organization.h>
#include <scapc/report.h>

#include <algorithm>
#include <map>

#include "html_parts.h"

namespace scapc::output {
namespace {

using html::element;
using html::escape;
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

// Earliest start to latest end over the hosts (ISO times compare as text).
std::string evaluation_time(const Assessment& run) {
  if (run.results->empty()) return {};
  std::string start = run.results->front().start_time;
  std::string end = run.results->front().end_time;
  for (const auto& result : *run.results) {
    start = std::min(start, result.start_time);
    end = std::max(end, result.end_time);
  }
  return start == end ? start : start + " – " + end;
}

void header(const Assessment& run, std::string& out) {
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
  meta_row(out, "Evaluated", escape(evaluation_time(run)));
  meta_row(out, "Hosts", std::to_string(run.hosts->size()));
  if (!run.user.empty()) meta_row(out, "Run by", escape(run.user));
  meta_row(out, "Report by", "scapc " + escape(SCAPC_VERSION));
  out += "</dl>\n</header>\n";
}

void navigation(const Assessment& run, bool organization, std::string& out) {
  const auto labels = host_labels(*run.hosts);
  out += "<nav><ul>\n<li><a href=\"#scoreboard\">Scoreboard</a></li>\n<li><a href=\"#hosts\">Hosts</a></li>\n";
  if (organization) out += "<li><a href=\"#organization\">Organisation-wide findings</a></li>\n";
  if (run.previous != nullptr) out += "<li><a href=\"#drift\">Changes since the previous assessment</a></li>\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out += "<li><a href=\"#host-" + std::to_string(i) + "\">" + escape(labels[i]) + "</a></li>\n";
  }
  out += "<li><a href=\"#results\">Rules</a></li>\n</ul></nav>\n";
}

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

void hosts_overview(const Assessment& run, const std::vector<RuleResult>& columns, std::string& out) {
  const auto labels = host_labels(*run.hosts);
  out += "<section id=\"hosts\">\n<h2>Hosts</h2>\n<table id=\"overview\">\n<thead><tr><th scope=\"col\">Host</th>" +
         result_headers(columns) +
         "<th class=\"n\" scope=\"col\">total</th><th class=\"n\" scope=\"col\">CAT I open</th>"
         "<th class=\"n\" scope=\"col\">CAT II open</th><th class=\"n\" scope=\"col\">CAT III open</th>"
         "<th class=\"n\" scope=\"col\">score</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto& result = (*run.results)[i];
    const auto* score = html::default_score(result);
    std::map<std::string, int> open;
    int unreviewed = 0;
    for (const auto& rule : result.rules) {
      if (html::is_open(rule.result)) ++open[html::category_of_severity(rule.severity)];
      if (html::is_unreviewed(rule.result)) ++unreviewed;
    }
    out += "<tr><th scope=\"row\"><a href=\"#host-" + std::to_string(i) + "\">" + escape(labels[i]) + "</a></th>" +
           counts_cells(counts_of(result), columns);
    for (const auto* category : {"I", "II", "III"}) {
      const int count = open[category];
      out += "<td class=\"n" + std::string(count == 0 ? " zero" : " open") + "\">" + std::to_string(count) + "</td>";
    }
    // A score never stands alone: what was not reviewed is beside it.
    out += "<td class=\"n\">" + (score == nullptr ? std::string("–") : html::score_text(score->value)) +
           " <span class=\"muted\">(" + std::to_string(unreviewed) + " not reviewed)</span></td></tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + escape(item);
  return out;
}

// Each organisation-wide finding once, with the hosts it was seen on.
void organization_section(const std::vector<OrganizationFinding>& findings, std::string& out) {
  out +=
      "<section id=\"organization\">\n<h2>Organisation-wide findings</h2>\n<p class=\"muted\">Rules whose "
      "checks read only the organisation's objects (send connectors, organisation and transport configuration, "
      "domains, anti-spam configuration): the same on every server that saw the same, listed once.</p>\n"
      "<table id=\"organization-findings\">\n<thead><tr><th scope=\"col\">Result</th><th scope=\"col\">"
      "Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Hosts</th></tr></thead>\n<tbody>\n";
  for (const auto& finding : findings) {
    out += "<tr data-result=\"" + escape(finding.result) + "\"><td><span class=\"r r-" + escape(finding.result) +
           "\">" + escape(finding.result) + "</span></td>" + element("td", finding.severity) + "<td>" +
           (finding.version.empty() ? "" : element("span", finding.version, "class=\"ver\"") + "<br>") +
           element("code", finding.rule_id, "class=\"rid\"") + "<details><summary class=\"ttl\">" +
           escape(finding.title.empty() ? finding.rule_id : finding.title) +
           "</summary>\n<div class=\"detail\"><h4>Evidence</h4>\n<ul>\n";
    for (const auto& message : finding.evidence) out += element("li", message) + "\n";
    out += "</ul></div></details></td><td>" + std::to_string(finding.hosts.size()) + ": " + joined(finding.hosts) +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";
}

// Every waived rule-result, so that accepted risks are read apart from what the checks found.
void waivers_section(const Assessment& run, std::string& out) {
  const auto labels = host_labels(*run.hosts);
  std::string rows;
  int count = 0;
  for (std::size_t host = 0; host < run.results->size(); ++host) {
    for (const auto& outcome : (*run.results)[host].rules) {
      if (!outcome.waiver) continue;
      const auto& waiver = *outcome.waiver;
      ++count;
      rows += "<tr>" + element("td", labels[host]) + "<td>" +
              (outcome.version.empty() ? "" : element("span", outcome.version, "class=\"ver\"") + "<br>") +
              element("code", outcome.rule_id, "class=\"rid\"") + "</td><td><span class=\"r r-" +
              check::to_string(waiver.evaluated) + "\">" + check::to_string(waiver.evaluated) +
              "</span> → <span class=\"r r-" + check::to_string(outcome.result) + "\">" +
              check::to_string(outcome.result) + "</span></td>" + element("td", waiver.approved_by) +
              element("td", waiver.approved) + element("td", waiver.expires) + element("td", waiver.justification) +
              "</tr>\n";
    }
  }
  if (count == 0) return;
  out += "<section id=\"waivers\">\n<h2>Waivers</h2>\n<p class=\"muted\">" + std::to_string(count) +
         " rule-results report what a waiver says instead of what the check found; the XCCDF results keep both "
         "(override).</p>\n<table id=\"waived\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Rule</th>"
         "<th scope=\"col\">Evaluated → reported</th><th scope=\"col\">Approved by</th><th scope=\"col\">"
         "Approved</th><th scope=\"col\">Expires</th><th scope=\"col\">Justification</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n</section>\n";
}

void host_identity(const Assessment& run, std::size_t index, std::string& out) {
  const auto& host = (*run.hosts)[index];
  const auto& result = (*run.results)[index];
  out += "<dl class=\"meta\">\n";
  meta_row(out, "Host name", escape(host.host_name));
  if (!host.fqdn.empty()) meta_row(out, "FQDN", escape(host.fqdn));
  if (!host.ip_addresses.empty()) meta_row(out, "IP addresses", joined(host.ip_addresses));
  if (!host.mac_addresses.empty()) meta_row(out, "MAC addresses", joined(host.mac_addresses));
  meta_row(out, "Data", code(host.source));
  meta_row(out, "TestResult", code(test_result_id(run, index)));
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

void host_counts(const Assessment& run, std::size_t index, const std::vector<RuleResult>& columns, std::string& out) {
  const auto id = std::to_string(index);
  const auto counts = counts_of((*run.results)[index]);
  out += "<h3>Results</h3>\n<table id=\"counts-" + id + "\">\n<thead><tr><td></td>" + result_headers(columns) +
         "<th class=\"n\" scope=\"col\">total</th></tr></thead>\n<tbody><tr><th scope=\"row\">rule-results</th>" +
         counts_cells(counts, columns) + "</tr></tbody>\n</table>\n";
  const auto not_selected = counts.find(RuleResult::NotSelected);
  if (not_selected != counts.end()) {
    out += "<p class=\"muted\" id=\"notselected-" + id + "\">" + std::to_string(not_selected->second) +
           " rule-results not selected in this run (hidden in the rule table unless asked for).</p>\n";
  }
}

void host_severities(const Assessment& run, std::size_t index, const std::vector<RuleResult>& columns,
                     std::string& out) {
  std::map<std::pair<int, std::string>, std::map<RuleResult, int>> by_severity;
  for (const auto& rule : (*run.results)[index].rules) {
    if (rule.result == RuleResult::NotSelected) continue;
    ++by_severity[{html::severity_rank(rule.severity), rule.severity}][rule.result];
  }
  out += "<h3>By severity</h3>\n<table id=\"severity-" + std::to_string(index) +
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

void host_scores(const Assessment& run, std::size_t index, std::string& out) {
  const auto& scores = (*run.results)[index].scores;
  if (scores.empty()) return;
  out += "<h3>Scores</h3>\n<table id=\"scores-" + std::to_string(index) +
         "\">\n<thead><tr><th scope=\"col\">model</th><th class=\"n\" scope=\"col\">score</th>"
         "<th class=\"n\" scope=\"col\">maximum</th><td></td></tr></thead>\n<tbody>\n";
  for (const auto& score : scores) {
    out += "<tr>" + element("th", model_name(score.system), "scope=\"row\" title=\"" + escape(score.system) + "\"") +
           "<td class=\"n\">" + html::score_text(score.value) + "</td><td class=\"n\">" + decimal(score.maximum) +
           "</td><td>";
    if (score.maximum > 0) {
      out += "<meter min=\"0\" max=\"" + decimal(score.maximum) + "\" value=\"" + decimal(score.value) + "\"></meter>";
    }
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void host_profiles(const Assessment& run, const html::Model& model, std::size_t index,
                   const std::vector<RuleResult>& columns, std::string& out) {
  if (model.profiles.empty()) return;
  const auto results = html::results_by_rule((*run.results)[index]);
  out +=
      "<h3>By profile</h3>\n<p class=\"muted\">What each profile of the benchmark would report from these "
      "results: its selection and weights over the rules this run evaluated. Results are this run's "
      "(its checks and values).</p>\n<table id=\"profiles-" +
      std::to_string(index) + "\">\n<thead><tr><th scope=\"col\">profile</th><th class=\"n\" scope=\"col\">rules</th>" +
      result_headers(columns) +
      "<th class=\"n\" scope=\"col\">score</th><th class=\"n\" scope=\"col\">not evaluated</th></tr></thead>\n"
      "<tbody>\n";
  for (const auto& profile : model.profiles) {
    const bool this_run = profile.profile->id == run.evaluation->profile_id;
    out += "<tr data-profile=\"" + escape(profile.profile->id) + "\"><th scope=\"row\">" +
           escape(profile.profile->title) + (this_run ? " <em>(this run)</em>" : "") + "<br>" +
           element("code", profile.profile->id, "class=\"rid\"") + "</th>";
    if (!profile.error.empty()) {
      out += "<td colspan=\"" + std::to_string(columns.size() + 3) + "\">" + escape(profile.error) + "</td></tr>\n";
      continue;
    }
    const auto summary = html::summarize(run.content->benchmark, profile, results);
    out += "<td class=\"n\">" + std::to_string(summary.rules) + "</td>";
    for (const auto result : columns) {
      const auto found = summary.counts.find(result);
      out += count_cell(found == summary.counts.end() ? 0 : found->second, result);
    }
    out += "<td class=\"n score\">" + (summary.score ? html::score_text(*summary.score) : std::string("–")) +
           "</td><td class=\"n left-out\">" + std::to_string(summary.left_out) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void host_section(const Assessment& run, const html::Model& model, std::size_t index,
                  const std::vector<RuleResult>& columns, std::string& out) {
  const auto label = label_of(run, index);
  out += "<section id=\"host-" + std::to_string(index) + "\" class=\"host\">\n" + element("h2", "Host " + label) + "\n";
  host_identity(run, index, out);
  host_counts(run, index, columns, out);
  host_severities(run, index, columns, out);
  host_scores(run, index, out);
  host_profiles(run, model, index, columns, out);
  out += "</section>\n";
}

}  // namespace

std::string html_report(const Assessment& run) {
  const auto model = html::build_model(*run.content);
  const auto columns = html::result_columns(run);
  std::string body;
  const auto findings = organization_findings(run);
  header(run, body);
  navigation(run, !findings.empty(), body);
  body += "<main>\n";
  html::scoreboard(run, model, body);
  hosts_overview(run, columns, body);
  if (!findings.empty()) organization_section(findings, body);
  html::drift_section(run, body);
  waivers_section(run, body);
  for (std::size_t i = 0; i < run.hosts->size(); ++i) host_section(run, model, i, columns, body);
  html::rule_table(run, model, body);
  body += "</main>\n<footer><p class=\"muted\">Generated by scapc " + escape(SCAPC_VERSION) + ".</p></footer>\n";

  const auto& benchmark = run.content->benchmark;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-" +
      html::sha256_base64(html::kScript) + "'; style-src 'sha256-" + html::sha256_base64(html::kStyle) +
      "'; base-uri 'none'; form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"scapc " SCAPC_VERSION "\">\n" +
      element("title", "scapc report: " + (benchmark.title.empty() ? benchmark.id : benchmark.title)) + "\n<style>" +
      std::string(html::kStyle) + "</style>\n</head>\n<body>\n" + body + "<script>" + std::string(html::kScript) +
      "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace scapc::output
