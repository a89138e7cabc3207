// OCIL 2.0 references: dangling ids are the XSD's keyrefs; choices and loops are semantic checks.
#include <catch2/catch.hpp>

#include "support.h"

using scapc::validation::DocumentKind;
using Lines = std::vector<std::string>;
using namespace scapc::validation_test;

TEST_CASE("a dangling question_ref is the XSD's keyref error, reported once", "[validation][ocil]") {
  DocumentKind kind = DocumentKind::Unknown;
  CHECK(problems_of(fixture("ocil-dangling-question.xml"), &kind) ==
        Lines{"17: error: Element '{http://scap.nist.gov/schema/ocil/2.0}boolean_question_test_action': No match "
              "found for key-sequence ['ocil:com.example.exch:question:9'] of keyref "
              "'{http://scap.nist.gov/schema/ocil/2.0}booleanQuestionTestActionKeyRef'."});
  CHECK(kind == DocumentKind::Ocil);
}

TEST_CASE("without the XSD, the semantic check reports the dangling question_ref", "[validation][ocil]") {
  scapc::validation::Validator validator("/nonexistent/schemas");
  CHECK(problems_of(fixture("ocil-dangling-question.xml"), nullptr, validator) ==
        Lines{"error: cannot load the XSD /nonexistent/schemas/ocil/2.0/ocil-2.0.xsd: no such file",
              "17: error: boolean_question_test_action 'ocil:com.example.exch:testaction:1' question_ref "
              "'ocil:com.example.exch:question:9' names no question; expected boolean_question"});
}

TEST_CASE("a when_choice names a choice of its own question, and test_action_refs never loop", "[validation][ocil]") {
  CHECK(problems_of(fixture("ocil-choices-and-loop.xml")) ==
        Lines{"19: error: test_action_ref 'ocil:com.example.exch:questionnaire:1' closes a loop: "
              "ocil:com.example.exch:questionnaire:1 -> ocil:com.example.exch:testaction:2 -> "
              "ocil:com.example.exch:questionnaire:2 -> ocil:com.example.exch:questionnaire:1; evaluation would "
              "never end",
              "33: error: when_choice choice_ref 'ocil:com.example.exch:choice:4' of choice_question_test_action "
              "'ocil:com.example.exch:testaction:1' is not a choice of choice_question "
              "'ocil:com.example.exch:question:1'"});
}
