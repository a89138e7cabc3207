// parse_xml_file against parse_xml on the same bytes: both accept or refuse alike, with the same
// message, and the root span copied back out of the file is the text of the root element.
#include <scapc/input.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace {

class Collect : public pugi::xml_writer {
 public:
  void write(const void* data, std::size_t size) override { text.append(static_cast<const char*>(data), size); }
  std::string text;
};

const std::string& temporary_path() {
  static const std::string path = "/tmp/scapc-fuzz-xml-file-" + std::to_string(::getpid()) + ".xml";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& path = temporary_path();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));

  pugi::xml_document from_text;
  std::string text_error;
  const bool text_ok = scapc::input::parse_xml(text, path, from_text, text_error);
  pugi::xml_document from_file;
  scapc::input::FileSpan span;
  std::string file_error;
  const bool file_ok = scapc::input::parse_xml_file(path, from_file, span, file_error, pugi::parse_embed_pcdata);
  if (text_ok != file_ok || (!text_ok && text_error != file_error)) std::abort();
  if (!file_ok || span.empty()) return 0;

  Collect copied;
  std::string error;
  if (!scapc::input::copy_span(span, copied, error)) std::abort();
  if (copied.text != text.substr(span.begin, span.end - span.begin)) std::abort();
  // The copy is the root element: parsed alone, it has the same name and children.
  pugi::xml_document alone;
  if (!alone.load_buffer(copied.text.data(), copied.text.size())) std::abort();
  const auto root = from_text.document_element();
  if (std::string_view(alone.document_element().name()) != root.name()) std::abort();
  return 0;
}
