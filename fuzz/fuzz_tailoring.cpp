// An XCCDF tailoring file, parsed as `scapc check --tailoring` parses it.
#include <scapc/input.h>
#include <scapc/xccdf_loaded.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pugi::xml_document document;
  std::string error;
  if (!scapc::input::parse_xml(text, "fuzz.xml", document, error)) return 0;
  scapc::xccdf::loaded::Tailoring tailoring;
  (void)scapc::xccdf::loaded::read_tailoring(document.document_element(), "fuzz.xml", text, tailoring, error);
  return 0;
}
