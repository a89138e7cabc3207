// scapc oval analyse: OVAL definitions evaluated against system characteristics, as oscap does.
#include <scapc/check.h>
#include <scapc/clixml.h>
#include <scapc/input.h>
#include <scapc/output_files.h>
#include <scapc/oval_analysis.h>
#include <scapc/parallel.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

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

// Whether the file's first character other than white space opens JSON (the collection bundle)
// rather than XML. Read in pieces, so a large system characteristics file is not read twice.
bool starts_like_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 4096> piece{};
  while (in.read(piece.data(), piece.size()) || in.gcount() > 0) {
    const std::string_view text(piece.data(), static_cast<std::size_t>(in.gcount()));
    const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos) return text[first] == '{' || text[first] == '[';
  }
  return false;
}

std::string now() {
  const auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
  return text.data();
}

int analyse(const AnalyseOptions& options) {
  std::string text;
  std::string error;
  auto parsed = oval::parse_definitions_file(options.definitions, error);
  if (!parsed) {
    print_error(error);
    return 1;
  }
  // The results document is written as it is serialized (megabytes: it copies both inputs), into
  // a temporary file renamed into place only when the whole run succeeded.
  output::OutputFiles outputs;
  std::optional<output::StreamWriter> results;
  if (!options.results.empty()) {
    const int stream = outputs.open(options.results, error);
    if (stream < 0) {
      std::cerr << "scapc oval analyse: error: " << error << '\n';
      return 1;
    }
    results.emplace(outputs, stream);
  }
  // Indexing the definitions and writing the head of the results (which copies them) need
  // nothing from SYSTEM, so they run on the second core while a system characteristics file is
  // read and parsed: at 100,000 items that hid a sixth of the run (docs/performance.md).
  std::shared_ptr<const oval::DefinitionsDocument> definitions;
  std::string index_error;
  std::string head_error;
  const auto timestamp = now();
  bool indexed_ok = false;
  parallel::Background indexed([&] {
    definitions = oval::index_parsed_definitions(std::move(parsed), options.definitions, index_error);
    indexed_ok =
        definitions &&
        (!results || (oval::write_results_head(*results, *definitions, timestamp, head_error) && results->ok()));
    if (definitions && results && !results->ok()) head_error = results->error();
  });
  const auto definitions_ready = [&] {
    indexed.wait();
    if (indexed_ok) return true;
    if (!definitions) {
      print_error(index_error);
    } else {
      std::cerr << "scapc oval analyse: error: " << head_error << '\n';
    }
    return false;
  };
  std::map<std::string, std::vector<std::string>> variables;
  if (!options.variables.empty()) {
    if (!input::read_file(options.variables, text, error) ||
        !oval::read_variables(text, options.variables, variables, error)) {
      if (definitions_ready()) print_error(error);
      return 1;
    }
  }
  // SYSTEM is a system characteristics file, a collection bundle, or a folder of Export-Clixml files
  // (Get-X.xml); --cmdlet Get-X=path adds or replaces single cmdlets' CliXml.
  std::shared_ptr<const oval::SystemCharacteristics> system;
  const bool cmdlet_folder = options.system.empty() || std::filesystem::is_directory(options.system);
  if (!cmdlet_folder && !starts_like_json(options.system)) {
    system = oval::read_system_characteristics_file(options.system, error);
    // A problem with the definitions is reported first, as when they were read alone.
    if (!definitions_ready()) return 1;
  } else if (!definitions_ready()) {
    return 1;
  } else {
    // A folder or a bundle is one host's data, cut down to that host's objects as scapc check does.
    check::Host host;
    host.host_name = "collected-host";
    if (!options.system.empty() && !check::load_host(options.system, host, error)) {
      print_error(error);
      return 1;
    }
    for (const auto& warning : host.warnings) std::cerr << options.system << ": warning: " << warning << '\n';
    for (const auto& pair : options.cmdlet_files) {
      const auto equals = pair.find('=');
      std::string cmdlet = pair.substr(0, equals);
      std::transform(cmdlet.begin(), cmdlet.end(), cmdlet.begin(), [](unsigned char c) { return std::tolower(c); });
      const auto path = equals == std::string::npos ? std::string() : pair.substr(equals + 1);
      if (equals == std::string::npos || cmdlet.find('-') == std::string::npos || !cmdlet_folder) {
        std::cerr << "scapc oval analyse: error: --cmdlet '" << pair << "' must be Get-X=PATH, beside a folder\n";
        return 1;
      }
      if (!input::read_file(path, text, error)) {
        print_error(error);
        return 1;
      }
      auto& objects = host.output[cmdlet];
      objects.clear();
      if (!oval::read_clixml(text, path, objects, error)) {
        print_error(error);
        return 1;
      }
    }
    system = oval::collect_cmdlets(*definitions, host.output, variables, host.host_name, error, host.failed);
  }
  if (!system) {
    print_error(error);
    return 1;
  }
  // The bundle is read; its text is not needed any more.
  std::string().swap(text);
  const auto analysed =
      std::make_shared<const oval::Analysis>(oval::analyse(*definitions, *system, variables, parallel::cores()));
  const auto& analysis = *analysed;
  for (const auto& [id, result] : analysis.definitions)
    std::cout << "Definition " << id << ": " << oval::to_string(result) << '\n';
  for (const auto& message : analysis.messages) std::cerr << "scapc oval analyse: " << message << '\n';
  if (results && (!oval::write_results_rest(*results, *definitions, *system, analysis, error) || !results->ok())) {
    std::cerr << "scapc oval analyse: error: " << (results->ok() ? error : results->error()) << '\n';
    return 1;
  }
  if (!options.syschar_out.empty()) {
    outputs.add(options.syschar_out, oval::to_xml(*system));
  }
  if (!outputs.commit(error)) {
    std::cerr << "scapc oval analyse: error: " << error << '\n';
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
      std::cerr << "scapc oval analyse: error: give SYSTEM or at least one --cmdlet Get-X=PATH\n";
      exit_code = 1;
      return;
    }
    exit_code = options->parse_only ? parse_only(*options) : analyse(*options);
  });
}

}  // namespace scapc::cli
