// The checker on tests/check/fixtures/mini-xccdf.xml: one rule per evaluation feature, against
// system characteristics in which the family is "windows". Expected results and scores are worked
// out by hand in the comments.
#include <scapc/check.h>

#include <catch2/catch.hpp>

using namespace scapc;
using xccdf::RuleResult;

namespace {

const std::string kFixtures = SCAPC_SOURCE_DIR "/tests/check/fixtures/";

struct Checked {
  check::Content content;
  check::Host host;
  xccdf::loaded::Evaluation evaluation;
  check::HostResult result;
};

Checked run(const std::string& profile, const check::EvaluateOptions& options = {},
            const std::vector<xccdf::loaded::Profile>& tailoring = {}) {
  Checked out;
  std::string error;
  REQUIRE(check::load_content(kFixtures + "mini-xccdf.xml", {}, out.content, error));
  REQUIRE(check::load_host(kFixtures + "mini-syschar.xml", out.host, error));
  REQUIRE(xccdf::loaded::resolve(out.content.benchmark, tailoring, profile, out.evaluation, error));
  out.result = check::evaluate(out.content, out.evaluation, out.host, options);
  return out;
}

std::map<std::string, std::vector<std::string>> results_by_rule(const check::HostResult& result) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& rule : result.rules) {
    out[rule.rule_id.substr(std::string("xccdf_org.example_rule_").size())].emplace_back(check::to_string(rule.result));
  }
  return out;
}

using Results = std::map<std::string, std::vector<std::string>>;

double score_of(const check::HostResult& result, const std::string& model) {
  for (const auto& score : result.scores) {
    if (score.system == "urn:xccdf:scoring:" + model) return score.value;
  }
  FAIL("no score " << model);
  return -1;
}

}  // namespace

TEST_CASE("every evaluation feature with the benchmark's defaults", "[check][evaluate]") {
  const auto checked = run("");
  CHECK(checked.host.host_name == "mini");
  CHECK(checked.host.fqdn == "mini.example.com");
  CHECK(results_by_rule(checked.result) == Results{
                                               {"windows", {"pass"}},
                                               {"unix", {"fail"}},
                                               {"negated", {"pass"}},
                                               {"vulnerability", {"fail"}},  // true vulnerability definition
                                               {"either", {"pass"}},
                                               {"not_both", {"pass"}},
                                               {"every_definition", {"pass", "fail"}},  // multi-check
                                               {"all_definitions", {"fail"}},
                                               {"exported", {"pass"}},  // default value "windows"
                                               {"selector", {"pass"}},  // the check without a selector
                                               {"unchecked", {"notchecked"}},
                                               {"asked", {"notchecked"}},  // OCIL without answers
                                               {"unix_only", {"notapplicable"}},
                                               {"not_unix", {"pass"}},
                                               {"platform_unknown", {"unknown"}},  // platform data not collected
                                               {"missing_file", {"notchecked"}},
                                               {"off", {"notselected"}},
                                               {"in_group", {"fail"}},
                                           });
  // Thirteen counted children of weight 1: seven at 100, the multi-check rule at 50, the rest 0
  // (unknown counts).
  CHECK(score_of(checked.result, "default") == Approx(750.0 / 13));
  // Flat: 7 + 0.5 of weight 14 (the grouped rule weighs 2); unweighted: of 13.
  CHECK(score_of(checked.result, "flat") == Approx(7.5));
  CHECK(checked.result.scores[1].maximum == Approx(14));
  CHECK(score_of(checked.result, "flat-unweighted") == Approx(7.5));
  CHECK(checked.result.scores[2].maximum == Approx(13));
  CHECK(score_of(checked.result, "absolute") == 0);
}

TEST_CASE("a profile's extends chain, refine-value, set-value, refine-rule and OCIL answers", "[check][evaluate]") {
  SECTION("base: the group deselected, the Value refined to unix, the windows rule weighs 3") {
    const auto checked = run("xccdf_org.example_profile_base");
    const auto results = results_by_rule(checked.result);
    CHECK(results.at("exported") == std::vector<std::string>{"fail"});
    CHECK(results.at("in_group") == std::vector<std::string>{"notselected"});
    CHECK(checked.evaluation.values.at("xccdf_org.example_value_family") == "unix");
    CHECK(checked.evaluation.items.at("xccdf_org.example_rule_windows").weight == 3);
  }
  SECTION("derived: extends base, selects the group again, sets the Value back, picks the selector") {
    check::EvaluateOptions options;
    options.ocil_answers["ocil:org.example:questionnaire:1"] = "fail";
    const auto checked = run("xccdf_org.example_profile_derived", options);
    const auto results = results_by_rule(checked.result);
    CHECK(results.at("exported") == std::vector<std::string>{"pass"});
    CHECK(results.at("in_group") == std::vector<std::string>{"fail"});
    CHECK(results.at("selector") == std::vector<std::string>{"informational"});  // unscored role
    CHECK(results.at("asked") == std::vector<std::string>{"fail"});
    const auto& selector = checked.evaluation.items.at("xccdf_org.example_rule_selector");
    CHECK(selector.severity == "high");
    CHECK(selector.weight == 1);  // inherited, not refined
    // Weight 3 rule at 100, five more at 100, the multi-check rule at 50, six at 0 (asked and the
    // undetermined platform count): (300 + 500 + 50) / 15.
    CHECK(score_of(checked.result, "default") == Approx(850.0 / 15));
  }
}

TEST_CASE("tailoring profiles extend the benchmark's", "[check][evaluate]") {
  xccdf::loaded::Profile tailored;
  tailored.id = "xccdf_org.example_profile_tailored";
  tailored.extends = "xccdf_org.example_profile_base";
  tailored.selects = {{"xccdf_org.example_rule_unix", false}};
  const auto checked = run("xccdf_org.example_profile_tailored", {}, {tailored});
  const auto results = results_by_rule(checked.result);
  CHECK(results.at("unix") == std::vector<std::string>{"notselected"});
  CHECK(results.at("in_group") == std::vector<std::string>{"notselected"});  // from base
  CHECK(results.at("exported") == std::vector<std::string>{"fail"});         // from base
}

TEST_CASE("a rule filter evaluates only the named rules", "[check][evaluate]") {
  check::EvaluateOptions options;
  options.rules = {"xccdf_org.example_rule_unix"};
  const auto checked = run("", options);
  for (const auto& rule : checked.result.rules) {
    CHECK(check::to_string(rule.result) ==
          std::string(rule.rule_id == "xccdf_org.example_rule_unix" ? "fail" : "notselected"));
  }
  CHECK(score_of(checked.result, "default") == 0);
}

TEST_CASE("a check-export naming no Value is a warning", "[check][evaluate]") {
  check::Content content;
  std::string error;
  REQUIRE(
      check::load_content(SCAPC_SOURCE_DIR "/tests/validation/fixtures/xccdf-dangling-export.xml", {}, content, error));
  xccdf::loaded::Evaluation evaluation;
  REQUIRE(xccdf::loaded::resolve(content.benchmark, {}, "", evaluation, error));
  CHECK(evaluation.warnings ==
        std::vector<std::string>{"Rule xccdf_com.example.exchange_rule_size: check-export refers "
                                 "to no Value xccdf_com.example.exchange_value_missing"});
}

TEST_CASE("profile resolution errors are one line", "[check][evaluate]") {
  check::Content content;
  std::string error;
  REQUIRE(check::load_content(kFixtures + "mini-xccdf.xml", {}, content, error));
  xccdf::loaded::Evaluation evaluation;
  CHECK_FALSE(xccdf::loaded::resolve(content.benchmark, {}, "xccdf_org.example_profile_none", evaluation, error));
  // The hint names the closest profile (four letters off) and lists those there are.
  CHECK(error == kFixtures +
                     "mini-xccdf.xml: no profile 'xccdf_org.example_profile_none' in the benchmark; did you mean "
                     "'xccdf_org.example_profile_base'? profiles: xccdf_org.example_profile_base, "
                     "xccdf_org.example_profile_derived");

  xccdf::loaded::Profile first{
      "xccdf_org.example_profile_a", "", "xccdf_org.example_profile_b", {}, {}, {}, {}, "t.xml:3"};
  xccdf::loaded::Profile second{"xccdf_org.example_profile_b", "", "xccdf_org.example_profile_a", {}, {}, {}, {}, ""};
  CHECK_FALSE(xccdf::loaded::resolve(content.benchmark, {first, second}, first.id, evaluation, error));
  CHECK(error ==
        "t.xml:3: Profile xccdf_org.example_profile_a: extends forms a cycle through xccdf_org.example_profile_a");

  xccdf::loaded::Profile dangling{
      "xccdf_org.example_profile_c", "", "", {{"xccdf_org.example_rule_nothing", true}}, {}, {}, {}, ""};
  CHECK(xccdf::loaded::resolve(content.benchmark, {dangling}, dangling.id, evaluation, error));
  REQUIRE(evaluation.warnings.size() == 1);
  CHECK(evaluation.warnings[0] ==
        "Profile xccdf_org.example_profile_c: select refers to no item xccdf_org.example_rule_nothing");
}

TEST_CASE("evidence names the definition, the test and the values seen", "[check][evaluate]") {
  const auto checked = run("");
  for (const auto& rule : checked.result.rules) {
    if (rule.rule_id != "xccdf_org.example_rule_unix") continue;
    REQUIRE(rule.messages.size() == 2);
    CHECK(rule.messages[0] == "OVAL definition oval:org.example:def:2 is false");
    CHECK(rule.messages[1] ==
          "test oval:org.example:tst:2 is false: 1 object: [false] var_ref=oval:org.example:var:9, value=windows");
  }
}
