// A DISA STIG as XCCDF (1.1 or 1.2), read and every rule's check text synthesized, as `scapc
// compile` does.
#include <scapc/stig.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scapc::controls::Diagnostics diagnostics;
  const auto benchmark = scapc::stig::read_xccdf_text(text, "fuzz.xml", diagnostics);
  if (!benchmark) return 0;
  for (const auto& rule : benchmark->rules) (void)scapc::stig::synthesize(rule);
  return 0;
}
