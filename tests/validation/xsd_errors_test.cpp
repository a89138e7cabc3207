// XSD errors come from libxml2 with the line of the offending element, one problem per mistake.
#include <catch2/catch.hpp>

#include "support.h"

using scapc::validation::DocumentKind;
using Lines = std::vector<std::string>;
using namespace scapc::validation_test;

TEST_CASE("an upper-case record field name is an XSD error at its line", "[validation][xsd]") {
  // libxml2 follows the pattern error with "No precomputed value available" for the same field: dropped.
  CHECK(problems_of(fixture("oval-uppercase-field.xml")) ==
        Lines{"36: error: Element '{http://oval.mitre.org/XMLSchema/oval-definitions-5}field', attribute 'name': "
              "[facet 'pattern'] The value 'DomainSecureEnabled' is not accepted by the pattern '[^A-Z]+'."});
}

// Found while writing these tests: oscap 1.3.7 rewrites a cmdlet_object's select record wrongly
// when it copies the definitions into its OVAL results.
TEST_CASE("OpenSCAP's own OVAL results for cmdlet content fail the XSD", "[validation][xsd]") {
  DocumentKind kind = DocumentKind::Unknown;
  CHECK(problems_of(fixture("oscap-oval-results-cmdlet.xml"), &kind) ==
        Lines{"75: error: Element '{http://oval.mitre.org/XMLSchema/oval-definitions-5#windows}field': This element "
              "is not expected. Expected is ( {http://oval.mitre.org/XMLSchema/oval-definitions-5}filter )."});
  CHECK(kind == DocumentKind::OvalResults);
}

// The semantic check of check-export runs only where no XSD keyref did (see the ARF test): one
// problem per mistake. The Profile select has no keyref, so the semantic check reports it.
TEST_CASE("a dangling XCCDF check-export is the XSD's keyref error, reported once", "[validation][xsd]") {
  CHECK(problems_of(fixture("xccdf-dangling-export.xml")) ==
        Lines{"8: error: Profile 'xccdf_com.example.exchange_profile_p' select idref "
              "'xccdf_com.example.exchange_group_missing' names no Rule or Group (nor a cluster-id) in the Benchmark",
              "17: error: Element '{http://checklists.nist.gov/xccdf/1.2}check-export': No match found for "
              "key-sequence ['xccdf_com.example.exchange_value_missing'] of keyref "
              "'{http://checklists.nist.gov/xccdf/1.2}valueIdKeyRef'."});
}
