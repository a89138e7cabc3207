// STIG text (STIG Viewer's page text or the legacy text layout), read and synthesized.
#include <scapc/stig.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scapc::controls::Diagnostics diagnostics;
  const auto benchmark = scapc::stig::read_text(text, "fuzz.txt", diagnostics);
  if (!benchmark) return 0;
  for (const auto& rule : benchmark->rules) (void)scapc::stig::synthesize(rule);
  return 0;
}
