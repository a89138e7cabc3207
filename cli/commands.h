// Each subcommand registers itself on the application; `exit_code` receives its outcome.
#pragma once

#include <CLI/CLI.hpp>

namespace scapc::cli {

void add_info_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_compile_command(CLI::App& app, int& exit_code);
void add_oval_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_collector_command(CLI::App& app, int& exit_code);
void add_convert_command(CLI::App& app, int& exit_code);
void add_diff_command(CLI::App& app, int& exit_code);

}  // namespace scapc::cli
