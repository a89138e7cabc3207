// OCIL results (`scapc check --ocil-results`) answering the questionnaires they carry themselves,
// through OCIL's handlers and truth tables.
#include <scapc/ocil_results.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const pugi::xml_document self_contained;  // empty: the results define their questionnaires
  std::map<std::string, std::string> answers;
  std::string error;
  (void)scapc::ocil::answer_questionnaires(self_contained, text, "fuzz.xml", answers, error);
  return 0;
}
