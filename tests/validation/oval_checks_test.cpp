// OVAL platform rules that neither the XSD nor `oscap oval validate` enforce (scap-brief §5.1).
// Both fixtures pass xmllint and oscap oval validate.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "support.h"

using Lines = std::vector<std::string>;
using namespace scapc::validation_test;

TEST_CASE("a test's object and states must be of the test's family", "[validation][oval]") {
  CHECK(problems_of(fixture("oval-wrong-family.xml")) ==
        Lines{"20: error: win-def:cmdlet_test 'oval:com.example.exch:tst:1' references ind:textfilecontent54_object "
              "'oval:com.example.exch:obj:2' as its object; expected win-def:cmdlet_object",
              "24: error: win-def:cmdlet_test 'oval:com.example.exch:tst:2' references ind:textfilecontent54_state "
              "'oval:com.example.exch:ste:2' as its state; expected win-def:cmdlet_state",
              "27: error: ind:textfilecontent54_test 'oval:com.example.exch:tst:3' references win-def:cmdlet_object "
              "'oval:com.example.exch:obj:1' as its object; expected ind:textfilecontent54_object",
              "28: error: ind:textfilecontent54_test 'oval:com.example.exch:tst:3' references win-def:cmdlet_state "
              "'oval:com.example.exch:ste:1' as its state; expected ind:textfilecontent54_state"});
}

TEST_CASE("record entities need datatype=\"record\" and filters name states of the object's family",
          "[validation][oval]") {
  CHECK(problems_of(fixture("oval-record-datatype.xml")) ==
        Lines{"27: error: win-def:parameters of win-def:cmdlet_object 'oval:com.example.exch:obj:1' must have "
              "datatype=\"record\"",
              "28: error: win-def:select of win-def:cmdlet_object 'oval:com.example.exch:obj:1' must have "
              "datatype=\"record\"",
              "31: error: win-def:cmdlet_object 'oval:com.example.exch:obj:1' references ind:textfilecontent54_state "
              "'oval:com.example.exch:ste:2' as its filter state; expected win-def:cmdlet_state",
              "36: error: win-def:value of win-def:cmdlet_state 'oval:com.example.exch:ste:1' must have "
              "datatype=\"record\" (it has datatype=\"string\")"});
}

// exch-ds13.xml with its cmdlet_test pointed at a textfilecontent54_object: still XSD-valid.
TEST_CASE("OVAL inside a data stream component is checked too", "[validation][oval]") {
  std::ifstream in(shared("reference/oscap-fixtures/exch-ds13.xml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = R"(object_ref="oval:com.example.exch:obj:3")";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), R"(object_ref="oval:com.example.exch:obj:1")");
  const auto file = std::filesystem::temp_directory_path() / "scapc-validation-ds-family.xml";
  std::ofstream(file) << text;

  scapc::validation::DocumentKind kind = scapc::validation::DocumentKind::Unknown;
  CHECK(problems_of(file.string(), &kind) ==
        Lines{"32: error: win-def:cmdlet_test 'oval:com.example.exch:tst:3' references ind:textfilecontent54_object "
              "'oval:com.example.exch:obj:1' as its object; expected win-def:cmdlet_object"});
  CHECK(kind == scapc::validation::DocumentKind::SourceDataStream13);
  std::filesystem::remove(file);
}

// What `scapc compile` of an all-manual STIG with --oval used to write; oscap oval validate refuses it.
TEST_CASE("an OVAL document needs at least one section", "[validation][oval]") {
  CHECK(problems_of(fixture("oval-no-sections.xml")) ==
        Lines{"3: error: oval_definitions holds no definitions, tests, objects, states or variables; it needs at least "
              "one"});
}
