// ARF 1.1 or XCCDF 1.2 results from any SCAP tool, as `scapc convert` reads them.
#include <scapc/results_file.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scapc::output::ResultsFile results;
  std::string error;
  (void)scapc::output::read_results(text, "fuzz.xml", results, error);
  return 0;
}
