// scapc info: what a catalog holds, counted by framework, severity, role, category and the cmdlet
// (or, for Windows data, the OVAL test) each check reads.
#include <scapc/input.h>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog_input.h"
#include "commands.h"
#include "info_scap.h"

namespace scapc::cli {
namespace {

void print_counts(std::ostream& out, const char* heading, const std::map<std::string, int>& counts) {
  out << "  " << heading << ":\n";
  std::size_t width = 0;
  for (const auto& [name, count] : counts) width = std::max(width, input::printable(name).size());
  for (const auto& [name, count] : counts) {
    out << "    " << std::left << std::setw(static_cast<int>(width) + 2) << input::printable(name) << std::right
        << std::setw(5) << count << '\n';
  }
}

void print_text(std::ostream& out, const std::string& name, const controls::Catalog& catalog,
                const controls::CatalogSummary& summary) {
  // The catalog's words are printed escaped, as error lines are: a catalog comes from elsewhere.
  out << input::printable(name);
  if (!catalog.title.empty()) {
    out << " (" << input::printable(catalog.title + (catalog.version.empty() ? "" : " " + catalog.version)) << ')';
  }
  out << ": " << summary.controls << " controls\n";
  out << "  checks: " << summary.machine_checked << " machine-checked, " << summary.manual << " manual, "
      << summary.informational << " informational; " << summary.site_values << " site values; "
      << summary.stig_references << " STIG rule references\n";
  print_counts(out, "by framework", summary.by_framework);
  out << "  by severity:\n";
  for (const char* level : {"High", "Medium", "Low"}) {
    const auto found = summary.by_severity.find(level);
    out << "    " << std::left << std::setw(8) << level << std::right << std::setw(5)
        << (found == summary.by_severity.end() ? 0 : found->second) << '\n';
  }
  print_counts(out, "by role", summary.by_role);
  print_counts(out, "by category", summary.by_category);
  if (!summary.by_cmdlet.empty()) print_counts(out, "by cmdlet or OVAL test", summary.by_cmdlet);
}

nlohmann::json to_json(const std::string& name, const controls::Catalog& catalog,
                       const controls::CatalogSummary& summary) {
  return {{"catalog", name},
          {"title", catalog.title},
          {"version", catalog.version},
          {"controls", summary.controls},
          {"machineChecked", summary.machine_checked},
          {"manual", summary.manual},
          {"informational", summary.informational},
          {"siteValues", summary.site_values},
          {"stigReferences", summary.stig_references},
          {"byFramework", summary.by_framework},
          {"bySeverity", summary.by_severity},
          {"byRole", summary.by_role},
          {"byCategory", summary.by_category},
          {"byCmdlet", summary.by_cmdlet}};
}

}  // namespace

void add_info_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "info",
      "Show what a control catalog holds (counts by framework, severity, role), what a data stream or XCCDF "
      "benchmark offers (release, profiles and their rule counts), or what an ARF or XCCDF results file holds");
  struct Options {
    std::vector<std::string> inputs;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  command
      ->add_option("INPUT", options->inputs,
                   "Catalog file (array of controls, or object with \"controls\"), directory of control files, "
                   "source data stream, XCCDF benchmark, ARF or XCCDF results")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_flag("--json", options->json, "Print the counts as JSON (one array element per input)");
  command->footer(
      "Example:\n"
      "  scapc info controls/catalog ../shared/corpus/controls/controls.json\n"
      "  scapc info out/exchange-ds.xml        benchmark, release, profiles (id, rule count, title)\n"
      "Exit status: 0, or 1 when a catalog has errors (they are printed, one per line).");
  command->callback([options, &exit_code] {
    nlohmann::json reports = nlohmann::json::array();
    for (const auto& input : options->inputs) {
      if (looks_like_xml(input)) {
        if (!print_scap_info(input, std::cout, options->json ? &reports : nullptr)) exit_code = 1;
        continue;
      }
      const auto catalog = load_catalog_reporting(input);
      if (!catalog) {
        exit_code = 1;
        continue;
      }
      const auto summary = controls::summarize(*catalog);
      if (options->json) {
        reports.push_back(to_json(input, *catalog, summary));
      } else {
        print_text(std::cout, input, *catalog, summary);
      }
    }
    if (options->json && exit_code == 0) std::cout << reports.dump(2) << '\n';
  });
}

}  // namespace scapc::cli
