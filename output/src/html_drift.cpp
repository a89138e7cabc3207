// The report's comparison with an earlier assessment: what got worse is read first, so each host's
// changes come newly failing first, then no longer reviewed, then the rest, then what was fixed.
#include <scapc/answers.h>
#include <scapc/checklist.h>
#include <scapc/drift.h>

#include <algorithm>

#include "html_parts.h"

namespace scapc::output::html {
namespace {

int change_rank(const std::string& change) {
  static const std::vector<std::string> kOrder = {"newly failing",        "no longer reviewed", "changed",
                                                  "newly not applicable", "newly reviewed",     "fixed"};
  return static_cast<int>(std::find(kOrder.begin(), kOrder.end(), change) - kOrder.begin());
}

// A result as a checklist records it: pass, fail, notapplicable, or no review (notchecked).
std::string in_checklist_words(const std::string& word) {
  xccdf::RuleResult result = xccdf::RuleResult::NotChecked;
  const auto recorded = check::parse_result(word, result) ? result_of_ckl_status(ckl_status(result)) : "";
  return recorded.empty() ? "notchecked" : recorded;
}

std::string result_badge(const std::string& result) {
  if (result == "none") return "<span class=\"muted\">none</span>";
  return "<span class=\"r r-" + escape(result) + "\">" + escape(result) + "</span>";
}

std::string change_row(const std::string& host, const VerdictChange& change) {
  const auto& verdict = change.verdict;
  return "<tr data-change=\"" + escape(change.change) + "\">" + element("td", host) + "<td>" +
         (verdict.vuln.empty() ? "" : element("span", verdict.vuln, "class=\"vid\"") + " ") +
         (verdict.version.empty() ? "" : element("span", verdict.version, "class=\"ver\"") + "<br>") +
         element("code", verdict.rule, "class=\"rid\"") + "</td><td>" + result_badge(change.from) + " → " +
         result_badge(change.to) + "</td>" +
         element("td", change.change, change.change == "newly failing" ? "class=\"sev-high\"" : "") + "</tr>\n";
}

}  // namespace

DriftSection::DriftSection(const Assessment& frame, Spool& spool) : frame_(frame), spool_(spool) {
  if (frame.previous == nullptr) return;
  rules_ = xccdf::loaded::rules_by_id(frame.content->benchmark);
  matched_.assign(frame.previous->size(), false);
  summary_ = spool.open();
  rows_ = spool.open();
}

void DriftSection::add(const HostView& host) {
  if (frame_.previous == nullptr) return;
  // One host may have several earlier files (a checklist per STIG): their verdicts together.
  HostVerdicts earlier;
  bool found = false;
  for (std::size_t i = 0; i < frame_.previous->size(); ++i) {
    const auto& previous = (*frame_.previous)[i];
    if (!check::names_host(previous.host, *host.host)) continue;
    matched_[i] = true;
    found = true;
    earlier.checklist = earlier.checklist || previous.checklist;
    for (const auto& key : previous.order) {
      if (earlier.rules.emplace(key, previous.rules.at(key)).second) earlier.order.push_back(key);
    }
  }
  if (!found) {
    spool_.append(summary_, "<li>" + element("b", host.label) + ": not in the previous assessment</li>\n");
    return;
  }
  auto now = verdicts_of(check::host_identity(*host.host), *host.result, rules_);
  // A checklist knows four statuses: this run's verdicts are compared in its words.
  if (earlier.checklist) {
    for (auto& [key, verdict] : now.rules) {
      verdict.result = in_checklist_words(verdict.result);
    }
  }
  auto changes = verdict_changes(earlier, now);
  // A checklist holds its STIGs' rules only: the rest of the benchmark is not new.
  if (earlier.checklist) {
    std::erase_if(changes, [](const VerdictChange& change) { return change.from == "none"; });
  }
  std::stable_sort(changes.begin(), changes.end(), [](const VerdictChange& a, const VerdictChange& b) {
    return change_rank(a.change) < change_rank(b.change);
  });
  const auto failing = std::count_if(changes.begin(), changes.end(),
                                     [](const VerdictChange& change) { return change.change == "newly failing"; });
  const auto fixed = std::count_if(changes.begin(), changes.end(),
                                   [](const VerdictChange& change) { return change.change == "fixed"; });
  spool_.append(summary_, "<li>" + element("b", host.label) + ": " + std::to_string(changes.size()) + " changed, " +
                              "<span class=\"" + std::string(failing > 0 ? "sev-high" : "muted") + "\">" +
                              std::to_string(failing) + " newly failing</span>, " + std::to_string(fixed) +
                              " fixed</li>\n");
  std::string rows;
  for (const auto& change : changes) rows += change_row(host.label, change);
  any_rows_ = any_rows_ || !rows.empty();
  spool_.append(rows_, rows);
}

bool DriftSection::write(ReportSink& sink, std::string& error) {
  if (frame_.previous == nullptr) return true;
  if (!sink.write("<section id=\"drift\">\n<h2>Changes since the previous assessment</h2>\n<p class=\"muted\">"
                  "Compared with " +
                      escape(frame_.previous_source) +
                      " by host identity; rules by V-ID where they carry DISA's rule id, else by rule id.</p>\n<ul>\n",
                  error) ||
      !spool_.write(summary_, error)) {
    return false;
  }
  std::string out;
  for (std::size_t i = 0; i < frame_.previous->size(); ++i) {
    if (!matched_[i]) {
      out += "<li>" + element("b", (*frame_.previous)[i].host) + ": only in the previous assessment</li>\n";
    }
  }
  out += "</ul>\n";
  if (any_rows_) {
    out +=
        "<table id=\"drifted\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Rule</th>"
        "<th scope=\"col\">Previous → now</th><th scope=\"col\">Change</th></tr></thead>\n<tbody>\n";
    if (!sink.write(out, error) || !spool_.write(rows_, error)) return false;
    out = "</tbody>\n</table>\n";
  }
  return sink.write(out + "</section>\n", error);
}

}  // namespace scapc::output::html
