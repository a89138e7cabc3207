// scapc validate: strict validation of catalogs and SCAP files, every problem in one run.
#include <scapc/input.h>
#include <scapc/validation.h>

#include <cstdlib>
#include <iostream>

#include "catalog_input.h"
#include "commands.h"
#include "diagnostics.h"

namespace scapc::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> inputs;
  std::string schema_dir;
};

bool validate_xml(validation::Validator& validator, const std::string& input) {
  validation::DocumentKind kind = validation::DocumentKind::Unknown;
  const auto problems = validator.validate_file(input, &kind);
  bool valid = true;
  for (const auto& problem : problems) {
    print_error(validation::format(problem));
    valid = valid && problem.warning;
  }
  if (valid) std::cout << scapc::input::printable(input) << ": valid " << validation::to_string(kind) << '\n';
  return valid;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand(
      "validate", "Validate control catalogs and SCAP files (XSD and reference checks), every problem at once");
  auto options = std::make_shared<ValidateOptions>();
  command
      ->add_option("INPUT", options->inputs,
                   "Catalog (JSON file or directory), or SCAP XML: XCCDF 1.1/1.2, OVAL definitions, system "
                   "characteristics, results or variables, OCIL, source or result (ARF) data stream")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("--schema-dir", options->schema_dir,
                      "Official XSDs (default: $SCAPC_SCHEMA_DIR, else /usr/share/openscap/schemas)");
  command->footer(
      "Example:\n"
      "  scapc validate controls/catalog out/exchange-ds.xml\n"
      "Each problem is one line: FILE:LINE: error: reason (FILE:JSON-POINTER for catalogs).\n"
      "Each XSD is loaded once per run. Exit status: 0 when every input is valid (warnings allowed), 1 otherwise.");
  command->callback([options, &exit_code] {
    std::string schemas = options->schema_dir;
    if (schemas.empty()) {
      const char* from_environment = std::getenv("SCAPC_SCHEMA_DIR");
      schemas =
          from_environment != nullptr && *from_environment != '\0' ? from_environment : "/usr/share/openscap/schemas";
    }
    validation::Validator validator(schemas);
    for (const auto& input : options->inputs) {
      if (looks_like_catalog(input)) {
        if (const auto catalog = load_catalog_reporting(input)) {
          std::cout << scapc::input::printable(input) << ": valid catalog, " << catalog->controls.size()
                    << " controls\n";
        } else {
          exit_code = 1;
        }
      } else if (!validate_xml(validator, input)) {
        exit_code = 1;
      }
    }
  });
}

}  // namespace scapc::cli
