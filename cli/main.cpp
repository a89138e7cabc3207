// scapc: compiles Exchange security controls and DISA STIGs to SCAP content and checks it offline.
#include <scapc/input.h>
#include <scapc/output_files.h>
#include <scapc/parallel.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "commands.h"
#include "diagnostics.h"

namespace {

// "; did you mean 'check'?" for a word that is no command, listing the commands there are.
std::string unknown_command(const CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(command->get_name());
  }
  std::string listed;
  for (const auto& name : names) listed += (listed.empty() ? "" : ", ") + name;
  const auto likely = scapc::input::closest(word, names);
  return "scapc: unknown command '" + word + "'" + (likely.empty() ? "" : "; did you mean '" + likely + "'?") +
         " (commands: " + listed + ")";
}

// For each argument of argv that looks like an option the command does not have, the closest one
// it has: "; did you mean --results?".
std::string option_hints(const CLI::App& command, int argc, char** argv) {
  std::vector<std::string> names;
  for (const auto* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  }
  std::string hints;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) != 0 || word.size() == 2) continue;
    word = word.substr(0, word.find('='));
    if (std::find(names.begin(), names.end(), word) != names.end()) continue;
    if (const auto likely = scapc::input::closest(word, names); !likely.empty())
      hints.append("; did you mean ").append(likely).append(" for ").append(word).append("?");
  }
  return hints;
}

int run(int argc, char** argv) {
  CLI::App app{"scapc: SCAP content compiler and checker for Microsoft Exchange security controls"};
  app.set_version_flag("--version", std::string("scapc ") + SCAPC_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  scapc compile controls/catalog -o out/exchange-ds.xml   SCAP 1.3 data stream of the bundled catalog\n"
      "  scapc check out/exchange-ds.xml --data examples/edge01-bundle.json --results-arf arf.xml\n"
      "  scapc info controls/catalog          counts of the bundled catalog by framework, severity, role\n"
      "  scapc validate controls/catalog      strict validation, every problem on one line\n"
      "Run 'scapc COMMAND --help' for the options of a command.");

  int exit_code = 0;
  scapc::cli::add_compile_command(app, exit_code);
  scapc::cli::add_check_command(app, exit_code);
  scapc::cli::add_collector_command(app, exit_code);
  scapc::cli::add_convert_command(app, exit_code);
  scapc::cli::add_diff_command(app, exit_code);
  scapc::cli::add_info_command(app, exit_code);
  scapc::cli::add_oval_command(app, exit_code);
  scapc::cli::add_validate_command(app, exit_code);
  if (argc > 1 && argv[1][0] != '-' &&
      app.get_subcommands([&](const CLI::App* command) { return command->get_name() == argv[1]; }).empty()) {
    scapc::cli::print_error(unknown_command(app, argv[1]));
    return 1;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& error) {
    // A mistyped option: CLI11's message, and the option meant where one is close.
    const auto used = app.get_subcommands();
    const auto hints = used.empty() ? std::string() : option_hints(*used.front(), argc, argv);
    if (hints.empty()) return app.exit(error) == 0 ? 0 : 1;
    scapc::cli::print_error("scapc " + used.front()->get_name() + ": " + error.what() + hints);
    return 1;
  } catch (const CLI::ParseError& error) {
    // Help and version exit 0; every usage error exits 1, as every other error does.
    return app.exit(error) == 0 ? 0 : 1;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // Readers report bad input as diagnostics; anything escaping here is a bug, but still one line.
  // An interrupted run leaves none of its half-written temporary files behind.
  scapc::parallel::on_termination([](int) { scapc::output::remove_unfinished_files(); });
  scapc::input::use_huge_pages_for_xml();
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    scapc::cli::print_error(std::string("scapc: internal error: ") + error.what());
  } catch (...) {
    scapc::cli::print_error("scapc: internal error");
  }
  return 1;
}
