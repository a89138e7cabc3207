// scapc oval analyse: OVAL definitions evaluated against system characteristics, as oscap does.
#include <scapc/clixml.h>
#include <scapc/oval_analysis.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "diagnostics.h"
#include "output_files.h"

namespace scapc::cli {
namespace {

struct AnalyseOptions {
  std::string definitions;
  std::string system;
  std::string variables;
  std::string results;
  std::string syschar_out;
  std::vector<std::string> cmdlet_files;  // Get-X=path
};

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
  if (!read_file(options.definitions, text, error)) {
    print_error(error);
    return 1;
  }
  const auto definitions = oval::read_definitions(text, options.definitions, error);
  if (!definitions) {
    print_error(error);
    return 1;
  }
  std::map<std::string, std::vector<std::string>> variables;
  if (!options.variables.empty()) {
    if (!read_file(options.variables, text, error) ||
        !oval::read_variables(text, options.variables, variables, error)) {
      print_error(error);
      return 1;
    }
  }
  // SYSTEM is a system characteristics file, a collection bundle, or a folder of Export-Clixml files
  // (Get-X.xml); --cmdlet Get-X=path adds or replaces single cmdlets' CliXml.
  std::shared_ptr<const oval::SystemCharacteristics> system;
  if (options.system.empty() || std::filesystem::is_directory(options.system)) {
    oval::CmdletOutput output;
    if (!options.system.empty() && !oval::read_clixml_folder(options.system, output, error)) {
      print_error(error);
      return 1;
    }
    for (const auto& pair : options.cmdlet_files) {
      const auto equals = pair.find('=');
      std::string cmdlet = pair.substr(0, equals);
      std::transform(cmdlet.begin(), cmdlet.end(), cmdlet.begin(), [](unsigned char c) { return std::tolower(c); });
      const auto path = equals == std::string::npos ? std::string() : pair.substr(equals + 1);
      if (equals == std::string::npos || cmdlet.find('-') == std::string::npos) {
        std::cerr << "scapc oval analyse: error: --cmdlet '" << pair << "' must be Get-X=PATH\n";
        return 1;
      }
      if (!read_file(path, text, error)) {
        print_error(error);
        return 1;
      }
      auto& objects = output[cmdlet];
      objects.clear();
      if (!oval::read_clixml(text, path, objects, error)) {
        print_error(error);
        return 1;
      }
    }
    system = oval::collect_cmdlets(*definitions, output, variables, "collected-host", error);
  } else if (read_file(options.system, text, error)) {
    // A JSON document is the project's collection bundle; XML is system characteristics.
    const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
      oval::Bundle bundle;
      if (oval::read_bundle(text, options.system, bundle, error)) {
        system = oval::collect_cmdlets(*definitions, bundle.output, variables, bundle.host_name, error, bundle.failed);
      }
    } else {
      system = oval::read_system_characteristics(text, options.system, error);
    }
  }
  if (!system) {
    print_error(error);
    return 1;
  }
  const auto analysis = oval::analyse(*definitions, *system, variables);
  for (const auto& [id, result] : analysis.definitions)
    std::cout << "Definition " << id << ": " << oval::to_string(result) << '\n';
  for (const auto& message : analysis.messages) std::cerr << "scapc oval analyse: " << message << '\n';
  OutputFiles outputs;
  if (!options.results.empty()) {
    std::ostringstream xml;
    oval::results_document(*definitions, *system, analysis, now())
        .save(xml, "  ", pugi::format_default, pugi::encoding_utf8);
    outputs.add(options.results, xml.str());
  }
  if (!options.syschar_out.empty()) {
    outputs.add(options.syschar_out, oval::to_xml(*system));
  }
  if (!outputs.commit(error)) {
    std::cerr << "scapc oval analyse: error: " << error << '\n';
    return 1;
  }
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
    exit_code = analyse(*options);
  });
}

}  // namespace scapc::cli
