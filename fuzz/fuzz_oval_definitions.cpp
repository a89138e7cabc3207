// OVAL definitions as `scapc oval analyse` reads them, then collected from fixed cmdlet output and
// evaluated: criteria, extend_definition, variables (local, external, constant), object filters
// and sets, states and every comparison all run on the fuzzed document.
#include <scapc/clixml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "exchange_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto definitions = scapc::oval::read_definitions(text, "fuzz.xml", error);
  if (!definitions) return 0;
  static const auto output = std::make_shared<const scapc::oval::CmdletOutput>(scapc::fuzz::mailbox_databases());
  const std::map<std::string, std::vector<std::string>> variables{{"oval:f:var:1", {"1", "true"}}};
  const auto system = scapc::oval::collect_cmdlets(*definitions, output, variables, "fuzz");
  const auto analysis = scapc::oval::analyse(*definitions, *system, variables);
  (void)scapc::oval::results_document(*definitions, *system, analysis, "2026-01-01T00:00:00");
  return 0;
}
