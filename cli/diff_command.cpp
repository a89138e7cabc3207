// scapc diff: what a new release of a STIG changed, rule by rule (docs/assessor-workflow.md).
#include <scapc/input.h>
#include <scapc/output_files.h>
#include <scapc/stig.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog_input.h"
#include "commands.h"
#include "diagnostics.h"
#include "drift_diff.h"

namespace scapc::cli {
namespace {

struct DiffOptions {
  std::string before;
  std::string after;
  std::string json;
};

// "Release: 2 Benchmark Date: 27 Jul 2023" -> "2".
std::string release_number(const std::string& release_info) {
  constexpr std::string_view kRelease = "Release:";
  const auto at = release_info.find(kRelease);
  if (at == std::string::npos) return {};
  auto start = release_info.find_first_not_of(' ', at + kRelease.size());
  if (start == std::string::npos) return {};
  const auto end = release_info.find(' ', start);
  return release_info.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string release_name(const stig::Benchmark& benchmark) {
  std::string out = benchmark.title.empty() ? benchmark.id : benchmark.title;
  if (!benchmark.version.empty()) out += ", version " + benchmark.version;
  if (!benchmark.release_info.empty()) out += ", " + benchmark.release_info;
  return out + " (" + std::filesystem::path(benchmark.source).filename().string() + ")";
}

std::string rule_line(const controls::StigRule& rule) {
  return rule.vuln_id + " " + rule.stig_id + ": " + rule.title;
}

std::string field_text(const controls::StigRule& rule, const std::string& field) {
  if (field == "title") return rule.title;
  if (field == "check") return rule.check_text;
  if (field == "fix") return rule.fix_text;
  if (field == "severity") return rule.severity;
  if (field == "ruleVersion") return rule.stig_id;
  std::string out;
  for (const auto& cci : rule.ccis) out += (out.empty() ? "" : " ") + cci;
  return out;
}

void print_text(std::ostream& out, const stig::Benchmark& before, const stig::Benchmark& after,
                const stig::ReleaseDiff& diff) {
  // Everything printed comes from the STIGs' files: escaped as error lines are.
  const auto line = [&out](const std::string& text) { out << input::printable(text) << '\n'; };
  line("old: " + release_name(before));
  line("new: " + release_name(after));
  out << "added (" << diff.added.size() << "):\n";
  for (const auto* rule : diff.added) line("  " + rule_line(*rule));
  out << "removed (" << diff.removed.size() << "):\n";
  for (const auto* rule : diff.removed) line("  " + rule_line(*rule));
  out << "changed (" << diff.changed.size() << "):\n";
  for (const auto& change : diff.changed) {
    std::string fields;
    for (const auto& field : change.fields) fields += (fields.empty() ? "" : ", ") + field;
    line("  " + rule_line(*change.after) + " [" + fields + "]");
    for (const auto& field : change.fields) {
      const auto old_text = field_text(*change.before, field);
      const auto new_text = field_text(*change.after, field);
      if (field == "severity" || field == "ruleVersion" || field == "cci") {
        line("    " + field + ": " + old_text + " -> " + new_text);
        continue;
      }
      auto text = stig::unified_diff(old_text, new_text, "old " + field, "new " + field);
      // Only white space differs line by line: the normalised texts differ, the lines do not.
      if (text.empty()) text = "--- old " + field + "\n+++ new " + field + "\n(white space only, within lines)\n";
      std::size_t start = 0;
      while (start < text.size()) {
        const auto end = text.find('\n', start);
        line("    " + text.substr(start, end - start));
        start = end + 1;
      }
    }
  }
}

nlohmann::json release_json(const stig::Benchmark& benchmark) {
  return {{"benchmark", benchmark.id},
          {"title", benchmark.title},
          {"version", benchmark.version},
          {"release", release_number(benchmark.release_info)},
          {"releaseInfo", benchmark.release_info},
          {"file", std::filesystem::path(benchmark.source).filename().string()}};
}

nlohmann::json rule_json(const controls::StigRule& rule) {
  return {{"vulnId", rule.vuln_id}, {"ruleVersion", rule.stig_id}, {"ruleId", rule.rule_id}, {"title", rule.title}};
}

nlohmann::json to_json(const stig::Benchmark& before, const stig::Benchmark& after, const stig::ReleaseDiff& diff) {
  nlohmann::json out = {{"old", release_json(before)},
                        {"new", release_json(after)},
                        {"added", nlohmann::json::array()},
                        {"removed", nlohmann::json::array()},
                        {"changed", nlohmann::json::array()}};
  for (const auto* rule : diff.added) out["added"].push_back(rule_json(*rule));
  for (const auto* rule : diff.removed) out["removed"].push_back(rule_json(*rule));
  for (const auto& change : diff.changed) {
    auto entry = rule_json(*change.after);
    entry["fields"] = change.fields;
    out["changed"].push_back(std::move(entry));
  }
  return out;
}

int run(const DiffOptions& options) {
  std::string text;
  std::string error;
  if (!input::read_file(options.before, text, error)) {
    print_error(error);
    return 1;
  }
  if (is_assessment(text)) return diff_assessments(options.before, options.after, options.json);
  std::vector<stig::Benchmark> releases;
  if (!load_stigs_reporting({options.before, options.after}, releases)) return 1;
  const auto diff = stig::diff_releases(releases[0], releases[1]);
  if (!options.json.empty()) {
    output::OutputFiles outputs;
    outputs.add(options.json, to_json(releases[0], releases[1], diff).dump(2) + "\n");
    if (!outputs.commit(error)) {
      print_error(error);
      return 1;
    }
  }
  print_text(std::cout, releases[0], releases[1], diff);
  return diff.same() ? 0 : 2;
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  auto* command = app.add_subcommand("diff",
                                     "What a new STIG release changed (added, removed, changed rules), or what "
                                     "changed between two assessments (per host, the rules whose verdict changed)");
  command
      ->add_option("OLD", options->before,
                   "The earlier release (any STIG input compile reads), or the earlier assessment (XCCDF "
                   "results, ARF, CKL, CKLB)")
      ->required();
  command->add_option("NEW", options->after, "The later release or assessment")->required();
  command->add_option("--json", options->json, "The differences as JSON (docs/assessor-workflow.md)");
  command->footer(
      "Example:\n"
      "  scapc diff U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml "
      "U_MS_Exchange_2019_Mailbox_Server_STIG_V2R1_Manual-xccdf.xml --json changes.json\n"
      "  scapc diff q1/mailbox01/xccdf.xml q2/mailbox01/xccdf.xml\n"
      "Rules are matched by V-ID; a rule changed when its title, severity, check or fix text, STIG ID or CCIs\n"
      "differ once white space is normalised. Assessments: hosts by identity, rules by V-ID (else rule id).\n"
      "Exit status: 0 when the releases are the same, 2 when they differ, 1 on any error.");
  command->callback([options, &exit_code]() { exit_code = run(*options); });
}

}  // namespace scapc::cli
