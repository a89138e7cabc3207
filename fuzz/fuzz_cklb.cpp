// A STIG Viewer 3 CKLB checklist from any tool, read and written back as CKLB and CKL.
#include <scapc/checklist.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scapc::output::Checklist checklist;
  std::string error;
  if (!scapc::output::read_cklb(text, "fuzz.cklb", checklist, error)) return 0;
  (void)scapc::output::to_cklb(checklist);
  (void)scapc::output::to_ckl(checklist);
  return 0;
}
