// Inputs that are not valid SCAP documents at all: unreadable, not XML, not well-formed, of no known
// kind, or using DTDs and entities. Each gives exact problems, and nothing is fetched or expanded.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support.h"

using scapc::validation::DocumentKind;
using Lines = std::vector<std::string>;
using namespace scapc::validation_test;

namespace {

// A scratch directory removed at the end of the test.
struct ScratchDirectory {
  std::filesystem::path path;
  explicit ScratchDirectory(const std::string& name) : path(std::filesystem::temp_directory_path() / name) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  std::string write(const std::string& name, const std::string& text) const {
    const auto file = path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }
};

}  // namespace

TEST_CASE("a file that cannot be read is one problem without a line", "[validation][input]") {
  CHECK(problems_of(fixture("no-such-file.xml")) == Lines{"error: cannot read the file: it does not exist"});
  CHECK(problems_of(fixture("")) == Lines{"error: cannot read the file: it is not a regular file"});
  const ScratchDirectory scratch("scapc-validation-input");
  CHECK(problems_of(scratch.write("empty.xml", "")) == Lines{"error: the file is empty"});
}

TEST_CASE("a not-well-formed file is reported at the line of the error", "[validation][input]") {
  DocumentKind kind = DocumentKind::OvalDefinitions;
  CHECK(problems_of(fixture("not-well-formed.xml"), &kind) ==
        Lines{"5: error: Opening and ending tag mismatch: generator line 3 and generatr"});
  CHECK(kind == DocumentKind::Unknown);
}

TEST_CASE("a root element of no SCAP kind is one problem", "[validation][input]") {
  DocumentKind kind = DocumentKind::OvalDefinitions;
  CHECK(problems_of(fixture("unknown-root.xml"), &kind) ==
        Lines{"3: error: unknown document type: root element 'CHECKLIST' in no namespace"});
  CHECK(kind == DocumentKind::Unknown);
  CHECK(problems_of(shared("corpus/scap/ovalrepo-cmdlet/oval_org.mitre.oval_tst_86410.xml")) ==
        Lines{"2: error: unknown document type: root element 'cmdlet_test' in namespace "
              "'http://oval.mitre.org/XMLSchema/oval-definitions-5#windows'"});
}

// The DOCTYPE points at a closed local port and the external entity at a file holding a marker:
// fetching either would show (a refused-load problem, a delay, or the marker in a message).
TEST_CASE("DTDs and entities are never loaded or expanded", "[validation][input]") {
  DocumentKind kind = DocumentKind::Unknown;
  const auto problems = problems_of(fixture("external-entity.xml"), &kind);
  CHECK(kind == DocumentKind::OvalDefinitions);
  CHECK(
      problems ==
      Lines{"3: warning: the DOCTYPE names the external DTD 'http://127.0.0.1:9/oval.dtd'; it is not loaded",
            // A generator alone: the document is no OVAL definitions either way.
            "7: error: oval_definitions holds no definitions, tests, objects, states or variables; it needs at least one",
            "9: error: entity reference '&secret;' is not expanded: SCAP content is read without DTDs or entities",
            "10: error: entity reference '&product;' is not expanded: SCAP content is read without DTDs or entities"});
  for (const auto& line : problems) {
    CHECK(line.find("SCAPC-SECRET-MARKER") == std::string::npos);
    CHECK(line.find("refused to load") == std::string::npos);
  }
}

TEST_CASE("an entity inside an attribute value is reported at its element", "[validation][input]") {
  const ScratchDirectory scratch("scapc-validation-attribute-entity");
  const std::string file = scratch.write("attribute-entity.xml", R"(<?xml version="1.0"?>
<!DOCTYPE Benchmark [ <!ENTITY v "xccdf_com.example_benchmark_x"> ]>
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="&v;">
  <status>draft</status>
  <version>1</version>
</Benchmark>
)");
  // Without the entity the id is empty, which the XSD then rejects.
  CHECK(problems_of(file) ==
        Lines{"3: error: entity reference '&v;' is not expanded: SCAP content is read without DTDs or entities",
              "3: error: Element '{http://checklists.nist.gov/xccdf/1.2}Benchmark', attribute 'id': '' is not a "
              "valid value of the atomic type '{http://checklists.nist.gov/xccdf/1.2}benchmarkIdType'."});
}

TEST_CASE("an XSD importing from the network is refused, not fetched", "[validation][input]") {
  const ScratchDirectory schemas("scapc-validation-network-xsd");
  schemas.write("ocil/2.0/ocil-2.0.xsd", R"(<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="urn:example" schemaLocation="http://127.0.0.1:9/example.xsd"/>
</xsd:schema>
)");
  scapc::validation::Validator validator(schemas.path);
  CHECK(problems_of(fixture("ocil-dangling-question.xml"), nullptr, validator) ==
        Lines{"error: cannot load the XSD " + (schemas.path / "ocil/2.0/ocil-2.0.xsd").string() +
                  ": refused to load external resource 'http://127.0.0.1:9/example.xsd'",
              "17: error: boolean_question_test_action 'ocil:com.example.exch:testaction:1' question_ref "
              "'ocil:com.example.exch:question:9' names no question; expected boolean_question"});
}

TEST_CASE("a missing schema directory is a problem, and the semantic checks still run", "[validation][input]") {
  scapc::validation::Validator validator("/nonexistent/schemas");
  DocumentKind kind = DocumentKind::Unknown;
  CHECK(problems_of(fixture("oval-wrong-family.xml"), &kind, validator) ==
        Lines{"error: cannot load the XSD /nonexistent/schemas/oval/5.11.2/oval-definitions-schema.xsd: no such file",
              "20: error: win-def:cmdlet_test 'oval:com.example.exch:tst:1' references ind:textfilecontent54_object "
              "'oval:com.example.exch:obj:2' as its object; expected win-def:cmdlet_object",
              "24: error: win-def:cmdlet_test 'oval:com.example.exch:tst:2' references ind:textfilecontent54_state "
              "'oval:com.example.exch:ste:2' as its state; expected win-def:cmdlet_state",
              "27: error: ind:textfilecontent54_test 'oval:com.example.exch:tst:3' references win-def:cmdlet_object "
              "'oval:com.example.exch:obj:1' as its object; expected ind:textfilecontent54_object",
              "28: error: ind:textfilecontent54_test 'oval:com.example.exch:tst:3' references win-def:cmdlet_state "
              "'oval:com.example.exch:ste:1' as its state; expected ind:textfilecontent54_state"});
  CHECK(kind == DocumentKind::OvalDefinitions);
  // The failed XSD is remembered, not parsed again.
  CHECK(validator.schemas_loaded() == 1);
  CHECK(validator.validate_file(fixture("oval-wrong-family.xml")).size() == 5);
  CHECK(validator.schemas_loaded() == 1);
}

TEST_CASE("each XSD is parsed once per Validator", "[validation][schemas]") {
  scapc::validation::Validator validator;
  CHECK(validator.schemas_loaded() == 0);
  CHECK(validator.validate_file(shared("reference/oscap-fixtures/exch-oval.xml")).empty());
  CHECK(validator.schemas_loaded() == 1);
  CHECK(validator.validate_file(shared("reference/oscap-fixtures/cmdlet-sendconnector-defs.xml")).empty());
  CHECK(validator.schemas_loaded() == 1);
  // The three XCCDF 1.2 roots share one XSD.
  CHECK(validator.validate_file(shared("reference/oscap-fixtures/exch-xccdf.xml")).empty());
  CHECK(validator.validate_file(fixture("xccdf-tailoring.xml")).empty());
  CHECK(validator.validate_file(fixture("xccdf-testresult.xml")).empty());
  CHECK(validator.schemas_loaded() == 2);
  // A file that does not parse needs no XSD.
  CHECK(validator.validate_file(fixture("not-well-formed.xml")).size() == 1);
  CHECK(validator.schemas_loaded() == 2);
}

// The XSD starts loading on a second thread from a guess made on the start of the text; a wrong
// guess is dropped, so what is reported and how many XSDs count as loaded match a sequential run.
TEST_CASE("an XSD guessed from the start of the text is dropped when the guess was wrong", "[validation][schemas]") {
  const ScratchDirectory scratch("scapc-validation-guess");
  // The guess stops at the first child that is not a data-stream, and so takes SCAP 1.2; the
  // whole tree says 1.3 through the later data-stream.
  const auto file =
      scratch.write("late-version.xml",
                    "<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/schema/scap/source/1.2\" id=\"c\">\n"
                    "  <ds:data-stream id=\"a\"/>\n"
                    "  <ds:component id=\"x\"/>\n"
                    "  <ds:data-stream id=\"b\" scap-version=\"1.3\"/>\n"
                    "</ds:data-stream-collection>\n");
  scapc::validation::Validator validator;
  DocumentKind kind = DocumentKind::Unknown;
  const Lines first = problems_of(file, &kind, validator);
  CHECK(kind == DocumentKind::SourceDataStream13);
  CHECK(validator.schemas_loaded() == 1);
  CHECK_FALSE(first.empty());
  // Again, with the 1.3 XSD cached and nothing guessed: the same problems.
  CHECK(problems_of(file, &kind, validator) == first);
  CHECK(validator.schemas_loaded() == 1);
}
