// Evidence (oval::evidence): on an object of many items, the items that decided a test's result
// are described first, and counted.
#include <scapc/oval_analysis.h>

#include <catch2/catch.hpp>

#include "variable_test_fixture.h"

using namespace scapc;

namespace {

// 100 items of value 1, but for the values given at their positions.
std::vector<std::string> hundred(const std::vector<std::pair<std::size_t, std::string>>& except) {
  std::vector<std::string> values(100, "1");
  for (const auto& [at, value] : except) values[at] = value;
  return values;
}

oval::TestEvidence evidence_of(const test::VariableTest& run, std::size_t most = 5) {
  const auto tests = oval::evidence(*run.definitions, *run.system, run.analysis, "oval:f:def:1", most);
  REQUIRE(tests.size() == 1);
  return tests.front();
}

}  // namespace

TEST_CASE("the item that fails a test of many is shown first, and counted", "[oval][evidence]") {
  const auto run = test::variable_test("complete", hundred({{73, "2"}}), "all", "at_least_one_exists");
  REQUIRE(run.result() == oval::Result::False);
  const auto entry = evidence_of(run);
  CHECK(entry.items_tested == 100);
  CHECK(entry.deciding == oval::Result::False);
  CHECK(entry.items_deciding == 1);
  REQUIRE(entry.items.size() == 5);
  CHECK(entry.items[0] == std::pair<std::string, oval::Result>{"var_ref=oval:f:var:1, value=2", oval::Result::False});
  // The rest in the object's order.
  CHECK(entry.items[1].second == oval::Result::True);
}

TEST_CASE("none satisfy and only one are decided by the items that satisfy", "[oval][evidence]") {
  const auto none = test::variable_test("complete", hundred({}), "none satisfy", "at_least_one_exists");
  REQUIRE(none.result() == oval::Result::False);
  CHECK(evidence_of(none).deciding == oval::Result::True);
  CHECK(evidence_of(none).items_deciding == 100);

  std::vector<std::string> mostly_two(100, "2");
  mostly_two[40] = "1";
  mostly_two[90] = "1";
  const auto two = test::variable_test("complete", mostly_two, "only one", "at_least_one_exists");
  REQUIRE(two.result() == oval::Result::False);
  const auto entry = evidence_of(two, 2);
  CHECK(entry.items_deciding == 2);
  CHECK(entry.items[0].second == oval::Result::True);
  CHECK(entry.items[1].second == oval::Result::True);

  const std::vector<std::string> twos(100, "2");
  const auto zero = test::variable_test("complete", twos, "only one", "at_least_one_exists");
  REQUIRE(zero.result() == oval::Result::False);
  CHECK(evidence_of(zero).deciding == oval::Result::False);
}

TEST_CASE("a true test shows its items in the object's order", "[oval][evidence]") {
  const auto run = test::variable_test("complete", hundred({{0, "2"}}), "at least one", "at_least_one_exists");
  REQUIRE(run.result() == oval::Result::True);
  const auto entry = evidence_of(run);
  CHECK(entry.deciding == oval::Result::True);
  CHECK(entry.items_deciding == 99);
  CHECK(entry.items[0].first == "var_ref=oval:f:var:1, value=1");
}
