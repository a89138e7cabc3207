// Real SCAP content that the XSDs (xmllint --nonet --schema) and the semantic checks accept: each
// must give no problem at all and be recognised as the right kind.
#include <catch2/catch.hpp>

#include "support.h"

using scapc::validation::DocumentKind;
using namespace scapc::validation_test;

namespace {

void check_valid(const std::string& file, DocumentKind expected) {
  INFO(file);
  DocumentKind kind = DocumentKind::Unknown;
  CHECK(problems_of(file, &kind).empty());
  CHECK(kind == expected);
}

}  // namespace

TEST_CASE("OpenSCAP's reference fixtures are valid", "[validation][valid]") {
  const std::string dir = "reference/oscap-fixtures/";
  check_valid(shared(dir + "exch-ds13.xml"), DocumentKind::SourceDataStream13);
  check_valid(shared(dir + "exch-xccdf.xml"), DocumentKind::Xccdf12Benchmark);
  check_valid(shared(dir + "exch-oval.xml"), DocumentKind::OvalDefinitions);
  check_valid(shared(dir + "cmdlet-sendconnector-defs.xml"), DocumentKind::OvalDefinitions);
  check_valid(shared(dir + "cmdlet-sendconnector-syschar.xml"), DocumentKind::OvalSystemCharacteristics);
  check_valid(shared(dir + "cmdlet-matrix-defs.xml"), DocumentKind::OvalDefinitions);
  check_valid(shared(dir + "cmdlet-matrix-syschar.xml"), DocumentKind::OvalSystemCharacteristics);
  check_valid(shared("reference/sample-arf-oscap.xml"), DocumentKind::ResultDataStream);
}

TEST_CASE("DISA's Exchange STIG (XCCDF 1.1) is valid", "[validation][valid]") {
  check_valid(shared("corpus/stig/U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml"),
              DocumentKind::Xccdf11Benchmark);
}

// 1.3 MB, 213 OVAL checks and a CPE dictionary, all resolving through the catalogs.
TEST_CASE("DISA's Windows 10 SCAP 1.2 benchmark is valid", "[validation][valid]") {
  check_valid(shared("corpus/scap/U_MS_Windows_10_V1R15_STIG_SCAP_1-2_Benchmark.xml"),
              DocumentKind::SourceDataStream12);
}

TEST_CASE("the other document kinds are recognised and valid", "[validation][valid]") {
  check_valid(fixture("xccdf-tailoring.xml"), DocumentKind::Xccdf12Tailoring);
  check_valid(fixture("xccdf-testresult.xml"), DocumentKind::Xccdf12TestResult);
  check_valid(fixture("oscap-oval-variables.xml"), DocumentKind::OvalVariables);
  check_valid(fixture("cpe-dictionary.xml"), DocumentKind::CpeDictionary);
  check_valid(shared("corpus/arf/arf_simple_rule_fail.xml"), DocumentKind::ResultDataStream);
  check_valid(shared("corpus/arf/xccdf-results-openscap-rhel7.xml"), DocumentKind::Xccdf12Benchmark);
}

TEST_CASE("problems are formatted as the command line prints them", "[validation]") {
  using scapc::validation::format;
  using scapc::validation::Problem;
  CHECK(format(Problem{"a.xml", 12, false, "broken"}) == "a.xml:12: error: broken");
  CHECK(format(Problem{"a.xml", 0, false, "unreadable"}) == "a.xml: error: unreadable");
  CHECK(format(Problem{"a.xml", 3, true, "odd"}) == "a.xml:3: warning: odd");
  CHECK(std::string(to_string(DocumentKind::SourceDataStream13)) == "SCAP 1.3 source data stream");
  CHECK(std::string(to_string(DocumentKind::ResultDataStream)) == "ARF 1.1 result data stream");
}
