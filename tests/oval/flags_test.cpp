// A test's result from its object's flag and items, as oval-results-schema.xsd's TestType states it
// (docs/oval-engine.md, "How scapc reads the results schema"): the flag alone for error, not
// collected, not applicable and does not exist; for incomplete objects unknown unless its three
// exceptions apply. tests/oval/differential.py runs the whole matrix against a model and oscap.
#include <scapc/oval_analysis.h>

#include <catch2/catch.hpp>

#include "variable_test_fixture.h"

using namespace scapc;

namespace {

using R = oval::Result;

R flagged(const std::string& flag, const std::vector<std::string>& values, const std::string& check,
          const std::string& existence, bool bare = false) {
  return test::variable_test(flag, values, check, existence, bare).result();
}

}  // namespace

TEST_CASE("error, not collected and not applicable objects give their result whatever the test",
          "[oval][analysis]") {
  for (const auto* existence : {"all_exist", "any_exist", "at_least_one_exists", "none_exist", "only_one_exists"}) {
    INFO(existence);
    for (const bool bare : {true, false}) {
      CHECK(flagged("error", {}, "all", existence, bare) == R::Error);
      CHECK(flagged("not collected", {}, "all", existence, bare) == R::Unknown);
      CHECK(flagged("not applicable", {}, "all", existence, bare) == R::NotApplicable);
      CHECK(flagged("not collected", {"1"}, "at least one", existence, bare) == R::Unknown);
    }
  }
}

TEST_CASE("a does-not-exist object is decided by check_existence alone", "[oval][analysis]") {
  // Even when it lists an item that exists and fails the state.
  CHECK(flagged("does not exist", {"2"}, "all", "any_exist") == R::True);
  CHECK(flagged("does not exist", {"2"}, "all", "none_exist") == R::True);
  CHECK(flagged("does not exist", {"1"}, "all", "at_least_one_exists") == R::False);
  CHECK(flagged("does not exist", {}, "all", "all_exist") == R::False);
  CHECK(flagged("does not exist", {}, "all", "only_one_exists", true) == R::False);
}

TEST_CASE("an incomplete object's test is unknown but for TestType's three exceptions", "[oval][analysis]") {
  // 1) none_exist with an item that exists; 2) only_one_exists with more than one.
  CHECK(flagged("incomplete", {"1"}, "all", "none_exist") == R::False);
  CHECK(flagged("incomplete", {"1", "1"}, "all", "only_one_exists") == R::False);
  // 3a) a check that evaluates false is false, for every check value.
  CHECK(flagged("incomplete", {"2"}, "all", "at_least_one_exists") == R::False);
  CHECK(flagged("incomplete", {"2", "2"}, "at least one", "at_least_one_exists") == R::False);
  CHECK(flagged("incomplete", {"2"}, "only one", "at_least_one_exists") == R::False);
  CHECK(flagged("incomplete", {"1", "1"}, "only one", "any_exist") == R::False);
  CHECK(flagged("incomplete", {"1"}, "none satisfy", "at_least_one_exists") == R::False);
  // 3b) "at least one" that evaluates true is true.
  CHECK(flagged("incomplete", {"2", "1"}, "at least one", "at_least_one_exists") == R::True);
  // Otherwise unknown: more items could change it.
  CHECK(flagged("incomplete", {"1"}, "all", "at_least_one_exists") == R::Unknown);
  CHECK(flagged("incomplete", {"1"}, "only one", "any_exist") == R::Unknown);
  CHECK(flagged("incomplete", {"2"}, "none satisfy", "any_exist") == R::Unknown);
  // Existence that more items could undo is not determined: all_exist, only_one_exists with one
  // item, none_exist with none.
  CHECK(flagged("incomplete", {"2"}, "all", "all_exist") == R::Unknown);
  CHECK(flagged("incomplete", {"1"}, "at least one", "only_one_exists") == R::Unknown);
  CHECK(flagged("incomplete", {""}, "all", "none_exist") == R::Unknown);
  // Without a state: the existence result where determined.
  CHECK(flagged("incomplete", {"2"}, "all", "at_least_one_exists", true) == R::True);
  CHECK(flagged("incomplete", {}, "all", "any_exist", true) == R::True);
  CHECK(flagged("incomplete", {"1"}, "all", "all_exist", true) == R::Unknown);
}

TEST_CASE("complete objects: the existence charts, then the check over the items that exist", "[oval][analysis]") {
  // No item to check: the existence result stands (docs/oval-engine.md).
  CHECK(flagged("complete", {}, "all", "any_exist") == R::True);
  CHECK(flagged("complete", {""}, "at least one", "none_exist") == R::True);
  // all_exist follows its chart: an item that does not exist makes it false.
  CHECK(flagged("complete", {"1", ""}, "all", "all_exist") == R::False);
  CHECK(flagged("complete", {"1", ""}, "all", "at_least_one_exists") == R::True);
  CHECK(flagged("complete", {"1", "2"}, "at least one", "at_least_one_exists") == R::True);
  CHECK(flagged("complete", {"2", "2"}, "at least one", "at_least_one_exists") == R::False);
}
