// scapc: compiles Exchange security controls and DISA STIGs to SCAP content and checks it offline.
#include <scapc/output_files.h>
#include <scapc/parallel.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "diagnostics.h"

namespace {

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
  scapc::cli::add_info_command(app, exit_code);
  scapc::cli::add_oval_command(app, exit_code);
  scapc::cli::add_validate_command(app, exit_code);
  try {
    app.parse(argc, argv);
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
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    scapc::cli::print_error(std::string("scapc: internal error: ") + error.what());
  } catch (...) {
    scapc::cli::print_error("scapc: internal error");
  }
  return 1;
}
