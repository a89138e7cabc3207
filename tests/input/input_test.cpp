#include <scapc/input.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace {

using scapc::input::find_text_fault;
using scapc::input::kMaxNesting;

std::string xml_error(std::string_view text) {
  pugi::xml_document document;
  std::string error;
  if (scapc::input::parse_xml(text, "d.xml", document, error)) return "ok";
  return error;
}

std::string json_error(std::string_view text) {
  nlohmann::json document;
  std::string error;
  if (scapc::input::parse_json(text, "d.json", document, error)) return "ok";
  return error;
}

std::string nested_elements(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += "<a>";
  for (int i = 0; i < depth; ++i) text += "</a>";
  return text;
}

std::string nested_arrays(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

}  // namespace

TEST_CASE("UTF-8 is checked by RFC 3629, not by pugixml's leniency", "[input][utf8]") {
  CHECK(find_text_fault("plain \xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x92", true).offset ==
        std::string_view::npos);
  CHECK(find_text_fault("ab\xC0\x80", false).reason == "invalid UTF-8: byte 0xC0 cannot start a character");
  CHECK(find_text_fault("ab\xC0\x80", false).offset == 2);
  CHECK(find_text_fault("\xE0\x80\x80", false).reason == "invalid UTF-8: byte 0x80 after 0xE0");      // overlong
  CHECK(find_text_fault("\xED\xA0\x80", false).reason == "invalid UTF-8: byte 0xA0 after 0xED");      // surrogate
  CHECK(find_text_fault("\xF4\x90\x80\x80", false).reason == "invalid UTF-8: byte 0x90 after 0xF4");  // > U+10FFFF
  CHECK(find_text_fault("\xF5\x80\x80\x80", false).reason == "invalid UTF-8: byte 0xF5 cannot start a character");
  CHECK(find_text_fault("x\x80", false).reason == "invalid UTF-8: byte 0x80 cannot start a character");
  CHECK(find_text_fault("x\xE2\x82", false).reason == "invalid UTF-8: the text ends inside a character");
  CHECK(find_text_fault("\xE2\x41\x41", false).reason == "invalid UTF-8: byte 0x41 after 0xE2");
  CHECK(find_text_fault("\xF0\x9F\x41\x92", false).reason == "invalid UTF-8: byte 0x41 inside a character");
  SECTION("XML characters") {
    CHECK(find_text_fault(std::string_view("a\0b", 3), true).reason == "character U+0000 is not allowed in XML");
    CHECK(find_text_fault("a\x1b", true).reason == "character U+001B is not allowed in XML");
    CHECK(find_text_fault("\xEF\xBF\xBE", true).reason == "character U+FFFE is not allowed in XML");
    CHECK(find_text_fault("a\x1b", false).offset == std::string_view::npos);
    CHECK(find_text_fault("tab\there\r\n", true).offset == std::string_view::npos);
  }
}

TEST_CASE("printable text cannot split or forge a line", "[input][utf8]") {
  CHECK(scapc::input::printable("key 'a\nb'\t\x1b[31m\xFF") == "key 'a\\nb'\\t\\x1B[31m\\xFF");
  CHECK(scapc::input::printable("caf\xC3\xA9") == "caf\xC3\xA9");  // C1 controls: U+009B is an escape sequence's start to some terminals.
  CHECK(scapc::input::printable("a\xC2\x9B" "31mb\xC2\x85") == "a\\u009B31mb\\u0085");
  CHECK(scapc::input::printable("\xC2\xA0") == "\xC2\xA0");  // U+00A0 is printed as it is
}

TEST_CASE("characters XML cannot carry are replaced, one U+FFFD each", "[input][utf8]") {
  std::string text = "a\x01" "b\xEF\xBF\xBF" "c\t\xFF";
  CHECK(scapc::input::holds_non_xml_text(text));
  CHECK(scapc::input::replace_non_xml_text(text) == 3);
  CHECK(text == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\t\xEF\xBF\xBD");
  CHECK_FALSE(scapc::input::holds_non_xml_text(text));
  CHECK(scapc::input::replace_non_xml_text(text) == 0);
}

TEST_CASE("JSON strings and keys with characters XML cannot carry are read repaired", "[input][json]") {
  nlohmann::json document;
  std::string error;
  std::vector<std::string> replaced;
  REQUIRE(scapc::input::parse_json(R"({"host": {"hostName": "a\u0001b"}, "k\uFFFF": ["ok", "\u0000"], "t": "\u0009"})",
                                   "d.json", document, error, &replaced));
  CHECK(document["host"]["hostName"] == "a\xEF\xBF\xBD" "b");
  CHECK(document["k\xEF\xBF\xBD"][1] == "\xEF\xBF\xBD");
  CHECK(document["t"] == "\t");
  CHECK(replaced == std::vector<std::string>{"/host/hostName", "/k\xEF\xBF\xBF", "/k\xEF\xBF\xBF/1"});
  // Nothing to repair: nothing reported, and the document is as parsed.
  replaced.clear();
  REQUIRE(scapc::input::parse_json(R"({"a": "b"})", "d.json", document, error, &replaced));
  CHECK(replaced.empty());
}

TEST_CASE("XML is refused with the line of the fault", "[input][xml]") {
  CHECK(xml_error("<a/>") == "ok");
  CHECK(xml_error("") == "d.xml: the file is empty");
  CHECK(xml_error(" \n ") == "d.xml: the file is empty");
  CHECK(xml_error("<!-- only a comment -->") == "d.xml:1: not well-formed XML: No document element found");
  CHECK(xml_error("<a>\n<b>\n</a>") == "d.xml:3: not well-formed XML: Start-end tags mismatch");
  CHECK(xml_error("<a>\n<b attr=\"x") == "d.xml:2: not well-formed XML: Error parsing element attribute");
  CHECK(xml_error("<a>\n\n<b>caf\xE9</b></a>") == "d.xml:3: invalid UTF-8: byte 0x3C after 0xE9");
  CHECK(xml_error("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>caf\xE9</a>") ==
        "d.xml:2: invalid UTF-8: byte 0x3C after 0xE9 (the document declares encoding 'windows-1252', which is read "
        "as UTF-8)");
  CHECK(xml_error("<a>\n\x01</a>") == "d.xml:2: character U+0001 is not allowed in XML");
}

TEST_CASE("documents in encodings pugixml converts are read", "[input][xml]") {
  CHECK(xml_error("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xE9</a>") == "ok");
  const std::string utf16le("\xFF\xFE<\0a\0/\0>\0", 10);
  pugi::xml_document document;
  std::string error;
  REQUIRE(scapc::input::parse_xml(utf16le, "d.xml", document, error));
  CHECK(std::string(document.document_element().name()) == "a");
}

TEST_CASE("XML that libxml2 refuses is refused here too", "[input][xml]") {
  CHECK(xml_error("<a>\n<b x=\"1\" y=\"2\" x=\"3\"/></a>") == "d.xml:2: attribute 'x' given twice on one element");
  CHECK(xml_error("<a>\n<b>x&#1;y</b></a>") ==
        "d.xml:2: a character reference to a character XML does not allow (such as &#1;)");
  CHECK(xml_error("<a>\n<b v=\"&#xFFFF;\"/></a>") ==
        "d.xml:2: a character reference to a character XML does not allow (such as &#1;)");
  // In a comment &#1; is no reference; a reference to an allowed character is fine.
  CHECK(xml_error("<a><!-- &#1; --><b>&#65;&#x9;</b></a>") == "ok");
}

TEST_CASE("no DOCTYPE: entities are neither expanded nor fetched", "[input][xml]") {
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;\">\n]>\n"
      "<lolz>&lol2;</lolz>";
  CHECK(xml_error(laughs) ==
        "d.xml:2: a DOCTYPE is not accepted (SCAP documents need none, and its entities and external DTD would never "
        "be loaded)");
  CHECK(xml_error("<!DOCTYPE a SYSTEM \"http://example.com/a.dtd\"><a/>")
            .rfind("d.xml:1: a DOCTYPE is not accepted", 0) == 0);
}

TEST_CASE("nesting is limited without recursion", "[input][xml][json]") {
  CHECK(xml_error(nested_elements(kMaxNesting)) == "ok");
  CHECK(xml_error(nested_elements(kMaxNesting + 1)) == "d.xml:1: elements nested more than 256 deep");
  CHECK(xml_error(nested_elements(200000)) == "d.xml:1: elements nested more than 256 deep");
  CHECK(json_error(nested_arrays(kMaxNesting)) == "ok");
  CHECK(json_error(nested_arrays(kMaxNesting + 1)).rfind("d.json:/0/0/", 0) == 0);
  CHECK(json_error(nested_arrays(200000)).find(": arrays and objects nested more than 256 deep") != std::string::npos);
}

TEST_CASE("JSON: overflow, duplicates and syntax errors are located", "[input][json]") {
  CHECK(json_error("{\"a\": [1, 2, 1e999]}") == "d.json:/a/2: number out of range");
  CHECK(json_error("{\"a\": {\"b/c\": 1, \"b/c\": 2}}") == "d.json:/a/b~1c: duplicate key in object");
  CHECK(json_error("{\"a\":\n \"x\ny\"}") ==
        "d.json:2:4: syntax error while parsing value - invalid string: control character U+000A (LF) must be escaped "
        "to \\u000A or \\n");
  CHECK(json_error("") == "d.json: the file is empty");
  CHECK(json_error("\"\xFF\"") ==
        "d.json:1:2: syntax error while parsing value - invalid string: ill-formed UTF-8 byte");
  // Large integers are kept as numbers; whether they fit is the reader's question.
  CHECK(json_error("{\"n\": 99999999999999999999999}") == "ok");
  std::vector<std::string> duplicates;
  nlohmann::json document;
  scapc::input::JsonError error;
  REQUIRE(scapc::input::parse_json("[{\"k\":1,\"k\":2},{\"j\":1,\"j\":1}]", document, error, &duplicates));
  CHECK(duplicates == std::vector<std::string>{"/0/k", "/1/j"});
}

TEST_CASE("files are read whole or refused by name", "[input][file]") {
  std::string text;
  std::string error;
  CHECK_FALSE(scapc::input::read_file("/nonexistent/x.xml", text, error));
  CHECK(error == "/nonexistent/x.xml: cannot read the file: No such file or directory");
  CHECK_FALSE(scapc::input::read_file("/tmp", text, error));
  CHECK(error == "/tmp: cannot read the file: it is a folder");
  REQUIRE(scapc::input::read_file("/dev/null", text, error));
  CHECK(text.empty());
  const auto path = std::filesystem::temp_directory_path() / "scapc-input-test.txt";
  const std::string binary("a\0b\xFF", 4);
  std::ofstream(path, std::ios::binary).write(binary.data(), static_cast<std::streamsize>(binary.size()));
  REQUIRE(scapc::input::read_file(path, text, error));
  CHECK(text == binary);
  std::filesystem::remove(path);
}

TEST_CASE("the longest line says where std::regex would be fed too much", "[input]") {
  CHECK(scapc::input::longest_line("ab\nabcd\n\nabc").number == 2);
  CHECK(scapc::input::longest_line("ab\nabcd\n\nabc").length == 4);
  CHECK(scapc::input::longest_line("").length == 0);
  CHECK(scapc::input::regex_safe(std::string(scapc::input::kMaxRegexSubject, 'a')));
  CHECK_FALSE(scapc::input::regex_safe(std::string(scapc::input::kMaxRegexSubject + 1, 'a')));
}

TEST_CASE("XML parsed in place is checked as parse_xml checks it", "[input][xml]") {
  pugi::xml_document document;
  std::string error;
  std::string text = "<a><b x=\"1\">t&amp;u</b></a>";
  REQUIRE(scapc::input::parse_xml_in_place(text, "made.xml", document, error, pugi::parse_embed_pcdata));
  CHECK(std::string(document.child("a").child("b").text().get()) == "t&u");
  std::string bad = "<a>\n<b>\x01</b></a>";
  CHECK_FALSE(scapc::input::parse_xml_in_place(bad, "made.xml", document, error));
  CHECK(error == "made.xml:2: character U+0001 is not allowed in XML");
  std::string twice = "<a>\n<b x=\"1\" x=\"2\"/></a>";
  CHECK_FALSE(scapc::input::parse_xml_in_place(twice, "made.xml", document, error));
  CHECK(error == "made.xml: attribute 'x' given twice on one element");
}

TEST_CASE("the closest known word to a mistyped one", "[input]") {
  const std::vector<std::string> commands{"compile", "check", "collector", "convert", "info", "oval", "validate"};
  CHECK(scapc::input::closest("chek", commands) == "check");
  CHECK(scapc::input::closest("CHECK", commands) == "check");  // case aside
  CHECK(scapc::input::closest("convret", commands) == "convert");
  CHECK(scapc::input::closest("xyzzy", commands).empty());  // nothing close
  CHECK(scapc::input::closest("", commands).empty());
  // A distinctive part of a long id finds it; of two that contain it, the shorter.
  const std::vector<std::string> profiles{"xccdf_org.scapc_profile_role_edge", "xccdf_org.scapc_profile_role_mailbox",
                                          "xccdf_org.scapc_profile_role_edge_strict"};
  CHECK(scapc::input::closest("role_edge", profiles) == "xccdf_org.scapc_profile_role_edge");
  CHECK(scapc::input::closest("mailbox", profiles) == "xccdf_org.scapc_profile_role_mailbox");
}
