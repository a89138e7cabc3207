// The four XCCDF scoring models against hand-computed values (NIST IR 7275r4 §7.3.2).
#include <scapc/xccdf_scoring.h>

#include <catch2/catch.hpp>

using scapc::xccdf::RuleResult;
using scapc::xccdf::ScoreNode;

namespace {

ScoreNode rule(double weight, std::vector<RuleResult> results, bool selected = true) {
  ScoreNode node;
  node.rule = true;
  node.weight = weight;
  node.results = std::move(results);
  node.selected = selected;
  return node;
}

ScoreNode group(double weight, std::vector<ScoreNode> children, bool selected = true) {
  ScoreNode node;
  node.weight = weight;
  node.children = std::move(children);
  node.selected = selected;
  return node;
}

}  // namespace

TEST_CASE("refined weights 10/5/1 with pass, fail, unknown", "[xccdf][scoring]") {
  // The scap brief's case: oscap gives 83.33 because it ignores refine-rule weights; the spec gives
  // (100*10 + 0*5 + 0*1) / 16 = 62.5.
  const auto scores = scapc::xccdf::score(
      group(1, {rule(10, {RuleResult::Pass}), rule(5, {RuleResult::Fail}), rule(1, {RuleResult::Unknown})}));
  REQUIRE(scores.size() == 4);
  CHECK(scores[0].system == "urn:xccdf:scoring:default");
  CHECK(scores[0].value == Approx(62.5));
  CHECK(scores[0].maximum == 100);
  CHECK(scores[1].value == Approx(10));  // flat: 10*1 + 5*0 + 1*0
  CHECK(scores[1].maximum == Approx(16));
  CHECK(scores[2].value == Approx(1));  // flat-unweighted: 1 pass of 3
  CHECK(scores[2].maximum == Approx(3));
  CHECK(scores[3].value == 0);    // absolute: not everything passed
  CHECK(scores[3].maximum == 1);  // oscap writes the flat maximum here
}

TEST_CASE("groups weigh their mean; not counted results and unselected items are left out", "[xccdf][scoring]") {
  // Group A (weight 2): rules 1 (pass) and 1 (fail) -> 50. Group B (weight 1): one pass -> 100,
  // one notapplicable (not counted). Group C deselected. Default: (50*2 + 100*1) / 3 = 66.67.
  const auto root = group(1, {group(2, {rule(1, {RuleResult::Pass}), rule(1, {RuleResult::Fail})}),
                              group(1, {rule(3, {RuleResult::Fixed}), rule(4, {RuleResult::NotApplicable})}),
                              group(5, {rule(1, {RuleResult::Fail})}, false), rule(2, {RuleResult::Pass}, false)});
  const auto scores = scapc::xccdf::score(root);
  CHECK(scores[0].value == Approx(200.0 / 3));
  CHECK(scores[1].value == Approx(1 + 0 + 3));  // flat: rule weights only
  CHECK(scores[1].maximum == Approx(1 + 1 + 3));
  CHECK(scores[2].value == Approx(2));
  CHECK(scores[2].maximum == Approx(3));
  CHECK(scores[3].value == 0);
}

TEST_CASE("a multi-check rule counts its passing share", "[xccdf][scoring]") {
  // The brief's case (c): fail, unknown, and a multi-check rule with unknown, error, pass. oscap
  // gives 0; the spec gives (0 + 0 + 33.3) / 3.
  const auto scores =
      scapc::xccdf::score(group(1, {rule(1, {RuleResult::Fail}), rule(1, {RuleResult::Unknown}),
                                    rule(1, {RuleResult::Unknown, RuleResult::Error, RuleResult::Pass})}));
  CHECK(scores[0].value == Approx(100.0 / 9));
  CHECK(scores[1].value == Approx(1.0 / 3));
}

TEST_CASE("all passing, weight zero, and nothing counted", "[xccdf][scoring]") {
  const auto all = scapc::xccdf::score(group(1, {rule(3, {RuleResult::Pass}), rule(0, {RuleResult::Fail})}));
  CHECK(all[0].value == Approx(100));  // a weight-0 rule changes no mean
  CHECK(all[1].value == Approx(3));
  CHECK(all[1].maximum == Approx(3));
  CHECK(all[2].maximum == Approx(1));  // weight 0 stays 0 in flat-unweighted
  CHECK(all[3].value == 1);
  const auto none =
      scapc::xccdf::score(group(1, {rule(1, {RuleResult::NotChecked}), rule(1, {RuleResult::Informational})}));
  CHECK(none[0].value == 0);
  CHECK(none[1].maximum == 0);
}
