// OCIL 2.0 results read back as XCCDF answers: recorded results, results computed from the
// answers (boolean, choice, numeric, string; AND/OR, negate, chains, loops), and bad input.
#include <scapc/ocil.h>
#include <scapc/ocil_results.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <sstream>
#include <string>

using Answers = std::map<std::string, std::string>;

namespace {

// The questionnaires of tests/ocil/fixtures/questionnaires.xml, by number.
std::string questionnaire(int n) {
  return "ocil:t:questionnaire:" + std::to_string(n);
}

const pugi::xml_document& questionnaires() {
  static const auto document = [] {
    auto loaded = std::make_unique<pugi::xml_document>();
    const auto parsed = loaded->load_file(SCAPC_SOURCE_DIR "/tests/ocil/fixtures/questionnaires.xml");
    REQUIRE(parsed);
    return loaded;
  }();
  return *document;
}

// A results-only OCIL document; `results` is the content of <results>, starting on line 5.
std::string results_document(const std::string& results) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<ocil xmlns="http://scap.nist.gov/schema/ocil/2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <generator><schema_version>2.0</schema_version><timestamp>2024-01-02T00:00:00</timestamp></generator>
  <results>
)" + results +
         "  </results>\n</ocil>\n";
}

std::string question_results(const std::string& results) {
  return "<question_results>\n" + results + "</question_results>\n";
}

// An answer to question n of the fixture; `value` "true"/"false", or an exceptional response.
std::string boolean(int n, const std::string& value) {
  const std::string ref = "question_ref=\"ocil:t:question:" + std::to_string(n) + "\"";
  if (value == "true" || value == "false") {
    return "<boolean_question_result " + ref + "><answer>" + value + "</answer></boolean_question_result>\n";
  }
  return "<boolean_question_result " + ref + " response=\"" + value +
         "\"><answer xsi:nil=\"true\"/></boolean_question_result>\n";
}

std::string choice(int n) {
  return "<choice_question_result question_ref=\"ocil:t:question:2\"><answer choice_ref=\"ocil:t:choice:" +
         std::to_string(n) + "\"/></choice_question_result>\n";
}

std::string typed(const std::string& kind, int question, const std::string& value) {
  return "<" + kind + "_question_result question_ref=\"ocil:t:question:" + std::to_string(question) + "\"><answer>" +
         value + "</answer></" + kind + "_question_result>\n";
}

Answers answer(const std::string& results, const pugi::xml_document& definitions = questionnaires()) {
  Answers answers;
  std::string error;
  const bool ok = scapc::ocil::answer_questionnaires(definitions, results_document(results), "r.xml", answers, error);
  INFO(error);
  REQUIRE(ok);
  return answers;
}

std::string answer_of(int n, const std::string& results) {
  const auto answers = answer(results);
  const auto found = answers.find(questionnaire(n));
  return found == answers.end() ? "(absent)" : found->second;
}

std::string error_for(const std::string& xml) {
  Answers answers;
  std::string error;
  CHECK_FALSE(scapc::ocil::answer_questionnaires(questionnaires(), xml, "r.xml", answers, error));
  CHECK(answers.empty());
  return error;
}

}  // namespace

TEST_CASE("a recorded questionnaire_result is the answer, over the question answers", "[ocil]") {
  const auto [ocil, xccdf] = GENERATE(table<std::string, std::string>({{"PASS", "pass"},
                                                                       {"FAIL", "fail"},
                                                                       {"ERROR", "error"},
                                                                       {"UNKNOWN", "unknown"},
                                                                       {"NOT_TESTED", "notchecked"},
                                                                       {"NOT_APPLICABLE", "notapplicable"}}));
  const auto answers =
      answer("<questionnaire_results><questionnaire_result questionnaire_ref=\"ocil:t:questionnaire:1\" result=\"" +
             ocil + "\"/></questionnaire_results>\n" + question_results(boolean(1, "false")));
  CHECK(answers.at(questionnaire(1)) == xccdf);
  CHECK(answers.at(questionnaire(10)) == xccdf);  // questionnaire 10 only nests questionnaire 1
}

TEST_CASE("boolean answers: true passes, false fails, and every questionnaire reading them follows", "[ocil]") {
  CHECK(answer(question_results(boolean(1, "true"))) ==
        Answers{{questionnaire(1), "pass"},
                {questionnaire(3), "notchecked"},  // AND, one unanswered
                {questionnaire(4), "pass"},        // OR
                {questionnaire(5), "fail"},        // negated
                {questionnaire(10), "pass"}});
  CHECK(answer(question_results(boolean(1, "false"))) == Answers{{questionnaire(1), "fail"},
                                                                 {questionnaire(3), "fail"},
                                                                 {questionnaire(4), "notchecked"},
                                                                 {questionnaire(5), "pass"},
                                                                 {questionnaire(10), "fail"}});
  CHECK(answer_of(1, question_results(typed("boolean", 1, " 1 "))) == "pass");  // xsd:boolean spellings
  CHECK(answer_of(1, question_results(typed("boolean", 1, "0"))) == "fail");
}

TEST_CASE("a choice answer takes the handler naming it, choice groups included", "[ocil]") {
  CHECK(answer_of(2, question_results(choice(1))) == "pass");
  CHECK(answer_of(2, question_results(choice(2))) == "fail");
  CHECK(answer_of(2, question_results(choice(3))) == "notapplicable");  // from choicegroup:1
}

TEST_CASE("AND and OR combine as OCIL 2.0's truth tables say", "[ocil]") {
  struct Row {
    std::string first, second, and_result, or_result;
  };
  const auto row = GENERATE(values<Row>({
      {"true", "true", "pass", "pass"},
      {"true", "false", "fail", "pass"},
      {"false", "false", "fail", "fail"},
      {"true", "", "notchecked", "pass"},
      {"false", "", "fail", "notchecked"},
      {"ERROR", "UNKNOWN", "error", "error"},  // OCIL ranks ERROR over UNKNOWN (XCCDF does not)
      {"UNKNOWN", "NOT_TESTED", "unknown", "unknown"},
      {"false", "UNKNOWN", "fail", "unknown"},
      {"true", "ERROR", "error", "pass"},
      {"NOT_APPLICABLE", "NOT_APPLICABLE", "notapplicable", "notapplicable"},
      {"NOT_APPLICABLE", "true", "pass", "pass"},
      {"NOT_APPLICABLE", "false", "fail", "fail"},
  }));
  INFO(row.first << " and/or " << (row.second.empty() ? "unanswered" : row.second));
  const auto answers =
      answer(question_results(boolean(1, row.first) + (row.second.empty() ? "" : boolean(3, row.second))));
  CHECK(answers.at(questionnaire(3)) == row.and_result);
  CHECK(answers.at(questionnaire(4)) == row.or_result);
}

TEST_CASE("negate swaps PASS and FAIL and leaves the other results alone", "[ocil]") {
  CHECK(answer_of(5, question_results(boolean(1, "true"))) == "fail");  // <actions negate="true">
  CHECK(answer_of(5, question_results(boolean(1, "false"))) == "pass");
  CHECK(answer_of(6, question_results(boolean(3, "true"))) == "fail");  // <test_action_ref negate="true">
  CHECK(answer_of(6, question_results(boolean(3, "false"))) == "pass");
  CHECK(answer_of(6, question_results(boolean(3, "UNKNOWN"))) == "unknown");
  CHECK(answer_of(5, question_results(boolean(1, "NOT_APPLICABLE"))) == "notapplicable");
}

TEST_CASE("numeric answers: exact decimal equality first, then ranges; no handler is an error", "[ocil]") {
  const auto number = [](const std::string& value) {
    return answer_of(7, question_results(typed("numeric", 4, value)));
  };
  CHECK(number("0") == "pass");
  CHECK(number("-0.000") == "pass");
  CHECK(number("1") == "fail");
  CHECK(number("30") == "fail");          // inclusive max
  CHECK(number("30.0001") == "unknown");  // exclusive min of the next range
  CHECK(number("89.999") == "unknown");
  CHECK(number("90") == "error");  // exclusive max: no handler takes it
  CHECK(number("-1") == "error");
}

TEST_CASE("string answers are searched with the PCRE patterns in order", "[ocil]") {
  const auto text = [](const std::string& value) { return answer_of(8, question_results(typed("string", 5, value))); };
  CHECK(text("TLS 1.2") == "pass");
  CHECK(text("TLS1.3") == "pass");
  CHECK(text("SSL 3.0") == "fail");
  CHECK(text("") == "error");  // no pattern matches nothing
}

TEST_CASE("a handler may lead on to another test action; questionnaires nest", "[ocil]") {
  CHECK(answer_of(9, question_results(boolean(6, "true") + boolean(1, "true"))) == "pass");
  CHECK(answer_of(9, question_results(boolean(6, "true") + boolean(1, "false"))) == "fail");
  CHECK(answer_of(9, question_results(boolean(6, "true"))) == "notchecked");
  CHECK(answer_of(9, question_results(boolean(6, "false"))) == "notapplicable");
}

TEST_CASE("a loop back to the questionnaire being answered is an error, not a hang", "[ocil]") {
  CHECK(answer_of(11, question_results(boolean(7, "true"))) == "error");
  CHECK(answer_of(11, question_results(boolean(7, "false"))) == "fail");
}

TEST_CASE("a recorded test_action_result stands in for the answer behind it", "[ocil]") {
  const auto answers = answer(
      "<test_action_results><test_action_result test_action_ref=\"ocil:t:testaction:1\" result=\"FAIL\"/>"
      "</test_action_results>\n" +
      question_results(boolean(1, "true")));
  CHECK(answers.at(questionnaire(1)) == "fail");
  CHECK(answers.at(questionnaire(5)) == "pass");
}

TEST_CASE("questionnaires that no answer reaches are left out", "[ocil]") {
  CHECK(answer("").empty());
  CHECK(answer(question_results(choice(1))) == Answers{{questionnaire(2), "pass"}});
}

TEST_CASE("the questionnaires scapc writes, answered", "[ocil]") {
  scapc::ocil::Document document;
  document.product_name = "scapc";
  document.timestamp = "2024-01-01T00:00:00";
  for (int n = 1; n <= 3; ++n) {
    const auto number = std::to_string(n);
    scapc::ocil::Questionnaire asked;
    asked.id = "ocil:com.example.exch:questionnaire:" + number;
    asked.test_action_id = "ocil:com.example.exch:testaction:" + number;
    asked.question_id = "ocil:com.example.exch:question:" + number;
    asked.title = "Check " + number;
    asked.question = "Is setting " + number + " as required?";
    document.questionnaires.push_back(asked);
  }
  const auto written = scapc::ocil::to_document(document);
  const std::string results = question_results(
      "<boolean_question_result question_ref=\"ocil:com.example.exch:question:1\"><answer>true</answer>"
      "</boolean_question_result>\n"
      "<boolean_question_result question_ref=\"ocil:com.example.exch:question:2\"><answer>false</answer>"
      "</boolean_question_result>\n");
  const Answers expected{{"ocil:com.example.exch:questionnaire:1", "pass"},
                         {"ocil:com.example.exch:questionnaire:2", "fail"}};

  SECTION("results in a document of their own") {
    CHECK(answer(results, written) == expected);
  }

  SECTION("results in the questionnaire document itself") {
    pugi::xml_document combined;
    combined.reset(written);
    pugi::xml_document parsed_results;
    REQUIRE(parsed_results.load_string(("<results>" + results + "</results>").c_str()));
    combined.document_element().append_copy(parsed_results.document_element());
    std::ostringstream text;
    combined.save(text);
    Answers answers;
    std::string error;
    REQUIRE(scapc::ocil::answer_questionnaires(pugi::xml_document{}, text.str(), "all.xml", answers, error));
    CHECK(answers == expected);
  }
}

TEST_CASE("answers are added to the map; a failure leaves it as it was", "[ocil]") {
  Answers answers{{"other", "pass"}};
  std::string error;
  REQUIRE(scapc::ocil::answer_questionnaires(questionnaires(), results_document(question_results(choice(2))), "r.xml",
                                             answers, error));
  CHECK(answers == Answers{{"other", "pass"}, {questionnaire(2), "fail"}});
  CHECK_FALSE(scapc::ocil::answer_questionnaires(questionnaires(), results_document(question_results(choice(9))),
                                                 "r.xml", answers, error));
  CHECK(answers == Answers{{"other", "pass"}, {questionnaire(2), "fail"}});
}

TEST_CASE("bad results documents are refused with file and line", "[ocil]") {
  CHECK(error_for("") == "r.xml: the file is empty");
  CHECK(error_for("<ocil xmlns=\"http://scap.nist.gov/schema/ocil/2.0\">\n<results>\n</ocil>")
            .starts_with("r.xml:3: not well-formed XML: "));
  CHECK(error_for("<?xml version=\"1.0\"?>\n<!DOCTYPE ocil [ <!ENTITY x \"PASS\"> ]>\n"
                  "<ocil xmlns=\"http://scap.nist.gov/schema/ocil/2.0\"><results/></ocil>") ==
        "r.xml:2: a DOCTYPE is not accepted (SCAP documents need none, and its entities and external DTD would "
        "never be loaded)");
  CHECK(error_for("<?xml version=\"1.0\"?>\n<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"/>") ==
        "r.xml:2: root element 'Benchmark' in namespace 'http://checklists.nist.gov/xccdf/1.2' is not OCIL 2.0 "
        "'ocil' in 'http://scap.nist.gov/schema/ocil/2.0'");
  CHECK(error_for("<ocil:ocil xmlns:ocil=\"http://scap.nist.gov/schema/ocil/2\"><ocil:results/></ocil:ocil>") ==
        "r.xml:1: root element 'ocil:ocil' in namespace 'http://scap.nist.gov/schema/ocil/2' is not OCIL 2.0 "
        "'ocil' in 'http://scap.nist.gov/schema/ocil/2.0'");
  CHECK(error_for("<?xml version=\"1.0\"?>\n<ocil xmlns=\"http://scap.nist.gov/schema/ocil/2.0\">\n</ocil>") ==
        "r.xml:2: the OCIL document has no results element");
}

TEST_CASE("bad results are refused with file and line", "[ocil]") {
  const auto refused = [](const std::string& results) { return error_for(results_document(results)); };
  CHECK(refused("<questionnaire_results>\n<questionnaire_result questionnaire_ref=\"ocil:t:questionnaire:1\" "
                "result=\"PASSED\"/>\n</questionnaire_results>\n") ==
        "r.xml:6: questionnaire_result result 'PASSED' is not an OCIL result (PASS, FAIL, ERROR, UNKNOWN, NOT_TESTED, "
        "NOT_APPLICABLE)");
  CHECK(refused("<questionnaire_results>\n<questionnaire_result questionnaire_ref=\"ocil:t:questionnaire:99\" "
                "result=\"PASS\"/>\n</questionnaire_results>\n") ==
        "r.xml:6: questionnaire_result names unknown questionnaire 'ocil:t:questionnaire:99'");
  CHECK(refused("<questionnaire_results>\n<questionnaire_result result=\"PASS\"/>\n</questionnaire_results>\n") ==
        "r.xml:6: questionnaire_result has no questionnaire_ref");
  CHECK(refused("<questionnaire_results>\n"
                "<questionnaire_result questionnaire_ref=\"ocil:t:questionnaire:1\" result=\"PASS\"/>\n"
                "<questionnaire_result questionnaire_ref=\"ocil:t:questionnaire:1\" result=\"FAIL\"/>\n"
                "</questionnaire_results>\n") == "r.xml:7: a second questionnaire_result for 'ocil:t:questionnaire:1'");
  CHECK(refused("<test_action_results>\n<test_action_result test_action_ref=\"ocil:t:testaction:99\" "
                "result=\"PASS\"/>\n</test_action_results>\n") ==
        "r.xml:6: test_action_result names unknown test_action 'ocil:t:testaction:99'");
  CHECK(refused(question_results(typed("boolean", 99, "true"))) ==
        "r.xml:6: boolean_question_result names unknown question 'ocil:t:question:99'");
  CHECK(refused(question_results(typed("boolean", 2, "true"))) ==
        "r.xml:6: boolean_question_result answers 'ocil:t:question:2', a choice_question");
  CHECK(refused(question_results(typed("boolean", 1, "YES"))) ==
        "r.xml:6: answer 'YES' is not a boolean (true, false, 1, 0)");
  CHECK(refused(question_results(typed("numeric", 4, "1e3"))) == "r.xml:6: answer '1e3' is not a decimal number");
  CHECK(refused(question_results(choice(9))) ==
        "r.xml:6: choice 'ocil:t:choice:9' is not a choice of question 'ocil:t:question:2'");
  CHECK(refused(question_results(boolean(1, "MAYBE"))) ==
        "r.xml:6: response 'MAYBE' is not ANSWERED, UNKNOWN, ERROR, NOT_TESTED or NOT_APPLICABLE");
  CHECK(refused(question_results(boolean(1, "PASS"))) ==
        "r.xml:6: response 'PASS' is not ANSWERED, UNKNOWN, ERROR, NOT_TESTED or NOT_APPLICABLE");
  CHECK(refused(question_results("<boolean_question_result question_ref=\"ocil:t:question:1\"/>\n")) ==
        "r.xml:6: boolean_question_result for 'ocil:t:question:1' has no answer though its response is ANSWERED");
  CHECK(refused(question_results(boolean(1, "true") + boolean(1, "false"))) ==
        "r.xml:7: a second result for question 'ocil:t:question:1'");
  CHECK(refused(question_results("<note/>\n")) == "r.xml:6: unexpected element 'note'");
}

TEST_CASE("any cut of a results document is answered or refused, never a crash", "[ocil]") {
  const auto full = results_document(
      "<questionnaire_results><questionnaire_result questionnaire_ref=\"ocil:t:questionnaire:1\" result=\"PASS\"/>"
      "</questionnaire_results>\n" +
      question_results(boolean(1, "true") + choice(3) + typed("numeric", 4, "12") + typed("string", 5, "TLS 1.2")));
  for (std::size_t size = 0; size <= full.size(); ++size) {
    Answers answers;
    std::string error;
    const bool ok = scapc::ocil::answer_questionnaires(questionnaires(), full.substr(0, size), "r.xml", answers, error);
    CHECK((ok || error.starts_with("r.xml:")));
  }
}

TEST_CASE("a chain of nested questionnaires deeper than the reader follows is an error, not a stack overflow",
          "[ocil]") {
  // Questionnaire n asks for questionnaire n + 1; the last one asks question 1.
  constexpr int kDepth = 5000;
  std::string xml = "<ocil xmlns=\"http://scap.nist.gov/schema/ocil/2.0\"><questionnaires>";
  for (int n = 1; n <= kDepth; ++n) {
    const auto next = n == kDepth ? "ocil:d:testaction:1" : "ocil:d:questionnaire:" + std::to_string(n + 1);
    xml += "<questionnaire id=\"ocil:d:questionnaire:" + std::to_string(n) + "\"><actions><test_action_ref>" + next +
           "</test_action_ref></actions></questionnaire>";
  }
  xml +=
      "</questionnaires><test_actions><boolean_question_test_action id=\"ocil:d:testaction:1\" "
      "question_ref=\"ocil:d:question:1\"><when_true><result>PASS</result></when_true><when_false><result>FAIL"
      "</result></when_false></boolean_question_test_action></test_actions><questions><boolean_question "
      "id=\"ocil:d:question:1\"><question_text>Deep?</question_text></boolean_question></questions></ocil>";
  pugi::xml_document chain;
  REQUIRE(chain.load_string(xml.c_str()));
  const auto answers = answer(question_results("<boolean_question_result question_ref=\"ocil:d:question:1\">"
                                               "<answer>true</answer></boolean_question_result>\n"),
                              chain);
  CHECK(answers.at("ocil:d:questionnaire:" + std::to_string(kDepth)) == "pass");
  CHECK(answers.at("ocil:d:questionnaire:1") == "error");
}

TEST_CASE("no text at all is refused", "[ocil]") {
  Answers answers;
  std::string error;
  CHECK_FALSE(scapc::ocil::answer_questionnaires(questionnaires(), std::string_view{}, "r.xml", answers, error));
  CHECK(error == "r.xml: the file is empty");
}
