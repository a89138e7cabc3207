// Source data stream links that `oscap ds sds-validate` does not check: every fixture here passes
// the SDS 1.3 XSD (xmllint --nonet --schema sds/1.3/scap-source-data-stream_1.3.xsd).
#include <catch2/catch.hpp>

#include "support.h"

using scapc::validation::DocumentKind;
using Lines = std::vector<std::string>;
using namespace scapc::validation_test;

TEST_CASE("a check-content-ref naming a definition the OVAL component lacks", "[validation][sds]") {
  DocumentKind kind = DocumentKind::Unknown;
  CHECK(problems_of(fixture("sds-missing-definition.xml"), &kind) ==
        Lines{"151: error: Rule 'xccdf_com.example.exchange_rule_max_message_size' check names definition "
              "'oval:com.example.exch:def:99', which is not in component 'scap_org.open-scap_comp_exch-oval.xml'"});
  CHECK(kind == DocumentKind::SourceDataStream13);
}

// The remote component (xlink:href not "#id") and the Rule reaching it are legitimate and skipped.
TEST_CASE("component-refs, catalogs, checks and Profile idrefs must all resolve", "[validation][sds]") {
  CHECK(problems_of(fixture("sds-broken-links.xml")) ==
        Lines{"11: error: catalog entry 'ghost.xml' of component-ref 'scap_com.example_cref_xccdf' maps to "
              "'#scap_com.example_cref_ghost', which names no component-ref in data-stream "
              "'scap_com.example_datastream_broken'",
              "19: error: component-ref 'scap_com.example_cref_gone' xlink:href '#scap_com.example_comp_gone' names no "
              "component in the collection",
              "69: error: Profile 'xccdf_com.example.exchange_profile_p' select idref "
              "'xccdf_com.example.exchange_rule_missing' names no Rule or Group (nor a cluster-id) in the Benchmark",
              "70: error: Profile 'xccdf_com.example.exchange_profile_p' refine-value idref "
              "'xccdf_com.example.exchange_rule_ok' names a Rule; refine-value needs a Value",
              "71: error: Profile 'xccdf_com.example.exchange_profile_p' set-value idref "
              "'xccdf_com.example.exchange_value_missing' names no Value in the Benchmark",
              "84: error: Rule 'xccdf_com.example.exchange_rule_uncatalogued' check href 'elsewhere.xml' is not a name "
              "in the catalog of component-ref 'scap_com.example_cref_xccdf'",
              "90: error: Rule 'xccdf_com.example.exchange_rule_questionnaire' check names questionnaire "
              "'ocil:com.example.exch:questionnaire:9', which is not in component 'scap_com.example_comp_ocil'",
              "96: error: Rule 'xccdf_com.example.exchange_rule_wrong_kind' OVAL check href 'ocil.xml' leads to "
              "component 'scap_com.example_comp_ocil', which holds ocil, not oval_definitions"});
}

// OpenSCAP's own test data: a Rule's href is only in the CPE dictionary's catalog. OpenSCAP
// evaluated it anyway; SP 800-126 resolves it through the checklist's catalog.
TEST_CASE("a data stream inside an ARF report request is checked too", "[validation][sds]") {
  CHECK(problems_of(shared("corpus/arf/arf_rule_and_cpe_check.xml")) ==
        Lines{"95: error: Rule 'xccdf_moc.elpmaxe.www_rule_applicable_fail' check href 'stub-cpe-oval.xml' is not a "
              "name in the catalog of component-ref 'scap_org.open-scap_cref_first-xccdf.xml' (it is in the catalog "
              "of component-ref 'scap_org.open-scap_cref_stub-cpe.xml')"});
}

TEST_CASE("in ARF content, which no keyref checked, dangling ids are reported by the semantic checks",
          "[validation][arf]") {
  CHECK(problems_of(fixture("arf-lax-content.xml")) ==
        Lines{"15: error: win-def:cmdlet_test 'oval:com.example.exch:tst:1' references object "
              "'oval:com.example.exch:obj:404', which is not in this oval_definitions",
              "31: error: questionnaire 'ocil:com.example.exch:questionnaire:1' test_action_ref "
              "'ocil:com.example.exch:testaction:404' names no test action or questionnaire",
              "36: error: boolean_question_test_action 'ocil:com.example.exch:testaction:1' question_ref "
              "'ocil:com.example.exch:question:404' names no question; expected boolean_question",
              "56: error: check-export value-id 'xccdf_com.example.exchange_value_missing' of Rule "
              "'xccdf_com.example.exchange_rule_size' names no Value in the Benchmark"});
}

// The XSD keys Rule, Group, Value and Profile ids but not TestResult ids (oscap xccdf validate
// passes this file): two hosts labelled alike would share one.
TEST_CASE("two TestResults with one id are refused", "[validation][xccdf]") {
  CHECK(problems_of(fixture("xccdf-duplicate-testresults.xml")) ==
        Lines{"16: error: TestResult id 'xccdf_com.example_testresult_a-2' is used twice (first at line 9); each "
              "TestResult needs its own"});
}
