// PowerShell Export-Clixml output, read into typed properties and collected for a fixed Exchange
// check, as `scapc check --data FOLDER` does.
#include <scapc/clixml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "exchange_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  static const auto definitions = scapc::oval::read_definitions(scapc::fuzz::kDefinitions, "fixture.xml", error);
  auto output = std::make_shared<scapc::oval::CmdletOutput>();
  if (!scapc::oval::read_clixml(text, "Get-MailboxDatabase.xml", (*output)["get-mailboxdatabase"], error)) return 0;
  const auto system = scapc::oval::collect_cmdlets(*definitions, output, {}, "fuzz");
  (void)scapc::oval::analyse(*definitions, *system, {});
  (void)scapc::oval::to_xml(*system);
  return 0;
}
