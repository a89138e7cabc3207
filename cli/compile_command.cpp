// scapc compile: control catalogs to an SCAP 1.3 source data stream (and, on request, its parts).
#include <scapc/compiler.h>
#include <scapc/input.h>
#include <scapc/output_files.h>
#include <scapc/stig.h>

#include <chrono>
#include <iostream>
#include <sstream>

#include "catalog_input.h"
#include "clock.h"
#include "commands.h"
#include "diagnostics.h"
#include "explain.h"

namespace scapc::cli {
namespace {

struct CompileOptions {
  std::vector<std::string> inputs;
  std::string data_stream;
  std::string xccdf;
  std::string oval;
  std::string ocil;
  std::string cpe;
  std::string explain;
  std::string timestamp;
  bool timing = false;
  compiler::Options compiler;
};

// --timing: how long each phase took inside the process, the counterpart of xsltproc --timing, so
// that the conversion can be compared without process start-up (bench/compile/run.sh).
class PhaseTimer {
 public:
  explicit PhaseTimer(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}
  void phase(const char* name) {
    if (!enabled_) return;
    const auto now = Clock::now();
    report(name, now - last_);
    last_ = now;
  }
  void total() {
    if (enabled_) report("total", Clock::now() - start_);
  }

 private:
  using Clock = std::chrono::steady_clock;
  static void report(const char* name, Clock::duration spent) {
    std::cerr << "timing: " << name << ' ' << std::chrono::duration<double, std::milli>(spent).count() << " ms\n";
  }
  bool enabled_;
  Clock::time_point start_;
  Clock::time_point last_;
};

std::string xml_text(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

// The catalogs (merged) and the DISA STIGs among INPUT; false once every problem is printed.
bool read_inputs(const std::vector<std::string>& inputs, controls::Catalog& merged,
                 std::vector<stig::Benchmark>& benchmarks) {
  std::vector<controls::Catalog> catalogs;
  bool ok = true;
  for (const auto& input : inputs) {
    if (looks_like_catalog(input)) {
      auto catalog = load_catalog_reporting(input);
      if (catalog) catalogs.push_back(std::move(*catalog));
      ok = ok && catalog;
      continue;
    }
    // DISA STIG content: XCCDF, STIG Viewer page text or legacy STIG text.
    auto benchmark = load_stig_reporting(input);
    if (benchmark) benchmarks.push_back(std::move(*benchmark));
    ok = ok && benchmark;
  }
  auto merging = controls::merge_catalogs(std::move(catalogs));
  // Controls that come without a check (EDCA's) get the project's own check for their id.
  controls::join_known_checks(merging.catalog, merging.diagnostics);
  print_diagnostics(merging.diagnostics);
  merged = std::move(merging.catalog);
  return ok && merging.ok();
}

int run(CompileOptions& options) {
  PhaseTimer timer(options.timing);
  controls::Catalog merged;
  std::vector<stig::Benchmark> benchmarks;
  if (!read_inputs(options.inputs, merged, benchmarks)) return 1;
  timer.phase("read");
  if (!benchmarks.empty()) {
    controls::Diagnostics diagnostics;
    merged = stig::join(merged, benchmarks, diagnostics);
    print_diagnostics(diagnostics);
    if (merged.title.empty() && benchmarks.size() == 1) merged.title = benchmarks.front().title;
  }

  auto& settings = options.compiler;
  settings.timestamp = timestamp_of(options.timestamp);
  if (!options.oval.empty()) settings.oval_href = std::filesystem::path(options.oval).filename().string();
  if (!options.ocil.empty()) settings.ocil_href = std::filesystem::path(options.ocil).filename().string();
  if (!options.cpe.empty()) settings.cpe_name = std::filesystem::path(options.cpe).filename().string();
  if (settings.source.empty()) {
    for (const auto& input : options.inputs) settings.source += (settings.source.empty() ? "" : " ") + input;
  }
  if (const auto problem = compiler::check_options(settings); !problem.empty()) {
    print_error("scapc compile: error: " + problem);
    return 1;
  }
  timer.phase("join");
  const auto result = compiler::compile(merged, settings);
  for (const auto& error : result.errors) print_error("scapc compile: error: " + error);
  if (!result.errors.empty()) return 1;
  timer.phase("compile");

  output::OutputFiles outputs;
  outputs.add(options.data_stream, xml_text(compiler::data_stream(result.content, settings)));
  if (!options.xccdf.empty()) outputs.add(options.xccdf, xml_text(xccdf::to_document(result.content.benchmark)));
  // An OVAL document with no definitions is invalid (its schematron wants at least one section),
  // and the data stream leaves the component out for the same reason.
  if (!options.oval.empty() && result.content.has_oval()) {
    outputs.add(options.oval, xml_text(oval::to_document(result.content.oval)));
  } else if (!options.oval.empty()) {
    print_warning(options.oval, "not written: no rule is machine-checked, so there are no OVAL definitions");
  }
  if (!options.ocil.empty()) outputs.add(options.ocil, xml_text(ocil::to_document(result.content.ocil)));
  if (!options.cpe.empty()) outputs.add(options.cpe, xml_text(xccdf::cpe_dictionary(result.content.cpe)));
  if (!options.explain.empty()) outputs.add(options.explain, explain(merged, benchmarks));
  timer.phase("serialize");
  std::string error;
  if (!outputs.commit(error)) {
    print_error("scapc compile: error: " + error);
    return 1;
  }
  timer.phase("write");
  timer.total();
  std::size_t rules = 0;
  for (const auto& group : result.content.benchmark.groups) rules += group.rules.size();
  std::cout << input::printable(options.data_stream) << ": " << rules << " rules, "
            << result.content.oval.definitions.size() << " OVAL definitions, "
            << result.content.ocil.questionnaires.size() << " OCIL questionnaires, "
            << result.content.benchmark.profiles.size() << " profiles\n";
  return 0;
}

}  // namespace

void add_compile_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("compile", "Compile control catalogs to an SCAP 1.3 source data stream");
  auto options = std::make_shared<CompileOptions>();
  command
      ->add_option("INPUT", options->inputs,
                   "Catalog (JSON file or directory) or DISA STIG (XCCDF 1.1/1.2, STIG page text, legacy STIG "
                   "text); several are merged")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("-o,--output", options->data_stream, "Source data stream to write")->required();
  command->add_option("--xccdf", options->xccdf, "Also write the XCCDF 1.2 benchmark on its own");
  command->add_option("--oval", options->oval, "Also write the OVAL 5.11.2 definitions on its own");
  command->add_option("--ocil", options->ocil, "Also write the OCIL 2.0 questionnaires on their own");
  command->add_option("--cpe", options->cpe,
                      "Also write the CPE dictionary of the rules' platforms on its own (for the XCCDF file: "
                      "scapc check --cpe, oscap xccdf eval --cpe)");
  command->add_option("--explain", options->explain,
                      "Write, per STIG rule, whether it is automated or manual, why, and the synthesized check");
  command->add_option("--id-namespace", options->compiler.id_namespace,
                      "Reverse-DNS part of every id (no '_'); default org.scapc");
  command->add_option("--name", options->compiler.name, "Name part of benchmark and data stream ids; default exchange");
  command->add_option("--title", options->compiler.title, "Benchmark title (default: the catalog's)");
  command->add_option("--benchmark-version", options->compiler.version, "Benchmark version (default: the catalog's)");
  command->add_option("--timestamp", options->timestamp,
                      "Time written into the content, YYYY-MM-DDThh:mm:ss (default: SOURCE_DATE_EPOCH, else now)");
  command->add_flag("--timing", options->timing,
                    "Print the time of each phase (read, join, compile, serialize, write) to stderr");
  command->footer(
      "Example:\n"
      "  scapc compile controls/catalog -o out/exchange-ds.xml --xccdf out/exchange-xccdf.xml\n"
      "  scapc compile controls/catalog U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml -o ds.xml \\\n"
      "      --explain explain.txt\n"
      "Every STIG rule becomes a rule of its own, automated where its check text states a condition on\n"
      "one Exchange cmdlet's output; --explain compares it with the catalog controls that reference it.\n"
      "Controls with a check block become OVAL cmdlet definitions, the others OCIL questionnaires. Rules\n"
      "apply to the Exchange roles and versions they are written for (CPE platforms), unless the site\n"
      "declares a condition DISA names (XCCDF Values xccdf_<ns>_value_site_*).\n"
      "Identical input and timestamp give byte-identical output. Exit status: 0, or 1 on any error\n"
      "(nothing is written then).");
  command->callback([options, &exit_code] { exit_code = run(*options); });
}

}  // namespace scapc::cli
