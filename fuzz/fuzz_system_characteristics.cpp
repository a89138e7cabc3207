// OVAL system characteristics (from `oscap oval collect` or any collector), read and evaluated by a
// fixed Exchange check, as `scapc oval analyse` and `scapc check --data` do.
#include <scapc/oval_analysis.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "exchange_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  static const auto definitions = scapc::oval::read_definitions(scapc::fuzz::kDefinitions, "fixture.xml", error);
  const auto system = scapc::oval::read_system_characteristics(text, "fuzz.xml", error);
  if (!system || !definitions) return 0;
  const auto analysis = scapc::oval::analyse(*definitions, *system, {});
  (void)scapc::oval::results_document(*definitions, *system, analysis, "2026-01-01T00:00:00");
  return 0;
}
