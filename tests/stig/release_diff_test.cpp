// STIG releases compared rule by rule, and the unified diffs shown for changed text.
#include <scapc/stig.h>

#include <catch2/catch.hpp>

using namespace scapc;

namespace {

controls::StigRule rule(const std::string& vuln, const std::string& check) {
  controls::StigRule out;
  out.vuln_id = vuln;
  out.stig_id = "EX19-MB-" + vuln.substr(2);
  out.title = "Title of " + vuln;
  out.severity = "medium";
  out.check_text = check;
  out.fix_text = "Fix it.";
  out.ccis = {"CCI-000001", "CCI-000002"};
  return out;
}

}  // namespace

TEST_CASE("releases differ by V-ID: added, removed, and the fields that changed", "[stig][diff]") {
  stig::Benchmark before;
  before.rules = {rule("V-1", "Check one."), rule("V-2", "Check two."), rule("V-3", "Check\n  three.")};
  stig::Benchmark after;
  after.rules = {rule("V-3", "Check three."), rule("V-2", "Check two, harder."), rule("V-4", "New.")};
  after.rules[0].ccis = {"CCI-000002", "CCI-000001"};  // the same CCIs in another order
  after.rules[1].severity = "high";
  after.rules[1].stig_id = "EX19-MB-999999";

  const auto diff = stig::diff_releases(before, after);
  REQUIRE(diff.added.size() == 1);
  CHECK(diff.added[0]->vuln_id == "V-4");
  REQUIRE(diff.removed.size() == 1);
  CHECK(diff.removed[0]->vuln_id == "V-1");
  // V-3 differs only in white space and CCI order: not a change.
  REQUIRE(diff.changed.size() == 1);
  CHECK(diff.changed[0].after->vuln_id == "V-2");
  CHECK(diff.changed[0].fields == std::vector<std::string>{"severity", "check", "ruleVersion"});
  CHECK_FALSE(diff.same());
  CHECK(stig::diff_releases(before, before).same());
}

TEST_CASE("changed text reads as a unified diff with three lines of context", "[stig][diff]") {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n";
  std::string after = before;
  after.replace(after.find("5\n"), 2, "five\n");
  after.replace(after.find("15\n"), 3, "");
  CHECK(stig::unified_diff(before, after, "old check", "new check") ==
        "--- old check\n+++ new check\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        "@@ -12,5 +12,4 @@\n 12\n 13\n 14\n-15\n 16\n");
  CHECK(stig::unified_diff(before, before, "a", "b").empty());
  CHECK(stig::unified_diff("", "new\n", "a", "b") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+new\n");
}
