// scapc collector: the read-only PowerShell script that collects, on an Exchange server, what the
// content's selected rules need, as the collection bundle scapc check reads.
#include <scapc/check.h>
#include <scapc/collector.h>
#include <scapc/input.h>
#include <scapc/output_files.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "content_input.h"
#include "diagnostics.h"

namespace scapc::cli {
namespace {

struct CollectorOptions {
  std::string content;
  std::string profile;
  std::string tailoring;
  std::string data_stream_id;
  std::string benchmark_id;
  std::string cpe_dictionary;
  std::string output;
  bool clixml = false;
};

int run(const CollectorOptions& options) {
  LoadedContent loaded;
  if (!load_content_reporting({options.content, options.data_stream_id, options.benchmark_id, options.tailoring,
                               options.profile, options.cpe_dictionary},
                              loaded)) {
    return 1;
  }
  const auto& content = loaded.content;
  const auto& evaluation = loaded.evaluation;
  std::string error;
  collector::Plan plan;
  if (!collector::plan(content, evaluation, plan, error)) {
    print_error(error);
    return 1;
  }
  if (plan.invocations.empty() && plan.registry_keys.empty() && plan.service_objects.empty() &&
      plan.audit_policy_objects.empty() && plan.file_paths.empty()) {
    print_warning(options.content,
                  "no selected rule reads a cmdlet, a registry key, a service or a file's rights; the script "
                  "collects the host only");
  }
  output::OutputFiles outputs;
  outputs.add(options.output, collector::powershell_script(plan, {options.content, options.profile, options.clixml}));
  if (!outputs.commit(error)) {
    print_error(error);
    return 1;
  }
  std::size_t objects = plan.service_objects.size() + plan.audit_policy_objects.size() + plan.not_collected.size();
  for (const auto& invocation : plan.invocations) objects += invocation.objects.size();
  for (const auto& key : plan.registry_keys) objects += key.objects.size();
  for (const auto& path : plan.file_paths) objects += path.objects.size();
  std::cout << input::printable(options.output) << ": " << plan.invocations.size() << " cmdlet invocations, "
            << plan.registry_keys.size() << " registry keys" << (plan.service_objects.empty() ? "" : ", the services")
            << (plan.audit_policy_objects.empty() ? "" : ", the audit policy")
            << (plan.file_paths.empty() ? "" : ", the rights of " + std::to_string(plan.file_paths.size()) + " paths")
            << " for " << objects << " OVAL objects";
  if (!plan.not_collected.empty()) std::cout << " (" << plan.not_collected.size() << " not collected)";
  std::cout << '\n';
  return 0;
}

}  // namespace

void add_collector_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CollectorOptions>();
  auto* command = app.add_subcommand(
      "collector", "Write the read-only PowerShell script that collects what the content's selected rules need");
  command
      ->add_option("CONTENT", options->content,
                   "Source data stream (SCAP 1.2/1.3), or XCCDF 1.2 with its check files beside it")
      ->required();
  command->add_option("--profile", options->profile, "Profile id (from the benchmark or the tailoring file)");
  command->add_option("--tailoring", options->tailoring,
                      "XCCDF tailoring file whose profiles may extend the benchmark's");
  command->add_option("--datastream-id", options->data_stream_id, "Data stream to use (default: the first)");
  command->add_option("--benchmark-id", options->benchmark_id, "Benchmark to use (default: the first checklist)");
  command
      ->add_option("--cpe", options->cpe_dictionary,
                   "CPE dictionary of an XCCDF file's platforms (default: NAME-cpe-dictionary.xml beside "
                   "NAME-xccdf.xml); a data stream has its own")
      ->check(CLI::ExistingFile);
  command->add_flag("--clixml", options->clixml,
                    "The script also writes Export-Clixml files by default (it always can, with -CliXml)");
  command->add_option("-o,--output", options->output, "The PowerShell script to write")->required();
  command->footer(
      "Example:\n"
      "  scapc compile controls/catalog -o exchange-ds.xml\n"
      "  scapc collector exchange-ds.xml --profile xccdf_org.scapc_profile_role_edge -o Collect.ps1\n"
      "  (on the server)  .\\Collect.ps1            writes <host>-bundle.json\n"
      "  scapc check exchange-ds.xml --profile xccdf_org.scapc_profile_role_edge --data <host>-bundle.json\n"
      "The script runs only Get cmdlets, with the parameters and properties the OVAL cmdlet objects name;\n"
      "content whose objects run any other verb, or hold names that are not plain identifiers, is refused.");
  command->callback([options, &exit_code]() { exit_code = run(*options); });
}

}  // namespace scapc::cli
