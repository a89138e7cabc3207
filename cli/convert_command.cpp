// scapc convert: results from one format into another without evaluating again. ARF or XCCDF
// results (from scapc or any SCAP tool) become STIG checklists or the JSON summary; a CKL becomes
// a CKLB and back.
#include <scapc/checklist.h>
#include <scapc/input.h>
#include <scapc/json_summary.h>
#include <scapc/output_files.h>
#include <scapc/report.h>
#include <scapc/results_file.h>
#include <scapc/waivers.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "catalog_input.h"
#include "clock.h"
#include "commands.h"
#include "diagnostics.h"
#include "drift_diff.h"

namespace scapc::cli {
namespace {

struct ConvertOptions {
  std::string input;
  std::vector<std::string> stigs;
  std::string checklist;
  std::string waivers;
  std::string ckl;
  std::string cklb;
  std::string json;
  std::string report;
  std::vector<std::string> previous;
};

enum class InputKind { Results, Ckl, Cklb };

InputKind kind_of(const std::string& text) {
  if (input::starts_like_json(text)) return InputKind::Cklb;
  return text.find("<CHECKLIST") != std::string::npos ? InputKind::Ckl : InputKind::Results;
}

int convert_checklist(const ConvertOptions& options, const std::string& text, InputKind kind) {
  std::string error;
  output::Checklist checklist;
  std::vector<std::string> warnings;
  const bool ok = kind == InputKind::Ckl ? output::read_ckl(text, options.input, checklist, error)
                                         : output::read_cklb(text, options.input, checklist, error, &warnings);
  if (!ok) {
    print_error(error);
    return 1;
  }
  for (const auto& warning : warnings) print_warning(options.input, warning);
  if (!options.json.empty() || !options.report.empty() || !options.stigs.empty() || !options.checklist.empty() ||
      !options.waivers.empty()) {
    print_error(
        "scapc convert: --json, --report, --stig, --checklist and --waivers need ARF or XCCDF results, not a "
        "checklist");
    return 1;
  }
  output::OutputFiles outputs;
  if (!options.ckl.empty()) outputs.add(options.ckl, output::to_ckl(checklist));
  if (!options.cklb.empty()) outputs.add(options.cklb, output::to_cklb(checklist));
  if (!outputs.commit(error)) {
    print_error(error);
    return 1;
  }
  return 0;
}

int convert_results(const ConvertOptions& options, const std::string& text) {
  std::string error;
  output::ResultsFile results;
  if (!output::read_results(text, options.input, results, error)) {
    print_error(error);
    return 1;
  }
  std::vector<stig::Benchmark> stigs;
  if (!load_stigs_reporting(options.stigs, stigs)) return 1;
  if (!options.waivers.empty()) {
    check::Waivers waivers;
    if (!check::read_waivers(options.waivers, waivers, error)) {
      print_error(error);
      return 1;
    }
    std::vector<std::string> warnings;
    check::drop_unusable_waivers(waivers, results.content.benchmark, timestamp_of("").substr(0, 10), warnings);
    for (const auto& line : warnings) std::cerr << line << '\n';
    for (std::size_t host = 0; host < results.hosts.size(); ++host) {
      check::apply_waivers(waivers, results.content.benchmark, results.hosts[host], results.results[host]);
    }
  }
  auto run = results.run();
  std::vector<output::HostVerdicts> previous;
  if (!options.previous.empty()) {
    if (!read_previous(options.previous, previous, run.previous_source)) return 1;
    if (options.report.empty()) {
      print_warning("--previous", "only the HTML report (--report) shows the comparison; none is written");
    }
    run.previous = &previous;
  }
  output::ChecklistLayout layout;
  if (!output::checklist_layout(run.content->benchmark, std::move(stigs), options.checklist, layout, error)) {
    print_error(error);
    return 1;
  }
  const auto labels = output::host_labels(results.hosts);
  output::OutputFiles outputs;
  for (std::size_t host = 0; host < results.hosts.size(); ++host) {
    if (options.ckl.empty() && options.cklb.empty()) break;
    const auto checklist = output::checklist_of(run, host, layout);
    if (!options.ckl.empty()) outputs.add(output::per_host_path(options.ckl, labels, host), output::to_ckl(checklist));
    if (!options.cklb.empty())
      outputs.add(output::per_host_path(options.cklb, labels, host), output::to_cklb(checklist));
  }
  if (!options.json.empty()) outputs.add(options.json, output::json_summary(run));
  if (!options.report.empty()) outputs.add(options.report, output::html_report(run));
  if (!outputs.commit(error)) {
    print_error(error);
    return 1;
  }
  return 0;
}

int run(const ConvertOptions& options) {
  if (options.ckl.empty() && options.cklb.empty() && options.json.empty() && options.report.empty()) {
    print_error("scapc convert: say what to write (--ckl, --cklb, --json or --report)");
    return 1;
  }
  std::string text;
  std::string error;
  if (!input::read_file(options.input, text, error)) {
    print_error(error);
    return 1;
  }
  const auto kind = kind_of(text);
  return kind == InputKind::Results ? convert_results(options, text) : convert_checklist(options, text, kind);
}

}  // namespace

void add_convert_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ConvertOptions>();
  auto* command =
      app.add_subcommand("convert", "Turn results into STIG checklists or a JSON summary, or a CKL into a CKLB");
  command->add_option("INPUT", options->input, "ARF or XCCDF results (any SCAP tool's), a CKL, or a CKLB")->required();
  command->add_option("--stig", options->stigs,
                      "DISA STIG (XCCDF) laying out the checklists (repeatable; default: the STIGs the content "
                      "was compiled from)");
  command->add_option("--waivers", options->waivers,
                      "Accepted risks and deviations (docs/waivers.schema.json) applied to the results read "
                      "(their scores stay as read)");
  command
      ->add_option("--checklist", options->checklist,
                   "Rules in --ckl/--cklb: stig (the default when there is a STIG), benchmark, or both")
      ->check(CLI::IsMember({"stig", "benchmark", "both"}));
  command->add_option("--ckl", options->ckl, "STIG Viewer 2 checklist; several hosts: '.<host>' before the extension");
  command->add_option("--cklb", options->cklb, "STIG Viewer 3 checklist (JSON), named like --ckl");
  command->add_option("--json", options->json, "JSON summary (docs/json-summary.md); from results only");
  command->add_option("--report", options->report, "HTML report; from results only");
  command->add_option("--previous", options->previous,
                      "An earlier assessment (XCCDF results, ARF, CKL, CKLB) the HTML report shows the changes "
                      "against");
  command->footer(
      "Examples:\n"
      "  scapc convert arf.xml --ckl mailbox01.ckl --stig "
      "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf.xml\n"
      "  scapc convert old.ckl --cklb new.cklb\n"
      "Exit status: 0, or 1 on any error (then nothing is written).");
  command->callback([options, &exit_code]() { exit_code = run(*options); });
}

}  // namespace scapc::cli
