// libxml2 is opened at run time (validation/src/libxml2.h): a library that is missing or is not
// libxml2 is refused with the reason, and the real one answers through every pointer it filled.
#include <catch2/catch.hpp>
#include <string>

#include "libxml2.h"

using scapc::validation::detail::LibXml2;
using scapc::validation::detail::open_libxml2;

TEST_CASE("a library that cannot be opened names itself and the package", "[validation][libxml2]") {
  LibXml2 library;
  std::string error;
  CHECK_FALSE(open_libxml2("libscapc-no-such-library.so.0", library, error));
  CHECK_THAT(error, Catch::Matchers::StartsWith("cannot open libscapc-no-such-library.so.0: "));
  CHECK_THAT(error, Catch::Matchers::Contains("cannot open shared object file"));
  CHECK_THAT(error, Catch::Matchers::EndsWith(" (Debian package libxml2)"));
  CHECK(library.xmlReadMemory == nullptr);
}

TEST_CASE("a library that is not libxml2 names the first function it lacks", "[validation][libxml2]") {
  LibXml2 library;
  std::string error;
  CHECK_FALSE(open_libxml2("libz.so.1", library, error));
  CHECK(error == "libz.so.1 has no xmlInitParser (is it libxml2?)");
  CHECK(library.xmlInitParser == nullptr);
}

TEST_CASE("libxml2 opened at run time parses and frees through its pointers", "[validation][libxml2]") {
  LibXml2 library;
  std::string error;
  REQUIRE(open_libxml2("libxml2.so.2", library, error));
  CHECK(error.empty());
  library.xmlInitParser();
  const std::string text = "<root xmlns='urn:example' id='a1'>text</root>";
  xmlDoc* document = library.xmlReadMemory(text.data(), static_cast<int>(text.size()), "inline.xml", nullptr, 0);
  REQUIRE(document != nullptr);
  const xmlNode* root = library.xmlDocGetRootElement(document);
  REQUIRE(root != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(root->name)) == "root");
  xmlChar* id = library.xmlGetNoNsProp(root, reinterpret_cast<const xmlChar*>("id"));
  REQUIRE(id != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(id)) == "a1");
  library.free(id);
  CHECK(library.xmlGetLineNo(root) == 1);
  // The per-thread error hooks are reached through the functions behind libxml2's macros.
  CHECK(library.structured_error() != nullptr);
  CHECK(library.generic_error() != nullptr);
  library.xmlFreeDoc(document);
}
