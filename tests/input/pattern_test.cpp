// The program's fixed patterns: std::regex's meaning (whole match, search, groups, byte semantics)
// on PCRE2, and a runaway pattern that ends as "no match" instead of hanging.
#include <scapc/pattern.h>

#include <catch2/catch.hpp>
#include <string>

using scapc::input::Match;
using scapc::input::Pattern;

TEST_CASE("matches takes the whole subject, finds any part of it", "[input][pattern]") {
  const Pattern number(R"(-?\d+)");
  CHECK(number.matches("-42"));
  CHECK_FALSE(number.matches("42 MB"));
  CHECK_FALSE(number.matches(""));
  CHECK(number.finds("about 42 MB"));
  CHECK_FALSE(number.finds("forty-two"));
  // Alternatives are retried until one spans the whole subject, as std::regex_match does.
  const Pattern either("a|ab");
  CHECK(either.matches("ab"));
}

TEST_CASE("groups that did not take part are unset and empty", "[input][pattern]") {
  const Pattern value(R"re((?:"([^"]*)"|([A-Za-z0-9]+)),? done)re");
  Match match;
  REQUIRE(value.matches("Strict, done", match));
  CHECK_FALSE(match.matched(1));
  CHECK(match.str(1).empty());
  CHECK(match.matched(2));
  CHECK(match.str(2) == "Strict");
  REQUIRE(value.matches("\"a b\" done", match));
  CHECK(match.str(1) == "a b");
  CHECK_FALSE(match.matched(2));
  CHECK_FALSE(match.matched(7));  // no such group
  CHECK(match.begin() == 0);
  CHECK(match.end() == 10);
}

TEST_CASE("ignoring case is ASCII; '.' stops at CR and LF; '$' is the end only", "[input][pattern]") {
  const Pattern select(R"((?:select|fl)\b\s*(.*))", Pattern::Case::Ignored);
  Match match;
  REQUIRE(select.matches("SELECT Name, Identity", match));
  CHECK(match.str(1) == "Name, Identity");
  CHECK_FALSE(Pattern("select").matches("SELECT"));
  CHECK_FALSE(Pattern("a.b").matches("a\rb"));
  CHECK_FALSE(Pattern("a.b").matches("a\nb"));
  CHECK(Pattern("a.b").matches("a-b"));
  CHECK_FALSE(Pattern("end$").finds("the end\n"));
  CHECK(Pattern("end$").finds("the end"));
  // Bytes, not characters: a UTF-8 letter is two of them, and invalid UTF-8 is just bytes.
  CHECK(Pattern("^..$").finds("\xC3\xA9"));
  CHECK(
      Pattern("a").finds("\xFF\xFE"
                         "a"));
}

TEST_CASE("finds from an offset, anchored or not", "[input][pattern]") {
  const Pattern word(R"(\s*(\w+))");
  const std::string text = "one two  three";
  Match match;
  REQUIRE(word.finds(text, match, 3, true));
  CHECK(match.str(1) == "two");
  CHECK(match.end() == 7);
  CHECK_FALSE(Pattern("three").finds(text, match, 3, true));
  REQUIRE(Pattern("three").finds(text, match, 3));
  CHECK(match.begin() == 9);
}

TEST_CASE("replace_all and all walk every match left to right", "[input][pattern]") {
  const Pattern host("smart ?host", Pattern::Case::Ignored);
  CHECK(host.replace_all("a SmartHost and a smart host", "relay") == "a relay and a relay");
  CHECK(host.replace_all("no match here", "x") == "no match here");
  CHECK(Pattern("\\$").replace_all("$1 and $2", "\\0") == "\\01 and \\02");  // taken literally
  CHECK(Pattern("x*").replace_all("ab", "-") == "-a-b-");  // empty matches step on, as std::regex_replace
  const Pattern quoted(R"re("([A-Za-z]+)")re");
  CHECK(quoted.all(R"(set "Alpha" and "Beta", not 'Gamma')", 1) == std::vector<std::string>{"Alpha", "Beta"});
  CHECK(Pattern(R"(CCI-\d{6})").all("CCI-000001, CCI-000002").size() == 2);
  CHECK(quoted.all("").empty());
}

TEST_CASE("a pattern that backtracks without end gives no match, within the limits", "[input][pattern]") {
  const Pattern runaway("(a+)+$");
  const std::string subject = std::string(64, 'a') + "!";
  CHECK_FALSE(runaway.matches(subject));
  CHECK_FALSE(runaway.finds(subject));
  CHECK(runaway.finds(std::string(64, 'a')));
}
