// A control catalog (EDCA's JSON with declarative checks), as `scapc compile` and `info` read it.
#include <scapc/controls/load.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = scapc::controls::load_catalog_text(text, "fuzz.json");
  (void)result.ok();
  return 0;
}
