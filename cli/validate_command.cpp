// scapc validate: strict validation of inputs, reporting every problem in one run.
#include <iostream>

#include "catalog_input.h"
#include "commands.h"

namespace scapc::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("validate", "Validate control catalogs strictly, reporting every problem at once");
  auto inputs = std::make_shared<std::vector<std::string>>();
  command->add_option("INPUT", *inputs, "Catalog file or directory of control files")
      ->required()
      ->check(CLI::ExistingPath);
  command->footer(
      "Example:\n"
      "  scapc validate controls/catalog\n"
      "Each problem is one line: FILE:JSON-POINTER: error|warning: reason.\n"
      "Exit status: 0 when every input is valid (warnings allowed), 1 otherwise.");
  command->callback([inputs, &exit_code] {
    for (const auto& input : *inputs) {
      if (const auto catalog = load_catalog_reporting(input)) {
        std::cout << input << ": valid catalog, " << catalog->controls.size() << " controls\n";
      } else {
        exit_code = 1;
      }
    }
  });
}

}  // namespace scapc::cli
