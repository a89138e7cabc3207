// scapc diff of two assessments (XCCDF results, ARF, CKL or CKLB): per host, the rules whose verdict
// changed, so that a team sees regressions at a glance (docs/assessor-workflow.md).
#include "drift_diff.h"

#include <scapc/drift.h>
#include <scapc/input.h>
#include <scapc/output_files.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "diagnostics.h"

namespace scapc::cli {
namespace {

bool read_assessment(const std::string& path, std::vector<output::HostVerdicts>& out) {
  std::string error;
  if (output::read_verdicts(path, out, error)) return true;
  print_error(error);
  return false;
}

}  // namespace

bool read_previous(const std::vector<std::string>& files, std::vector<output::HostVerdicts>& out, std::string& source) {
  for (const auto& file : files) {
    if (!read_assessment(file, out)) return false;
    source += (source.empty() ? "" : ", ") + file;
  }
  return true;
}

bool is_assessment(const std::string& text) {
  return input::starts_like_json(text) || text.find("<CHECKLIST") != std::string::npos ||
         text.find("TestResult") != std::string::npos;
}

int diff_assessments(const std::string& before_path, const std::string& after_path, const std::string& json_path) {
  std::vector<output::HostVerdicts> before;
  std::vector<output::HostVerdicts> after;
  if (!read_assessment(before_path, before) || !read_assessment(after_path, after)) return 1;
  nlohmann::json hosts = nlohmann::json::array();
  bool differ = false;
  const auto line = [](const std::string& text) { std::cout << input::printable(text) << '\n'; };
  line("old: " + before_path);
  line("new: " + after_path);
  for (const auto& host : after) {
    const auto* earlier = output::find_host(before, host.host);
    nlohmann::json entry = {{"host", host.host}, {"in", earlier == nullptr ? "new" : "both"}};
    entry["changed"] = nlohmann::json::array();
    if (earlier == nullptr) {
      differ = true;
      line("host " + host.host + ": only in the new assessment");
      hosts.push_back(std::move(entry));
      continue;
    }
    std::vector<std::string> lines;
    for (const auto& change : output::verdict_changes(*earlier, host)) {
      const auto& verdict = change.verdict;
      entry["changed"].push_back({{"rule", verdict.rule},
                                  {"vulnId", verdict.vuln},
                                  {"ruleVersion", verdict.version},
                                  {"from", change.from},
                                  {"to", change.to},
                                  {"change", change.change}});
      lines.push_back("  " + (verdict.vuln.empty() ? change.key : verdict.vuln) +
                      (verdict.version.empty() ? "" : " " + verdict.version) + ": " + change.from + " -> " + change.to +
                      " (" + change.change + ")");
    }
    differ = differ || !lines.empty();
    line("host " + host.host + ": " + std::to_string(lines.size()) + " changed");
    for (const auto& text : lines) line(text);
    hosts.push_back(std::move(entry));
  }
  for (const auto& host : before) {
    if (output::find_host(after, host.host) != nullptr) continue;
    differ = true;
    line("host " + host.host + ": only in the old assessment");
    hosts.push_back({{"host", host.host}, {"in", "old"}, {"changed", nlohmann::json::array()}});
  }
  if (!json_path.empty()) {
    const nlohmann::json document = {
        {"old", {{"file", before_path}}}, {"new", {{"file", after_path}}}, {"hosts", hosts}};
    output::OutputFiles outputs;
    outputs.add(json_path, document.dump(2) + "\n");
    std::string error;
    if (!outputs.commit(error)) {
      print_error(error);
      return 1;
    }
  }
  return differ ? 2 : 0;
}

}  // namespace scapc::cli
