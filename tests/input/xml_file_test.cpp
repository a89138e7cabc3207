// parse_xml_file: the same checks and messages as parse_xml on the same text, and the root
// element's bytes found exactly, or not at all.
#include <scapc/input.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace {

class TempFile {
 public:
  explicit TempFile(std::string_view text)
      : path_(std::filesystem::temp_directory_path() /
              ("scapc-xml-file-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".xml")) {
    write(text);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { std::filesystem::remove(path_); }
  void write(std::string_view text) const {
    std::ofstream(path_, std::ios::binary | std::ios::trunc)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// parse_xml_file's message with the path shown as "d.xml", to compare with parse_xml's.
std::string file_error(std::string_view text) {
  const TempFile file(text);
  pugi::xml_document document;
  scapc::input::FileSpan span;
  std::string error;
  if (scapc::input::parse_xml_file(file.path(), document, span, error)) return "ok";
  const auto at = error.find(file.path().string());
  return at == std::string::npos ? error : error.replace(at, file.path().string().size(), "d.xml");
}

std::string text_error(std::string_view text) {
  pugi::xml_document document;
  std::string error;
  return scapc::input::parse_xml(text, "d.xml", document, error) ? "ok" : error;
}

class Collect : public pugi::xml_writer {
 public:
  void write(const void* data, std::size_t size) override { text.append(static_cast<const char*>(data), size); }
  std::string text;
};

// The root element's bytes as copy_span gives them, or "(none)" when the span is empty.
std::string copied_root(std::string_view text, unsigned options = 0) {
  const TempFile file(text);
  pugi::xml_document document;
  scapc::input::FileSpan span;
  std::string error;
  REQUIRE(scapc::input::parse_xml_file(file.path(), document, span, error, options));
  if (span.empty()) return "(none)";
  Collect out;
  REQUIRE(scapc::input::copy_span(span, out, error));
  return out.text;
}

}  // namespace

TEST_CASE("a file parsed in place is refused as its text is, at the same line", "[input][xml]") {
  for (const std::string& text : {
           std::string("<a/>"),
           std::string(" \n "),
           std::string("<!-- only a comment -->"),
           std::string("<a>\n<b>\n</a>"),
           std::string("<a>\n<b attr=\"x"),
           std::string("<a>\n\n<b>caf\xE9</b></a>"),
           std::string("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>caf\xE9</a>"),
           std::string("<a>\n\x01</a>"),
           std::string("<!DOCTYPE a SYSTEM \"x.dtd\">\n<a/>"),
           // Entities and CR LF line ends shrink the text parsed in place; lines are still counted
           // in the file as it is.
           std::string("<a x=\"&amp;&amp;\r\n\r\n\">&lt;&lt;\r\n\r\n&gt;<b>\r\n</c></a>"),
           // Found by fuzz_xml_file: the end of a truncated document, and UTF-32 guessed from
           // zero bytes in a file whose length is no multiple of four.
           std::string("<a\n<b x=\"1\"><"),
           std::string("<\0\0\x06\n\0t", 7),
           std::string("K\0\0\0?\">\n<", 9),
           [] {
             std::string many = "<a>\r\n";
             for (int i = 0; i < 500; ++i) many += "<b x=\"&amp;\r\n\t\">&#10;\r\n&lt;</b>\r\n";
             return many + "</c>";
           }(),
       }) {
    INFO(text);
    CHECK(file_error(text) == text_error(text));
  }
  std::string deep = "<a>\r\n&amp;\r\n";
  for (int i = 0; i < scapc::input::kMaxNesting; ++i) deep += "<b>";
  for (int i = 0; i < scapc::input::kMaxNesting; ++i) deep += "</b>";
  deep += "</a>";
  CHECK(file_error(deep) == "d.xml:3: elements nested more than 256 deep");
  CHECK(file_error(deep) == text_error(deep));
}

TEST_CASE("the root element's bytes are copied out of the file exactly", "[input][xml]") {
  const std::string root = "<r a=\"1 &amp; 2\">\r\n  <c>t &lt; u</c><d>x</d>\n</r >";
  CHECK(copied_root("<?xml version=\"1.0\"?>\n<!-- before -->\n" + root + "\n<!-- after -- > -->\n \n") == root);
  CHECK(copied_root("\xEF\xBB\xBF" + root) == root);
  CHECK(copied_root(root, pugi::parse_embed_pcdata) == root);
  CHECK(copied_root("<r>text</r>") == "<r>text</r>");  // the '<' the parser overwrote is read again
  CHECK(copied_root("<r/>") == "<r/>");
  CHECK(copied_root("<x:r xmlns:x=\"u\"><x:c/></x:r>") == "<x:r xmlns:x=\"u\"><x:c/></x:r>");
  // Where the end cannot be told from behind, or the bytes are not the document's UTF-8: printed instead.
  CHECK(copied_root("<r/><?pi x?>") == "(none)");
  CHECK(copied_root("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\xE9</r>") == "(none)");
  CHECK(copied_root(std::string("\xFF\xFE<\0r\0/\0>\0", 10)) == "(none)");
}

TEST_CASE("a file changed after it was read is not copied", "[input][xml]") {
  const TempFile file("<r><c>1</c></r>\n");
  pugi::xml_document document;
  scapc::input::FileSpan span;
  std::string error;
  REQUIRE(scapc::input::parse_xml_file(file.path(), document, span, error));
  REQUIRE_FALSE(span.empty());
  // Same size, and likely the same modification time: the checksum still tells.
  file.write("<r><c>2</c></r>\n");
  Collect out;
  CHECK_FALSE(scapc::input::copy_span(span, out, error));
  CHECK(error ==
        file.path().string() + ": the file changed after it was read; run again on files that stay as they are");
  std::filesystem::remove(file.path());
  CHECK_FALSE(scapc::input::copy_span(span, out, error));
  CHECK(error.rfind(file.path().string() + ": cannot read the file again: ", 0) == 0);
}

TEST_CASE("a file parsed in place has one copy of its text, as the document's", "[input][xml]") {
  const TempFile file("<r><c>caf\xC3\xA9 &amp; tea</c></r>");
  pugi::xml_document document;
  scapc::input::FileSpan span;
  std::string error;
  REQUIRE(scapc::input::parse_xml_file(file.path(), document, span, error, pugi::parse_embed_pcdata));
  CHECK(std::string(document.child("r").child("c").text().get()) == "caf\xC3\xA9 & tea");
  CHECK(std::string(document.child("r").child_value("c")) == "caf\xC3\xA9 & tea");
  CHECK(document.child("r").child("c").first_child().empty());  // the text is in its element
  CHECK_FALSE(scapc::input::parse_xml_file("/nonexistent/x.xml", document, span, error));
  CHECK(error == "/nonexistent/x.xml: cannot read the file: No such file or directory");
  CHECK_FALSE(scapc::input::parse_xml_file("/tmp", document, span, error));
  CHECK(error == "/tmp: cannot read the file: it is a folder");
}
