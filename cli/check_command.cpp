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

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

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
  std::vector<std::string> data_lists;
  std::string profile;
  std::string tailoring;
  std::vector<std::string> rules;
  std::string data_stream_id;
  std::string benchmark_id;
  std::string cpe_dictionary;
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

// One OVAL results file per host and component: the given name when the run has one host with
// one component, else the name with ".<label>[.<n>]" before its extension.
std::string oval_results_path(const std::string& given, std::size_t hosts, const std::string& label,
                              std::size_t reports, std::size_t n) {
  if (hosts == 1 && reports <= 1) return given;
  const std::filesystem::path path(given);
  auto stem = path.stem().string() + "." + label + (reports > 1 ? "." + std::to_string(n) : "");
  return (path.parent_path() / (stem + path.extension().string())).string();
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
bool gates(const check::HostResult& result, const std::string& fail_on) {
  if (fail_on == "none") return false;
  for (const auto& rule : result.rules) {
    const bool failed = rule.result == xccdf::RuleResult::Fail || rule.result == xccdf::RuleResult::Error ||
                        rule.result == xccdf::RuleResult::Unknown;
    if (failed && severity_rank(rule.severity) >= severity_rank(fail_on)) return true;
  }
  return false;
}

std::string summary_lines(const check::Host& host, const check::HostResult& result) {
  std::ostringstream out;
  std::map<std::string, int> counts;
  for (const auto& rule : result.rules) {
    if (rule.result == xccdf::RuleResult::NotSelected) continue;
    ++counts[check::to_string(rule.result)];
    out << host.host_name << '\t' << check::to_string(rule.result) << '\t' << rule.rule_id << '\n';
  }
  out << host.host_name << "\tsummary";
  for (const auto& [word, count] : counts) out << ' ' << word << '=' << count;
  for (const auto& score : result.scores) {
    out << ' ' << score.system.substr(score.system.rfind(':') + 1) << '=' << output::decimal(score.value) << '/'
        << output::decimal(score.maximum);
  }
  out << '\n';
  return out.str();
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

// --data, then the paths listed by --data-list (one a line; blank lines skipped).
bool host_paths(const CheckOptions& options, std::vector<std::string>& out, std::string& error) {
  out = options.data;
  for (const auto& list : options.data_lists) {
    std::string text;
    if (!read_file(list, text, error)) return false;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) out.push_back(line);
    }
  }
  if (out.empty()) error = "scapc check: no hosts: give --data or --data-list";
  return !out.empty();
}

// Hosts go through in batches: loaded, evaluated and rendered in parallel, then written in order
// and released, so memory holds one batch whatever the number of hosts. SCAPC_CHECK_BATCH sets
// the size (tests force 1 to compare with one batch).
std::size_t batch_size() {
  if (const char* text = std::getenv("SCAPC_CHECK_BATCH"); text != nullptr && std::atoi(text) > 0) {
    return static_cast<std::size_t>(std::atoi(text));
  }
  return 16;
}

void parallel_for(std::size_t count, const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&]() {
    for (auto i = next++; i < count; i = next++) work(i);
  };
  const auto cores = std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < std::min<std::size_t>(cores, count); ++i) threads.emplace_back(worker);
  worker();
  for (auto& thread : threads) thread.join();
}

// Labels number hosts that share a name, which only the whole list shows: when a streamed run
// meets a shared name it starts again with every host's label, read here.
bool all_labels(const std::vector<std::string>& paths, std::vector<std::string>& labels, std::string& error) {
  std::vector<check::Host> identities(paths.size());
  std::vector<std::string> errors(paths.size());
  parallel_for(paths.size(), [&](std::size_t i) {
    check::Host host;
    if (!check::load_host(paths[i], host, errors[i])) return;
    identities[i].host_name = host.host_name;
    identities[i].fqdn = host.fqdn;
  });
  for (const auto& message : errors) {
    if (!message.empty()) {
      error = message;
      return false;
    }
  }
  labels = output::host_labels(identities);
  return true;
}

// One host's share of every output, rendered by a worker and written in host order.
struct Rendered {
  std::string error;
  check::Host identity;    // without the collected data
  check::HostResult kept;  // for --report: without the OVAL results
  output::ArfHost arf;
  std::string xccdf;
  std::string json;
  std::vector<std::pair<std::string, std::string>> files;  // per-host OVAL results and checklists
  std::string summary;
  std::string warnings;
  std::vector<output::OrganizationFinding> organization;  // for the JSON summary
  bool gated = false;
};

struct Batch {
  const CheckOptions& options;
  const LoadedContent& loaded;
  const check::EvaluateOptions& evaluate;
  const std::vector<stig::Benchmark>& stigs;
  const std::string& user;
  std::size_t total = 0;
};

void render(const Batch& batch, const std::string& path, std::size_t host, std::vector<std::string>& labels,
            bool labels_known, Rendered& out) {
  const auto& options = batch.options;
  std::vector<check::Host> hosts(1);
  if (!check::load_host(path, hosts[0], out.error)) return;
  if (!labels_known) labels[host] = output::host_label(hosts[0]);
  std::vector<check::HostResult> results{
      check::evaluate(batch.loaded.content, batch.loaded.evaluation, hosts[0], batch.evaluate)};
  const auto& result = results[0];
  output::Run run{&batch.loaded.content,
                  &batch.loaded.evaluation,
                  &hosts,
                  &results,
                  options.tailoring,
                  options.tailoring.empty() ? nullptr : &batch.loaded.tailoring,
                  batch.user,
                  host,
                  &labels};
  const auto& label = labels[host];
  const auto oval_file = [&](std::size_t n) {
    return oval_results_path(options.oval_results, batch.total, label, result.oval_reports.size(), n);
  };
  const auto oval_href = [&](std::size_t, const std::string& key) {
    for (std::size_t n = 0; n < result.oval_reports.size(); ++n) {
      if (result.oval_reports[n].component_key != key) continue;
      if (options.oval_results.empty()) return std::string();
      return std::filesystem::path(oval_file(n)).filename().string();
    }
    return std::string();
  };
  if (!options.results.empty()) {
    out.xccdf = options.without_benchmark ? serialize(output::xccdf_results(run, false, oval_href))
                                          : output::xccdf_results_host(run, 0, oval_href);
  }
  if (!options.results_arf.empty()) output::arf_host(run, 0, out.arf);
  if (!options.json.empty()) {
    out.json = output::json_summary_host(run, 0);
    out.organization = output::organization_findings(run, 0);
  }
  if (!options.oval_results.empty()) {
    for (std::size_t n = 0; n < result.oval_reports.size(); ++n) {
      out.files.emplace_back(oval_file(n), serialize(*result.oval_reports[n].results));
    }
  }
  if (!options.ckl.empty() || !options.cklb.empty()) {
    const auto checklist = output::checklist_of(run, 0, batch.stigs);
    std::vector<std::string> one(batch.total);  // per_host_path only needs the count and this label
    one[0] = label;
    if (!options.ckl.empty()) out.files.emplace_back(per_host_path(options.ckl, one, 0), output::to_ckl(checklist));
    if (!options.cklb.empty()) out.files.emplace_back(per_host_path(options.cklb, one, 0), output::to_cklb(checklist));
  }
  out.summary = summary_lines(hosts[0], result);
  out.gated = gates(result, options.fail_on);
  for (const auto& warning : result.warnings) out.warnings += path + ": warning: " + warning + "\n";
  if (!options.report.empty()) {
    out.kept = result;
    out.kept.oval_reports.clear();
  }
  out.identity.host_name = hosts[0].host_name;
  out.identity.fqdn = hosts[0].fqdn;
  out.identity.ip_addresses = hosts[0].ip_addresses;
  out.identity.mac_addresses = hosts[0].mac_addresses;
}

enum class Outcome { Done, Failed, Again };

// Appends every text it is given to a temporary file, so stdout and stderr lines of a long run
// need no memory and still appear only once the outputs are in place.
struct Spool {
  std::FILE* file = std::tmpfile();
  ~Spool() {
    if (file != nullptr) std::fclose(file);
  }
  void add(const std::string& text) const {
    if (file != nullptr) std::fwrite(text.data(), 1, text.size(), file);
  }
  void copy_to(std::FILE* out) const {
    if (file == nullptr) return;
    std::rewind(file);
    std::array<char, 65536> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0;)
      std::fwrite(buffer.data(), 1, n, out);
  }
};

Outcome stream(const Batch& batch, const std::vector<std::string>& paths, std::vector<std::string>& labels,
               bool labels_known, int& status) {
  const auto& options = batch.options;
  std::string error;
  OutputFiles outputs;
  const auto failed = [&]() {
    print_error(error);
    return Outcome::Failed;
  };
  std::vector<check::Host> none;
  std::vector<check::HostResult> no_results;
  output::Run frame_run{&batch.loaded.content,
                        &batch.loaded.evaluation,
                        &none,
                        &no_results,
                        options.tailoring,
                        options.tailoring.empty() ? nullptr : &batch.loaded.tailoring,
                        batch.user,
                        0,
                        &labels};
  int xccdf = -1;
  int arf = -1;
  int arf_relationships = -1;
  int arf_assets = -1;
  int arf_reports = -1;
  int json = -1;
  output::XccdfResultsFrame xccdf_frame;
  output::ArfFrame arf_frame;
  output::JsonSummaryFrame json_frame;
  if (!options.results.empty() && !options.without_benchmark) {
    xccdf_frame = output::xccdf_results_frame(frame_run);
    if ((xccdf = outputs.open(options.results, error)) < 0 || !outputs.append(xccdf, xccdf_frame.head, error))
      return failed();
  }
  if (!options.results_arf.empty()) {
    arf_frame = output::arf_frame(frame_run);
    if ((arf = outputs.open(options.results_arf, error)) < 0 ||
        (arf_relationships = outputs.open_scratch(options.results_arf, error)) < 0 ||
        (arf_assets = outputs.open_scratch(options.results_arf, error)) < 0 ||
        (arf_reports = outputs.open_scratch(options.results_arf, error)) < 0) {
      return failed();
    }
  }
  if (!options.json.empty()) {
    json_frame = output::json_summary_frame(frame_run);
    if ((json = outputs.open(options.json, error)) < 0 || !outputs.append(json, json_frame.head, error))
      return failed();
  }
  Spool summaries;
  Spool warnings;
  std::vector<output::OrganizationFinding> organization;
  std::vector<check::Host> report_hosts;
  std::vector<check::HostResult> report_results;
  std::set<std::string> seen;
  bool gated = false;
  const auto progress = progress_reporter(paths.size());
  const auto size = batch_size();
  const auto render_batch = [&](std::size_t first, std::vector<Rendered>& out) {
    out.assign(std::min(size, paths.size() - first), {});
    parallel_for(out.size(),
                 [&](std::size_t i) { render(batch, paths[first + i], first + i, labels, labels_known, out[i]); });
  };
  // The next batch is rendered while this one is written: writing is a third of the work with ARF.
  std::vector<Rendered> rendered;
  std::vector<Rendered> next;
  std::future<void> rendering;  // declared last: destroyed (waited for) before what it fills
  render_batch(0, rendered);
  for (std::size_t first = 0; first < paths.size(); first += size) {
    if (rendering.valid()) {
      rendering.get();
      rendered.swap(next);
    }
    if (first + size < paths.size()) {
      rendering = std::async(std::launch::async, [&, first]() { render_batch(first + size, next); });
    }
    const auto count = rendered.size();
    for (std::size_t i = 0; i < count; ++i) {
      auto& host = rendered[i];
      if (!host.error.empty()) {
        error = host.error;
        return failed();
      }
      if (!labels_known && !seen.insert(labels[first + i]).second) return Outcome::Again;
      const bool ok = (xccdf < 0 || outputs.append(xccdf, host.xccdf, error)) &&
                      (arf < 0 || (outputs.append(arf_relationships, host.arf.relationships, error) &&
                                   outputs.append(arf_assets, host.arf.asset, error) &&
                                   outputs.append(arf_reports, host.arf.reports, error))) &&
                      (json < 0 || outputs.append(json, first + i == 0 ? host.json : ",\n" + host.json, error));
      if (!ok) return failed();
      if (options.without_benchmark && !options.results.empty()) outputs.add(options.results, std::move(host.xccdf));
      for (const auto& [path, content] : host.files) {
        if (!outputs.write(path, content, error)) return failed();
      }
      summaries.add(host.summary);
      warnings.add(host.warnings);
      output::merge_findings(organization, std::move(host.organization));
      gated = gated || host.gated;
      if (!options.report.empty()) {
        host.identity.source = paths[first + i];
        report_hosts.push_back(std::move(host.identity));
        report_results.push_back(std::move(host.kept));
      }
      if (progress) progress(first + i + 1);
    }
  }
  if (xccdf >= 0 && !outputs.append(xccdf, xccdf_frame.tail, error)) return failed();
  if (json >= 0 && !outputs.append(json, output::json_summary_tail(frame_run, organization), error)) return failed();
  if (arf >= 0) {
    const bool ok = outputs.append(arf, arf_frame.head, error) && outputs.append_copy(arf, arf_relationships, error) &&
                    outputs.append(arf, arf_frame.before_assets, error) &&
                    outputs.append_copy(arf, arf_assets, error) &&
                    outputs.append(arf, arf_frame.before_reports, error) &&
                    outputs.append_copy(arf, arf_reports, error) && outputs.append(arf, arf_frame.tail, error);
    if (!ok) return failed();
  }
  if (!options.report.empty()) {
    output::Run run{&batch.loaded.content,
                    &batch.loaded.evaluation,
                    &report_hosts,
                    &report_results,
                    options.tailoring,
                    options.tailoring.empty() ? nullptr : &batch.loaded.tailoring,
                    batch.user,
                    0,
                    &labels};
    outputs.add(options.report, output::html_report(run));
  }
  if (!outputs.commit(error)) return failed();
  std::fflush(stdout);
  warnings.copy_to(stderr);
  if (!options.quiet) summaries.copy_to(stdout);
  status = gated ? 2 : 0;
  return Outcome::Done;
}

int run(const CheckOptions& options) {
  LoadedContent loaded;
  if (!load_content_reporting({options.content, options.data_stream_id, options.benchmark_id, options.tailoring,
                               options.profile, options.cpe_dictionary},
                              loaded)) {
    return 1;
  }
  const auto& content = loaded.content;
  const auto& evaluation = loaded.evaluation;
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
  evaluate.oval_reports = !options.results_arf.empty() || !options.oval_results.empty();
  if (!options.ocil_results.empty() &&
      !load_ocil_answers(content, options.ocil_results, evaluate.ocil_answers, error)) {
    print_error(error);
    return 1;
  }
  std::vector<stig::Benchmark> stigs;
  if (!load_stigs_reporting(options.stigs, stigs)) return 1;
  std::vector<std::string> paths;
  if (!host_paths(options, paths, error)) {
    print_error(error);
    return 1;
  }
  if (options.without_benchmark && paths.size() != 1) {
    std::cerr << "scapc check: --without-benchmark writes one TestResult, so it takes exactly one --data\n";
    return 1;
  }
  const Batch batch{options, loaded, evaluate, stigs, current_user(), paths.size()};
  std::vector<std::string> labels(paths.size());
  int status = 1;
  auto outcome = stream(batch, paths, labels, false, status);
  if (outcome == Outcome::Again) {
    if (!all_labels(paths, labels, error)) {
      print_error(error);
      return 1;
    }
    outcome = stream(batch, paths, labels, true, status);
  }
  return outcome == Outcome::Done ? status : 1;
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
