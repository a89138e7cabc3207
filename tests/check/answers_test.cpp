// Answers carried forward: a person's earlier answer fills a manual rule only when the question is
// the same (same STIG ID, same check text, or the same release when the text is unknown), never
// replaces a verdict of this run, and belongs to the host it was given for.
#include <scapc/answers.h>

#include <catch2/catch.hpp>

using namespace scapc;
using xccdf::RuleResult;

namespace {

const std::string kCheck = "Open the Exchange Management Shell and enter the following command:\n\nGet-Foo";

xccdf::loaded::Benchmark benchmark() {
  xccdf::loaded::Benchmark out;
  out.version = "7";
  xccdf::StigBenchmark stig;
  stig.id = "MS_Exchange_2016_Edge_Transport_Server_STIG";
  stig.version = "2";
  stig.release_info = "Release: 3 Benchmark Date: 27 Oct 2021";
  out.stigs.push_back(stig);
  return out;
}

xccdf::loaded::Item edge_rule() {
  xccdf::loaded::Item rule;
  rule.id = "xccdf_mil.disa.stig_rule_SV-221203r612603_rule";
  rule.rule.version = "EX16-ED-000010";
  rule.rule.stig = xccdf::StigRuleSource{"MS_Exchange_2016_Edge_Transport_Server_STIG", "V-221203", "", kCheck, {}};
  return rule;
}

check::PreviousAnswer answer(const std::string& status, const std::string& result) {
  check::PreviousAnswer out;
  out.vuln_id = "V-221203";
  out.rule_version = "EX16-ED-000010";
  out.rule_id = "SV-221203r612603_rule";
  out.result = result;
  out.status = status;
  out.finding_details = "Asked the Exchange admin.";
  out.comments = "ISSO reviewed.";
  out.release = "V2R2";
  out.check_text = "Open the Exchange Management Shell and enter the following command:\r\n\r\n  Get-Foo\r\n";
  return out;
}

check::AnswerSet set_of(const check::PreviousAnswer& previous, const std::string& host = {}) {
  check::AnswerSet set;
  set.source = "q3.ckl";
  set.host = host;
  set.by_vuln[previous.vuln_id] = previous;
  set.by_rule[previous.rule_version] = previous;
  return set;
}

// A manual rule nobody answered in this run.
check::RuleOutcome manual() {
  check::RuleOutcome out;
  out.rule_id = edge_rule().id;
  out.result = RuleResult::NotChecked;
  out.checks.push_back({xccdf::kOcilSystem, "q.xml", "ocil:q:questionnaire:1", false, false, {}});
  out.messages = {"questionnaire ocil:q:questionnaire:1 is answered by a person (give --ocil-results)"};
  return out;
}

check::RuleOutcome applied(const check::AnswerSet& set, check::RuleOutcome outcome, bool evaluated = true,
                           const xccdf::loaded::Item& rule = edge_rule()) {
  check::apply_answers({&set}, benchmark(), rule, evaluated, outcome);
  return outcome;
}

}  // namespace

TEST_CASE("release names read from a STIG's version and release info", "[check][answers]") {
  CHECK(check::release_name("2", "Release: 3 Benchmark Date: 27 Oct 2021") == "V2R3");
  CHECK(check::release_name("1", "") == "V1");
  CHECK(check::release_name("", "Release: 12 Benchmark Date: x") == "R12");
  CHECK(check::release_name("", "") == "");
  CHECK(check::release_name("1.0", "") == "V1.0");
  CHECK(check::release_name("2", "Release:" + std::string(300000, ' ')) == "V2");  // no regex to overflow
  CHECK(check::release_name("2", "Release: " + std::string(50000, '7')) == "V2R777777777");
}

TEST_CASE("an answer to an unchanged question is carried with its details and comments", "[check][answers]") {
  const auto set = set_of(answer("Open", "fail"));
  const auto outcome = applied(set, manual());
  CHECK(outcome.result == RuleResult::Fail);
  REQUIRE(outcome.answer);
  CHECK(outcome.answer->carried);
  CHECK(outcome.answer->source == "q3.ckl");
  CHECK(outcome.answer->release == "V2R2");
  CHECK(outcome.answer->comments == "ISSO reviewed.");
  CHECK(outcome.messages == std::vector<std::string>{"answer carried forward from q3.ckl, V2R2: Open",
                                                     "Asked the Exchange admin.", "comments: ISSO reviewed."});

  CHECK(applied(set_of(answer("NotAFinding", "pass")), manual()).result == RuleResult::Pass);
  CHECK(applied(set_of(answer("Not_Applicable", "notapplicable")), manual()).result == RuleResult::NotApplicable);
  CHECK(applied(set_of(answer("fixed", "fixed")), manual()).result == RuleResult::Pass);
  // OCIL's UNKNOWN, ERROR and NOT_TESTED are not answers.
  CHECK_FALSE(applied(set_of(answer("unknown", "unknown")), manual()).answer);
  CHECK(applied(set_of(answer("notchecked", "notchecked")), manual()).result == RuleResult::NotChecked);
}

TEST_CASE("a changed check text, STIG ID or release keeps the rule not reviewed, quoting the answer",
          "[check][answers]") {
  auto changed = answer("NotAFinding", "pass");
  changed.check_text = "Open the Exchange Management Shell and enter the following command:\n\nGet-Bar";
  auto outcome = applied(set_of(changed), manual());
  CHECK(outcome.result == RuleResult::NotChecked);
  REQUIRE(outcome.answer);
  CHECK_FALSE(outcome.answer->carried);
  CHECK(outcome.answer->note ==
        "Not carried forward: the check text changed between V2R2 (the earlier answer) and V2R3 (this content); "
        "earlier answer: NotAFinding; finding details: \"Asked the Exchange admin.\"; comments: \"ISSO "
        "reviewed.\" (q3.ckl, V2R2).");
  CHECK(outcome.messages.back() == outcome.answer->note);

  auto renamed = answer("NotAFinding", "pass");
  renamed.rule_version = "EX16-ED-000011";
  outcome = applied(set_of(renamed), manual());
  CHECK(outcome.result == RuleResult::NotChecked);
  CHECK(outcome.answer->note.starts_with(
      "Not carried forward: the rule's STIG ID changed from EX16-ED-000011 to EX16-ED-000010;"));

  // Results files of other tools may hold no check text: only the same release vouches for it.
  auto textless = answer("NotAFinding", "pass");
  textless.check_text.clear();
  outcome = applied(set_of(textless), manual());
  CHECK(outcome.result == RuleResult::NotChecked);
  CHECK(outcome.answer->note.starts_with("Not carried forward: the earlier file does not hold the check text it "
                                         "answered, and its release V2R2 is not this content's V2R3;"));
  textless.release = "V2R3";
  CHECK(applied(set_of(textless), manual()).result == RuleResult::Pass);
}

TEST_CASE("an answer never replaces a verdict of this run, and a disagreement is evidence", "[check][answers]") {
  const auto set = set_of(answer("NotAFinding", "pass"));
  check::RuleOutcome automated;
  automated.rule_id = edge_rule().id;
  automated.result = RuleResult::Fail;
  automated.checks.push_back({xccdf::kOvalSystem, "oval.xml", "oval:x:def:1", false, false, {}});
  automated.messages = {"SendConnector Internet: RequireTLS is False"};
  auto outcome = applied(set, automated);
  CHECK(outcome.result == RuleResult::Fail);
  REQUIRE(outcome.answer);
  CHECK_FALSE(outcome.answer->carried);
  CHECK(outcome.messages == std::vector<std::string>{"SendConnector Internet: RequireTLS is False",
                                                     "an earlier assessment (q3.ckl, V2R2) recorded NotAFinding; "
                                                     "the automated check decides fail"});

  automated.result = RuleResult::Pass;  // agreement: nothing to say
  outcome = applied(set, automated);
  CHECK_FALSE(outcome.answer);
  CHECK(outcome.messages.size() == 1);

  automated.result = RuleResult::Error;  // no verdict to disagree with, and nothing to fill
  CHECK_FALSE(applied(set, automated).answer);

  auto answered_now = manual();  // --ocil-results of this run
  answered_now.result = RuleResult::Fail;
  outcome = applied(set, answered_now);
  CHECK(outcome.result == RuleResult::Fail);
  CHECK(outcome.messages.back() ==
        "an earlier assessment (q3.ckl, V2R2) recorded NotAFinding; this run's answer decides fail");

  // Decided by its platform, not by a check: the rule is not the host's, no answer speaks to it.
  auto not_applicable = manual();
  not_applicable.result = RuleResult::NotApplicable;
  CHECK_FALSE(applied(set, not_applicable, false).answer);
  auto not_selected = manual();
  not_selected.result = RuleResult::NotSelected;
  CHECK(applied(set, not_selected, false).result == RuleResult::NotSelected);
}

TEST_CASE("rules without a V-ID match by control id, and OCIL results by questionnaire", "[check][answers]") {
  xccdf::loaded::Item control;
  control.id = "xccdf_org.scapc_rule_EXC-041";
  control.rule.version = "EXC-041";
  auto previous = answer("NotAFinding", "pass");
  previous.vuln_id.clear();
  previous.rule_version = "EXC-041";
  previous.release = "V7";  // the benchmark's version, named as a checklist names it
  previous.check_text.clear();
  check::AnswerSet set;
  set.source = "q3.xml";
  set.by_rule["EXC-041"] = previous;
  CHECK(applied(set, manual(), true, control).result == RuleResult::Pass);
  previous.release = "V6";
  set.by_rule["EXC-041"] = previous;
  CHECK(applied(set, manual(), true, control).result == RuleResult::NotChecked);

  check::AnswerSet ocil;
  ocil.source = "ocil-results.xml";
  ocil.by_questionnaire["ocil:q:questionnaire:1"] = "notapplicable";
  CHECK(applied(ocil, manual()).result == RuleResult::NotApplicable);
  CHECK(check::answered_rules(ocil, benchmark()) == 0);
}

TEST_CASE("answers belong to the host they name; unnamed answers to every host", "[check][answers]") {
  check::PreviousAnswers answers;
  answers.sets.push_back(set_of(answer("Open", "fail"), "EDGE01"));
  answers.sets.push_back(set_of(answer("NotAFinding", "pass")));
  answers.sets.push_back(set_of(answer("Not_Applicable", "notapplicable"), "edge02.example.com"));

  check::Host edge01;
  edge01.host_name = "edge01";
  edge01.fqdn = "edge01.example.com";
  check::Host edge02;
  edge02.host_name = "edge02";
  check::Host edge03;
  edge03.fqdn = "edge03.example.com";

  const auto for_edge01 = check::answers_for(answers, edge01);
  REQUIRE(for_edge01.size() == 2);
  CHECK(for_edge01[0]->host == "EDGE01");  // its own answers before the ones for every host
  CHECK(for_edge01[1]->host.empty());
  check::RuleOutcome outcome = manual();
  check::apply_answers(for_edge01, benchmark(), edge_rule(), true, outcome);
  CHECK(outcome.result == RuleResult::Fail);

  const auto for_edge02 = check::answers_for(answers, edge02);  // short name against the FQDN
  REQUIRE(for_edge02.size() == 2);
  CHECK(for_edge02[0]->host == "edge02.example.com");
  const auto for_edge03 = check::answers_for(answers, edge03);
  REQUIRE(for_edge03.size() == 1);
  CHECK(for_edge03[0]->host.empty());

  check::Host other_domain;  // one short name in two domains: two servers
  other_domain.host_name = "edge02";
  other_domain.fqdn = "edge02.other.example";
  CHECK(check::answers_for(answers, other_domain).size() == 1);
  check::Host by_address;
  by_address.ip_addresses = {"192.0.2.26"};
  answers.sets.push_back(set_of(answer("Open", "fail"), "192.0.2.26"));
  CHECK(check::answers_for(answers, by_address).size() == 2);
  answers.sets.pop_back();

  const auto unmatched = check::unmatched_answer_sets(answers, {edge01, edge03});
  REQUIRE(unmatched.size() == 1);
  CHECK(unmatched[0]->host == "edge02.example.com");
  CHECK(check::unmatched_answer_sets(answers, {edge01, edge02}).empty());
}
