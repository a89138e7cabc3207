// complex-check operators against the rows of IR 7275r4 Tables 12–14 (as the scap brief §1.4
// prints them), and the OVAL-to-XCCDF result map.
#include "check_results.h"

#include <catch2/catch.hpp>

using namespace scapc;
using xccdf::RuleResult;

namespace {

// Column order of the tables: P F U E N K S I.
const std::vector<RuleResult> kOrder{RuleResult::Pass,        RuleResult::Fail,          RuleResult::Unknown,
                                     RuleResult::Error,       RuleResult::NotApplicable, RuleResult::NotChecked,
                                     RuleResult::NotSelected, RuleResult::Informational};

RuleResult letter(char c) {
  const std::string letters = "PFUENKSI";
  return kOrder.at(letters.find(c));
}

void check_table(RuleResult (*op)(RuleResult, RuleResult), const std::vector<std::string>& rows) {
  for (std::size_t row = 0; row < rows.size(); ++row) {
    for (std::size_t column = 0; column < rows[row].size(); ++column) {
      INFO("row " << row << " column " << column);
      CHECK(op(kOrder[row], kOrder[column]) == letter(rows[row][column]));
    }
  }
}

}  // namespace

TEST_CASE("AND and OR follow Tables 12 and 13", "[check][results]") {
  check_table(check::both,
              {"PFUEPPPP", "FFFFFFFF", "UFUUUUUU", "EFUEEEEE", "PFUENNNN", "PFUENKKK", "PFUENKSS", "PFUENKSI"});
  check_table(check::either,
              {"PPPPPPPP", "PFUEFFFF", "PUUUUUUU", "PEUEEEEE", "PFUENNNN", "PFUENKKK", "PFUENKSS", "PFUENKSI"});
}

TEST_CASE("negation swaps only pass and fail; fixed counts as pass", "[check][results]") {
  CHECK(check::negated(RuleResult::Pass, true) == RuleResult::Fail);
  CHECK(check::negated(RuleResult::Fail, true) == RuleResult::Pass);
  CHECK(check::negated(RuleResult::Fixed, true) == RuleResult::Fail);
  for (const auto other : {RuleResult::Unknown, RuleResult::Error, RuleResult::NotApplicable, RuleResult::NotChecked,
                           RuleResult::NotSelected, RuleResult::Informational}) {
    CHECK(check::negated(other, true) == other);
  }
  CHECK(check::both(RuleResult::Fixed, RuleResult::NotChecked) == RuleResult::Pass);
}

TEST_CASE("OVAL definition results map by class", "[check][results]") {
  using oval::Result;
  for (const auto* cls : {"compliance", "inventory", "miscellaneous"}) {
    CHECK(check::from_oval(Result::True, cls) == RuleResult::Pass);
    CHECK(check::from_oval(Result::False, cls) == RuleResult::Fail);
  }
  for (const auto* cls : {"vulnerability", "patch"}) {
    CHECK(check::from_oval(Result::True, cls) == RuleResult::Fail);
    CHECK(check::from_oval(Result::False, cls) == RuleResult::Pass);
  }
  CHECK(check::from_oval(Result::Unknown, "compliance") == RuleResult::Unknown);
  CHECK(check::from_oval(Result::Error, "patch") == RuleResult::Error);
  CHECK(check::from_oval(Result::NotEvaluated, "compliance") == RuleResult::NotChecked);
  CHECK(check::from_oval(Result::NotApplicable, "vulnerability") == RuleResult::NotApplicable);
}
