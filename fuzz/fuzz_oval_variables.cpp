// An OVAL variables document (`scapc oval analyse --variables`).
#include <scapc/oval_analysis.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::vector<std::string>> variables;
  std::string error;
  (void)scapc::oval::read_variables(text, "fuzz.xml", variables, error);
  return 0;
}
