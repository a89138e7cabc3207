// scapc check: a benchmark evaluated offline against data collected from one or more hosts, with
// XCCDF, ARF and OVAL results. Exit status as oscap xccdf eval: 0, 2 when a selected rule fails (or
// comes out error or unknown), 1 on any error.
#include <pwd.h>
#include <scapc/answers_file.h>
#include <scapc/check_run.h>
#include <scapc/results_stream.h>
#include <scapc/waivers.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>

#include "catalog_input.h"
#include "clock.h"
#include "commands.h"
#include "content_input.h"
#include "diagnostics.h"
#include "drift_diff.h"

namespace scapc::cli {
namespace {

struct CheckOptions {
  std::string content;
  std::vector<std::string> data;
  std::vector<std::string> data_lists;
  std::string profile;
  std::string tailoring;
  std::vector<std::string> rules;
  std::string data_stream_id;
  std::string benchmark_id;
  std::string cpe_dictionary;
  std::string ocil_results;
  output::ResultsFiles files;
  std::vector<std::string> stigs;
  std::string checklist;
  std::string waivers;
  std::vector<std::string> answers;
  std::vector<std::string> previous;
  std::string timestamp;
  bool quiet = false;
};

std::string current_user() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr && entry->pw_name != nullptr) return entry->pw_name;
  return std::to_string(getuid());
}

// Hosts done / total and the rate, on one line that rewrites itself, for a person at a terminal.
std::function<void(std::size_t)> progress_reporter(std::size_t total) {
  if (total < 2 || isatty(STDERR_FILENO) == 0) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start, total](std::size_t done) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const double rate = elapsed.count() > 0 ? static_cast<double>(done) / elapsed.count() : 0;
    std::fprintf(stderr, "\rscapc check: %zu/%zu hosts, %.1f hosts/s%s", done, total, rate, done == total ? "\n" : "");
  };
}

// SCAPC_CHECK_AHEAD sets how many hosts are evaluated ahead of the one written (tests force 1 and
// other numbers: the outputs must not depend on it).
std::size_t hosts_ahead() {
  if (const char* text = std::getenv("SCAPC_CHECK_AHEAD"); text != nullptr && std::atoi(text) > 0) {
    return static_cast<std::size_t>(std::atoi(text));
  }
  return check::RunOptions{}.hosts_ahead;
}

// --answers: each file read, then a warning for what cannot be used (a host not checked here, a
// file that answers no rule of the content).
bool load_answers(const std::vector<std::string>& files, const check::Content& content,
                  const std::vector<std::string>& paths, check::PreviousAnswers& answers) {
  std::string error;
  std::vector<std::string> warnings;
  for (const auto& file : files) {
    if (!output::read_answers(file, content, answers, warnings, error)) {
      print_error(error);
      return false;
    }
  }
  for (const auto& line : warnings) std::cerr << line << '\n';
  for (const auto& set : answers.sets) {
    if (set.host.empty() && paths.size() > 1) {
      print_warning(set.source, "names no host; its answers are used for every host checked");
    }
    if (check::answered_rules(set, content.benchmark) == 0) {
      print_warning(set.source,
                    "answers no rule of the content" + (set.host.empty() ? "" : " (host " + set.host + ")"));
    }
  }
  const bool named = std::any_of(answers.sets.begin(), answers.sets.end(),
                                 [](const check::AnswerSet& set) { return !set.host.empty(); });
  if (!named) return true;
  std::vector<check::Host> hosts;
  if (!check::identify_hosts(paths, hosts, error)) {
    print_error(error);
    return false;
  }
  for (const auto* set : check::unmatched_answer_sets(answers, hosts)) {
    print_warning(set->source, "host " + set->host + " is none of the hosts checked; its answers are not used");
  }
  return true;
}

int run(const CheckOptions& options) {
  LoadedContent loaded;
  if (!load_content_reporting({options.content, options.data_stream_id, options.benchmark_id, options.tailoring,
                               options.profile, options.cpe_dictionary},
                              loaded)) {
    return 1;
  }
  std::string error;
  check::RunOptions run;
  run.evaluate.timestamp = fixed_timestamp(options.timestamp);
  run.evaluate.oval_reports = !options.files.arf.empty() || !options.files.oval_results.empty();
  std::string warning;
  std::vector<stig::Benchmark> stigs;
  std::vector<std::string> paths;
  if (!check::select_rules(loaded.content, loaded.evaluation, options.rules, run.evaluate.rules, error) ||
      (!options.ocil_results.empty() &&
       !check::load_ocil_answers(loaded.content, options.ocil_results, run.evaluate.ocil_answers, warning, error))) {
    print_error(error);
    return 1;
  }
  if (!warning.empty()) print_warning(options.ocil_results, warning);
  if (!load_stigs_reporting(options.stigs, stigs)) return 1;
  check::Waivers waivers;
  if (!options.waivers.empty()) {
    if (!check::read_waivers(options.waivers, waivers, error)) {
      print_error(error);
      return 1;
    }
    std::vector<std::string> warnings;
    check::drop_unusable_waivers(waivers, loaded.content.benchmark, timestamp_of(options.timestamp).substr(0, 10),
                                 warnings);
    for (const auto& line : warnings) std::cerr << line << '\n';
    run.evaluate.waivers = &waivers;
  }
  if (!check::host_paths(options.data, options.data_lists, paths, error)) {
    print_error(error);
    return 1;
  }
  check::PreviousAnswers answers;
  if (!options.answers.empty()) {
    if (!load_answers(options.answers, loaded.content, paths, answers)) return 1;
    run.evaluate.answers = &answers;
  }
  std::vector<output::HostVerdicts> previous;
  std::string previous_source;
  if (!options.previous.empty() && !read_previous(options.previous, previous, previous_source)) return 1;
  if (!options.previous.empty() && options.files.report.empty()) {
    print_warning("--previous", "only the HTML report (--report) shows the comparison; none is written");
  }
  output::ChecklistLayout layout;
  if (!output::checklist_layout(loaded.content.benchmark, std::move(stigs), options.checklist, layout, error)) {
    print_error(error);
    return 1;
  }
  run.hosts_ahead = hosts_ahead();
  run.progress = progress_reporter(paths.size());
  auto files = options.files;
  files.checklist = &layout;
  files.tailoring_path = options.tailoring;
  if (!options.tailoring.empty()) files.tailoring = &loaded.tailoring;
  files.user = current_user();
  if (!options.previous.empty()) {
    files.previous = &previous;
    files.previous_source = previous_source;
  }
  output::CheckSummary summary;
  if (!output::write_check_run(loaded.content, loaded.evaluation, paths, run, files, options.quiet ? nullptr : stdout,
                               stderr, summary, error)) {
    print_error(error);
    return 1;
  }
  return summary.gated ? 2 : 0;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand("check", "Evaluate a benchmark offline against data collected from hosts");
  command
      ->add_option("CONTENT", options->content,
                   "Source data stream (SCAP 1.2/1.3), or XCCDF 1.2 with its check files beside it")
      ->required();
  command->add_option("--data", options->data,
                      "A host's data: collection bundle (.json), folder of Export-Clixml files, or OVAL system "
                      "characteristics; repeat for several hosts (evaluated in parallel)");
  command->add_option("--data-list", options->data_lists,
                      "A file naming hosts' data, one path a line, after those of --data (for thousands of hosts)");
  command->add_option("--profile", options->profile, "Profile id (from the benchmark or the tailoring file)");
  command->add_option("--tailoring", options->tailoring,
                      "XCCDF tailoring file whose profiles may extend the benchmark's");
  command->add_option("--rule", options->rules, "Evaluate only this rule (repeatable); others come out notselected");
  command->add_option("--datastream-id", options->data_stream_id, "Data stream to use (default: the first)");
  command->add_option("--benchmark-id", options->benchmark_id, "Benchmark to use (default: the first checklist)");
  command
      ->add_option("--cpe", options->cpe_dictionary,
                   "CPE dictionary of an XCCDF file's platforms (default: NAME-cpe-dictionary.xml beside "
                   "NAME-xccdf.xml); a data stream has its own")
      ->check(CLI::ExistingFile);
  command->add_option("--ocil-results", options->ocil_results, "OCIL results answering the questionnaires");
  command->add_option("--results", options->files.xccdf_results,
                      "XCCDF 1.2 results: the benchmark with one TestResult per host");
  command->add_flag("--without-benchmark", options->files.without_benchmark,
                    "With --results: write the TestResult alone");
  command->add_option("--results-arf", options->files.arf, "ARF 1.1 result data stream");
  command->add_option("--oval-results", options->files.oval_results,
                      "OVAL results; with several hosts or components, '.<host>[.<n>]' is added before the extension");
  command->add_option("--ckl", options->files.ckl,
                      "STIG Viewer 2 checklist; with several hosts, '.<host>' is added before the extension");
  command->add_option("--cklb", options->files.cklb, "STIG Viewer 3 checklist (JSON), named like --ckl");
  command->add_option("--stig", options->stigs,
                      "DISA STIG (XCCDF) laying out the checklists: one entry per STIG with every rule of it, "
                      "statuses from the benchmark rules that cover them by V-ID (repeatable; default: the "
                      "STIGs the content was compiled from)");
  command
      ->add_option("--checklist", options->checklist,
                   "Rules in --ckl/--cklb: stig (the STIGs' rules; the default when there is a STIG), "
                   "benchmark (every evaluated rule as one entry), both (the STIGs, then the other rules)")
      ->check(CLI::IsMember({"stig", "benchmark", "both"}));
  command->add_option("--answers", options->answers,
                      "Earlier checklists or results (CKL, CKLB, XCCDF results, ARF, OCIL results) whose answers "
                      "to manual rules are carried forward, per host; repeat for several files");
  command->add_option("--waivers", options->waivers,
                      "Accepted risks and deviations (JSON, docs/waivers.schema.json): each waived rule-result "
                      "reports the waiver's result and keeps the evaluated one (XCCDF override)");
  command->add_option("--json", options->files.json, "JSON summary for pipelines (docs/json-summary.md)");
  command->add_option("--report", options->files.report, "HTML report: one self-contained file, every host");
  command->add_option("--previous", options->previous,
                      "An earlier assessment (XCCDF results, ARF, CKL, CKLB; repeat for several files) the HTML "
                      "report shows this run's changes against");
  command
      ->add_option("--fail-on", options->files.fail_on,
                   "Exit 2 only when a rule of at least this severity fails (or is error/unknown): "
                   "info (default, any), low, medium, high, or none")
      ->check(CLI::IsMember({"none", "info", "low", "medium", "high"}));
  command->add_option("--timestamp", options->timestamp,
                      "Start and end time written, YYYY-MM-DDThh:mm:ss (default: SOURCE_DATE_EPOCH, else now)");
  command->add_flag("-q,--quiet", options->quiet, "Do not print a line per rule");
  command->footer(
      "Example:\n"
      "  scapc compile controls/catalog -o exchange-ds.xml\n"
      "  scapc check exchange-ds.xml --data examples/edge01-bundle.json --results-arf arf.xml\n"
      "  scapc check exchange-ds.xml --data-list hosts.txt --results 'out/{host}/xccdf.xml' --ckl "
      "'out/{host}/stig.ckl'\n"
      "{host} in any output path writes one file per host (its FQDN, else its name); folders are made.\n"
      "Prints one line per selected rule (host, result, rule id) and a summary with the scores.\n"
      "Exit status: 0 when no selected rule fails, 2 when one fails or comes out error or unknown, 1 on any error.");
  command->callback([options, &exit_code]() { exit_code = run(*options); });
}

}  // namespace scapc::cli
