// A test's result from its object's flag and items, as oval-results-schema.xsd's TestType states it
// (docs/oval-engine.md, "How scapc reads the results schema"): the flag alone for error, not
// collected, not applicable and does not exist; for incomplete objects unknown unless its three
// exceptions apply. tests/oval/differential.py runs the whole matrix against a model and oscap.
#include <scapc/oval_analysis.h>

#include <catch2/catch.hpp>

using namespace scapc;

namespace {

using R = oval::Result;

// A variable_test of `check` and `existence` over one object flagged `flag` with items of the given
// values ("" for an item that does not exist), against the state value = 1 unless `bare`.
R flagged(const std::string& flag, const std::vector<std::string>& values, const std::string& check,
          const std::string& existence, bool bare = false) {
  std::string defs =
      R"(<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">)"
      R"(<definitions><definition id="oval:f:def:1" version="1" class="compliance"><criteria><criterion test_ref="oval:f:tst:1"/></criteria></definition></definitions>)"
      R"(<tests><ind:variable_test id="oval:f:tst:1" version="1" check=")" +
      check + R"(" check_existence=")" + existence + R"(" comment="c"><ind:object object_ref="oval:f:obj:1"/>)" +
      (bare ? "" : R"(<ind:state state_ref="oval:f:ste:1"/>)") +
      R"(</ind:variable_test></tests><objects><ind:variable_object id="oval:f:obj:1" version="1"><ind:var_ref>oval:f:var:1</ind:var_ref></ind:variable_object></objects>)"
      R"(<states><ind:variable_state id="oval:f:ste:1" version="1"><ind:value datatype="int">1</ind:value></ind:variable_state></states></oval_definitions>)";
  std::string refs;
  std::string items;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto id = std::to_string(i + 1);
    refs += R"(<reference item_ref=")" + id + R"("/>)";
    items += R"(<ind-sc:variable_item id=")" + id + R"(" status=")" + (values[i].empty() ? "does not exist" : "exists") +
             R"("><ind-sc:var_ref>oval:f:var:1</ind-sc:var_ref>)" +
             (values[i].empty() ? "" : R"(<ind-sc:value datatype="int">)" + values[i] + "</ind-sc:value>") +
             "</ind-sc:variable_item>";
  }
  const std::string sc =
      R"(<oval_system_characteristics xmlns="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5" xmlns:ind-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent"><collected_objects>)"
      R"(<object id="oval:f:obj:1" version="1" flag=")" +
      flag + R"(">)" + refs + "</object></collected_objects><system_data>" + items +
      "</system_data></oval_system_characteristics>";
  std::string error;
  const auto d = oval::read_definitions(defs, "d.xml", error);
  REQUIRE(d);
  const auto s = oval::read_system_characteristics(sc, "s.xml", error);
  REQUIRE(s);
  return oval::analyse(*d, *s, {}).definitions.at("oval:f:def:1");
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
