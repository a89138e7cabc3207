// The project's JSON collection bundle, read and collected for a fixed Exchange check, as `scapc
// check --data x.json` does.
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
  scapc::oval::Bundle bundle;
  if (!scapc::oval::read_bundle(text, "fuzz.json", bundle, error)) return 0;
  const auto system = scapc::oval::collect_cmdlets(
      *definitions, std::make_shared<const scapc::oval::CmdletOutput>(std::move(bundle.output)), {}, bundle.host_name,
      bundle.failed);
  (void)scapc::oval::analyse(*definitions, *system, {});
  (void)scapc::oval::to_xml(*system);
  return 0;
}
