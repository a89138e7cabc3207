// scapc check: a benchmark evaluated offline against data collected from one or more hosts, with
// XCCDF, ARF and OVAL results. Exit status as oscap xccdf eval: 0, 2 when a selected rule fails (or
// comes out error or unknown), 1 on any error.
#include <pwd.h>
#include <scapc/check.h>
#include <scapc/checklist.h>
#include <scapc/input.h>
#include <scapc/json_summary.h>
#include <scapc/ocil_results.h>
#include <scapc/report.h>
#include <scapc/results.h>
#include <scapc/xml_names.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "catalog_input.h"
#include "clock.h"
#include "commands.h"
#include "content_input.h"
#include "diagnostics.h"
#include "output_files.h"

namespace scapc::cli {
namespace {

struct CheckOptions {
  std::string content;
  std::vector<std::string> data;
  std::string profile;
  std::string tailoring;
  std::vector<std::string> rules;
  std::string data_stream_id;
  std::string benchmark_id;
  std::string ocil_results;
  std::string results;
  bool without_benchmark = false;
  std::string results_arf;
  std::string oval_results;
  std::string ckl;
  std::string cklb;
  std::string json;
  std::string report;
  std::string fail_on = "info";
  std::vector<std::string> stigs;
  std::string timestamp;
  bool quiet = false;
};

std::string serialize(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

// Answers from an OCIL results file for every OCIL component of the content.
bool load_ocil_answers(const check::Content& content, const std::string& path,
                       std::map<std::string, std::string>& answers, std::string& error) {
  std::string text;
  if (!read_file(path, text, error)) return false;
  if (content.ocil.empty()) {
    // Nothing to answer, but a broken or foreign file is still an error, not silently ignored.
    pugi::xml_document document;
    if (!input::parse_xml(text, path, document, error)) return false;
    if (xml::local_name(document.document_element()) != "ocil") {
      error = path + ": root element '" + document.document_element().name() + "' is not OCIL 'ocil'";
      return false;
    }
    std::cerr << path << ": warning: the content has no OCIL questionnaires; these answers are not used\n";
    return true;
  }
  for (const auto& [href, root] : content.ocil) {
    pugi::xml_document questionnaires;
    questionnaires.append_copy(root);
    if (!ocil::answer_questionnaires(questionnaires, text, path, answers, error)) return false;
  }
  return true;
}

std::string current_user() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr && entry->pw_name != nullptr) return entry->pw_name;
  return std::to_string(getuid());
}

// One OVAL results file per host and component: the given name when there is just one, else the
// name with ".<host>.<n>" before its extension.
std::string oval_results_path(const std::string& given, const std::vector<check::Host>& hosts,
                              const std::vector<check::HostResult>& results, std::size_t host, std::size_t n) {
  std::size_t total = 0;
  for (const auto& result : results) total += result.oval_reports.size();
  if (total <= 1) return given;
  const std::filesystem::path path(given);
  auto stem = path.stem().string() + "." + output::host_labels(hosts)[host] +
              (results[host].oval_reports.size() > 1 ? "." + std::to_string(n) : "");
  return (path.parent_path() / (stem + path.extension().string())).string();
}

void print_summary(const std::vector<check::Host>& hosts, const std::vector<check::HostResult>& results) {
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const auto& host = hosts[i];
    std::map<std::string, int> counts;
    for (const auto& rule : results[i].rules) {
      if (rule.result == xccdf::RuleResult::NotSelected) continue;
      ++counts[check::to_string(rule.result)];
      std::cout << host.host_name << '\t' << check::to_string(rule.result) << '\t' << rule.rule_id << '\n';
    }
    std::cout << host.host_name << "\tsummary";
    for (const auto& [word, count] : counts) std::cout << ' ' << word << '=' << count;
    for (const auto& score : results[i].scores) {
      std::cout << ' ' << score.system.substr(score.system.rfind(':') + 1) << '=' << output::decimal(score.value) << '/'
                << output::decimal(score.maximum);
    }
    std::cout << '\n';
  }
}

// Severity order for --fail-on; a rule of unknown severity counts as high, so a failure is never
// hidden for want of a severity.
int severity_rank(const std::string& severity) {
  if (severity == "info") return 0;
  if (severity == "low") return 1;
  if (severity == "medium") return 2;
  return 3;
}

// oscap's rule: 2 when a selected rule fails or comes out error or unknown; --fail-on raises the bar.
int exit_status(const std::vector<check::HostResult>& results, const std::string& fail_on) {
  if (fail_on == "none") return 0;
  for (const auto& result : results) {
    for (const auto& rule : result.rules) {
      const bool failed = rule.result == xccdf::RuleResult::Fail || rule.result == xccdf::RuleResult::Error ||
                          rule.result == xccdf::RuleResult::Unknown;
      if (failed && severity_rank(rule.severity) >= severity_rank(fail_on)) return 2;
    }
  }
  return 0;
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

int run(const CheckOptions& options) {
  LoadedContent loaded;
  if (!load_content_reporting(
          {options.content, options.data_stream_id, options.benchmark_id, options.tailoring, options.profile},
          loaded)) {
    return 1;
  }
  const auto& content = loaded.content;
  const auto& evaluation = loaded.evaluation;
  const auto& tailoring = loaded.tailoring;
  std::string error;
  check::EvaluateOptions evaluate;
  for (const auto& rule : options.rules) {
    if (!evaluation.items.contains(rule)) {
      std::cerr << options.content << ": no rule '" << rule << "' in benchmark " << content.benchmark.id << '\n';
      return 1;
    }
    evaluate.rules.insert(rule);
  }
  evaluate.timestamp = fixed_timestamp(options.timestamp);
  if (!options.ocil_results.empty() &&
      !load_ocil_answers(content, options.ocil_results, evaluate.ocil_answers, error)) {
    print_error(error);
    return 1;
  }
  std::vector<stig::Benchmark> stigs;
  if (!load_stigs_reporting(options.stigs, stigs)) return 1;
  std::vector<check::Host> hosts(options.data.size());
  for (std::size_t i = 0; i < options.data.size(); ++i) {
    if (!check::load_host(options.data[i], hosts[i], error)) {
      print_error(error);
      return 1;
    }
  }
  if (options.without_benchmark && hosts.size() != 1) {
    std::cerr << "scapc check: --without-benchmark writes one TestResult, so it takes exactly one --data\n";
    return 1;
  }

  const auto results = check::evaluate_all(content, evaluation, hosts, evaluate, progress_reporter(hosts.size()));
  output::Run run{&content,      &evaluation,       &hosts,
                  &results,      options.tailoring, options.tailoring.empty() ? nullptr : &tailoring,
                  current_user()};
  OutputFiles outputs;
  const auto oval_href = [&](std::size_t host, const std::string& key) {
    for (std::size_t n = 0; n < results[host].oval_reports.size(); ++n) {
      if (results[host].oval_reports[n].component_key != key) continue;
      if (options.oval_results.empty()) return key;
      return std::filesystem::path(oval_results_path(options.oval_results, hosts, results, host, n))
          .filename()
          .string();
    }
    return key;
  };
  if (!options.results.empty()) {
    outputs.add(options.results, serialize(output::xccdf_results(run, !options.without_benchmark, oval_href)));
  }
  if (!options.results_arf.empty()) outputs.add(options.results_arf, serialize(output::arf(run)));
  if (!options.json.empty()) outputs.add(options.json, output::json_summary(run));
  if (!options.report.empty()) outputs.add(options.report, output::html_report(run));
  if (!options.oval_results.empty()) {
    for (std::size_t host = 0; host < hosts.size(); ++host) {
      for (std::size_t n = 0; n < results[host].oval_reports.size(); ++n) {
        outputs.add(oval_results_path(options.oval_results, hosts, results, host, n),
                    serialize(*results[host].oval_reports[n].results));
      }
    }
  }
  for (std::size_t host = 0; host < hosts.size(); ++host) {
    if (options.ckl.empty() && options.cklb.empty()) break;
    const auto checklist = output::checklist_of(run, host, stigs);
    const auto labels = output::host_labels(hosts);
    if (!options.ckl.empty()) outputs.add(per_host_path(options.ckl, labels, host), output::to_ckl(checklist));
    if (!options.cklb.empty()) outputs.add(per_host_path(options.cklb, labels, host), output::to_cklb(checklist));
  }
  if (!outputs.commit(error)) {
    print_error(error);
    return 1;
  }
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    for (const auto& warning : results[i].warnings) std::cerr << hosts[i].source << ": warning: " << warning << '\n';
  }
  if (!options.quiet) print_summary(hosts, results);
  return exit_status(results, options.fail_on);
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  auto* command = app.add_subcommand("check", "Evaluate a benchmark offline against data collected from hosts");
  command
      ->add_option("CONTENT", options->content,
                   "Source data stream (SCAP 1.2/1.3), or XCCDF 1.2 with its check files beside it")
      ->required();
  command
      ->add_option("--data", options->data,
                   "A host's data: collection bundle (.json), folder of Export-Clixml files, or OVAL system "
                   "characteristics; repeat for several hosts (evaluated in parallel)")
      ->required();
  command->add_option("--profile", options->profile, "Profile id (from the benchmark or the tailoring file)");
  command->add_option("--tailoring", options->tailoring,
                      "XCCDF tailoring file whose profiles may extend the benchmark's");
  command->add_option("--rule", options->rules, "Evaluate only this rule (repeatable); others come out notselected");
  command->add_option("--datastream-id", options->data_stream_id, "Data stream to use (default: the first)");
  command->add_option("--benchmark-id", options->benchmark_id, "Benchmark to use (default: the first checklist)");
  command->add_option("--ocil-results", options->ocil_results, "OCIL results answering the questionnaires");
  command->add_option("--results", options->results, "XCCDF 1.2 results: the benchmark with one TestResult per host");
  command->add_flag("--without-benchmark", options->without_benchmark, "With --results: write the TestResult alone");
  command->add_option("--results-arf", options->results_arf, "ARF 1.1 result data stream");
  command->add_option("--oval-results", options->oval_results,
                      "OVAL results; with several hosts or components, '.<host>[.<n>]' is added before the extension");
  command->add_option("--ckl", options->ckl,
                      "STIG Viewer 2 checklist; with several hosts, '.<host>' is added before the extension");
  command->add_option("--cklb", options->cklb, "STIG Viewer 3 checklist (JSON), named like --ckl");
  command->add_option("--stig", options->stigs,
                      "DISA STIG (XCCDF) laying out the checklists: one entry per STIG with every rule of it, "
                      "statuses from the benchmark rules that cover them by V-ID (repeatable)");
  command->add_option("--json", options->json, "JSON summary for pipelines (docs/json-summary.md)");
  command->add_option("--report", options->report, "HTML report: one self-contained file, every host");
  command
      ->add_option("--fail-on", options->fail_on,
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
      "Prints one line per selected rule (host, result, rule id) and a summary with the scores.\n"
      "Exit status: 0 when no selected rule fails, 2 when one fails or comes out error or unknown, 1 on any error.");
  command->callback([options, &exit_code]() { exit_code = run(*options); });
}

}  // namespace scapc::cli
