// scapc oval analyse: OVAL definitions evaluated against system characteristics, as oscap does.
#include <scapc/check.h>
#include <scapc/clixml.h>
#include <scapc/input.h>
#include <scapc/output_files.h>
#include <scapc/oval_analysis.h>
#include <scapc/parallel.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "clock.h"
#include "commands.h"
#include "diagnostics.h"

namespace scapc::cli {
namespace {

struct AnalyseOptions {
  std::string definitions;
  std::string system;
  std::string variables;
  std::string results;
  std::string syschar_out;
  std::vector<std::string> cmdlet_files;  // Get-X=path
  bool parse_only = false;
};

// The process ends right after analyse: freeing the documents and the index node by node took 8%
// of a run at 100,000 items (perf), and the kernel takes the memory back at once. Held from a
// static, so it stays reachable and leak checkers do not count it.
void kept_until_exit(std::shared_ptr<const void> object) {
  static auto* kept = new std::vector<std::shared_ptr<const void>>();
  kept->push_back(std::move(object));
}

// The benchmark's floor (bench/oval/run.sh): both inputs read and parsed through the input layer
// with the limits and checks analyse applies, then nothing. Every analysis has to do at least
// this, so it is what the time of a full analysis is measured against.
int parse_only(const AnalyseOptions& options) {
  const auto definitions = std::make_shared<pugi::xml_document>();
  const auto system = std::make_shared<pugi::xml_document>();
  input::FileSpan span;
  std::string error;
  if (!input::parse_xml_file(options.definitions, *definitions, span, error, oval::kFileParseOptions) ||
      !input::parse_xml_file(options.system, *system, span, error, oval::kFileParseOptions)) {
    print_error(error);
    return 1;
  }
  // Both held to the end and not freed, as analyse does.
  kept_until_exit(definitions);
  kept_until_exit(system);
  return 0;
}

// The definitions read, indexed and the head of the results written (it copies them) on the
// second core, while SYSTEM is read and parsed on this one: neither needs the other. Overlapping
// the indexing hid a sixth of the run at 100,000 items; overlapping the parse too took 20,000 SSG
// items from 0.119 to 0.110 s, their definitions' parse being 15 ms that waited for nothing
// (docs/performance.md).
class DefinitionsInBackground {
 public:
  DefinitionsInBackground(std::string path, output::StreamWriter* results, std::string timestamp)
      : work_([this, path = std::move(path), results, timestamp = std::move(timestamp)] {
          definitions_ = oval::read_definitions_file(path, error_);
          if (definitions_ && results != nullptr &&
              (!oval::write_results_head(*results, *definitions_, timestamp, error_) || !results->ok())) {
            error_ = "scapc oval analyse: error: " + (results->ok() ? error_ : results->error());
            definitions_.reset();
          }
        }) {}

  // The indexed definitions, or nullptr once their error is printed.
  std::shared_ptr<const oval::DefinitionsDocument> wait() {
    work_.wait();
    if (!definitions_) print_error(error_);
    return definitions_;
  }

 private:
  std::shared_ptr<const oval::DefinitionsDocument> definitions_;
  std::string error_;
  parallel::Background work_;  // last: started once the members it fills exist
};

// --cmdlet Get-X=PATH: that cmdlet's output replaced by the file's CliXml.
bool add_cmdlet_files(const std::vector<std::string>& pairs, oval::CmdletOutput& output, std::string& error) {
  for (const auto& pair : pairs) {
    const auto equals = pair.find('=');
    std::string cmdlet = pair.substr(0, equals);
    std::transform(cmdlet.begin(), cmdlet.end(), cmdlet.begin(), [](unsigned char c) { return std::tolower(c); });
    if (equals == std::string::npos || cmdlet.find('-') == std::string::npos) {
      error = "scapc oval analyse: error: --cmdlet '" + pair + "' must be Get-X=PATH";
      return false;
    }
    const auto path = pair.substr(equals + 1);
    std::string text;
    auto& objects = output[cmdlet];
    objects.clear();
    std::vector<std::string> warnings;
    if (!input::read_file(path, text, error) || !oval::read_clixml(text, path, objects, error, &warnings)) return false;
    for (const auto& warning : warnings) print_error("scapc oval analyse: warning: " + warning);
  }
  return true;
}

// SYSTEM as system characteristics: given as such, or collected from a bundle's or a folder's
// cmdlet output (cut down to that host's objects, as scapc check does) and the --cmdlet files.
std::shared_ptr<const oval::SystemCharacteristics> system_of(
    check::Host& host, const AnalyseOptions& options, const oval::DefinitionsDocument& definitions,
    const std::map<std::string, std::vector<std::string>>& variables, std::string& error) {
  if (host.system) return host.system;
  for (const auto& warning : host.warnings) print_warning(options.system, warning);
  if (!add_cmdlet_files(options.cmdlet_files, *host.output, error)) return nullptr;
  return oval::collect_cmdlets(definitions, host.output, variables, host.host_name, host.failed);
}

int analyse(const AnalyseOptions& options) {
  std::string error;
  // The results document is written as it is serialized (megabytes: it copies both inputs), into
  // a temporary file renamed into place only when the whole run succeeded.
  output::OutputFiles outputs;
  std::optional<output::StreamWriter> results;
  std::string results_error;
  if (!options.results.empty()) {
    const int stream = outputs.open(options.results, results_error);
    if (stream >= 0) results.emplace(outputs, stream);
  }
  DefinitionsInBackground indexing(options.definitions, results ? &*results : nullptr, timestamp_of({}));
  // A problem with the definitions is reported first, as when they were read alone.
  if (!options.results.empty() && !results) {
    if (indexing.wait()) print_error("scapc oval analyse: error: " + results_error);
    return 1;
  }
  std::map<std::string, std::vector<std::string>> variables;
  std::string text;
  const bool variables_read =
      options.variables.empty() || (input::read_file(options.variables, text, error) &&
                                    oval::read_variables(text, options.variables, variables, error));
  std::string().swap(text);
  check::Host host;
  host.host_name = "collected-host";
  const bool host_read = !variables_read || options.system.empty() ||
                         check::load_host(options.system, host, error, check::HostLoading{.name_required = false});
  // A problem with the definitions is reported first, as when they were read alone.
  const auto definitions = indexing.wait();
  if (!definitions) return 1;
  const auto system = variables_read && host_read ? system_of(host, options, *definitions, variables, error) : nullptr;
  if (!system) {
    print_error(error);
    return 1;
  }
  const auto analysed =
      std::make_shared<const oval::Analysis>(oval::analyse(*definitions, *system, variables, parallel::cores()));
  for (const auto& [id, result] : analysed->definitions)
    std::cout << "Definition " << input::printable(id) << ": " << oval::to_string(result) << '\n';
  for (const auto& message : analysed->messages) print_error("scapc oval analyse: " + message);
  if (results && (!oval::write_results_rest(*results, *definitions, *system, *analysed, error) || !results->ok())) {
    print_error("scapc oval analyse: error: " + (results->ok() ? error : results->error()));
    return 1;
  }
  if (!options.syschar_out.empty()) outputs.add(options.syschar_out, oval::to_xml(*system));
  if (!outputs.commit(error)) {
    print_error("scapc oval analyse: error: " + error);
    return 1;
  }
  kept_until_exit(definitions);
  kept_until_exit(system);
  kept_until_exit(analysed);
  return 0;
}

}  // namespace

void add_oval_command(CLI::App& app, int& exit_code) {
  auto* oval = app.add_subcommand("oval", "OVAL tools");
  oval->require_subcommand(1);
  auto* command = oval->add_subcommand("analyse", "Evaluate OVAL definitions against collected system characteristics");
  auto options = std::make_shared<AnalyseOptions>();
  command->add_option("DEFINITIONS", options->definitions, "OVAL definitions")->required()->check(CLI::ExistingFile);
  command
      ->add_option("SYSTEM", options->system,
                   "OVAL system characteristics, or a folder of Export-Clixml files named after their cmdlet "
                   "(Get-SendConnector.xml or GetSendConnector.xml); optional with --cmdlet")
      ->check(CLI::ExistingPath);
  command->add_option("--cmdlet", options->cmdlet_files,
                      "Export-Clixml output of one cmdlet, as Get-SendConnector=path/to/file.xml (repeatable)");
  command->add_option("--variables", options->variables, "OVAL variables file (values of external variables)")
      ->check(CLI::ExistingFile);
  command->add_option("--results", options->results, "Write the OVAL results document here");
  command->add_option("--syschar-out", options->syschar_out,
                      "Also write the system characteristics (useful when SYSTEM is CliXml)");
  // Hidden: for the benchmark only (see parse_only above).
  command->add_flag("--parse-only", options->parse_only, "")->group("");
  command->footer(
      "Example:\n"
      "  scapc oval analyse --variables vars.xml --results results.xml exchange-oval.xml syschar.xml\n"
      "  scapc oval analyse --results results.xml exchange-oval.xml ../shared/corpus/cmdlet-output/E19\n"
      "Prints one line per definition. Nothing is probed: objects come from the system characteristics.\n"
      "Exit status: 0, or 1 when an input cannot be read.");
  command->callback([options, &exit_code] {
    if (options->system.empty() && options->cmdlet_files.empty()) {
      print_error("scapc oval analyse: error: give SYSTEM or at least one --cmdlet Get-X=PATH");
      exit_code = 1;
      return;
    }
    if (!options->cmdlet_files.empty() && !options->system.empty() && !std::filesystem::is_directory(options->system)) {
      print_error("scapc oval analyse: error: --cmdlet adds to a folder of Export-Clixml files, not to " +
                  options->system);
      exit_code = 1;
      return;
    }
    exit_code = options->parse_only ? parse_only(*options) : analyse(*options);
  });
}

}  // namespace scapc::cli
