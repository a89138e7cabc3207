#include "check_results.h"

#include <scapc/check.h>

#include <array>
#include <utility>

namespace scapc::check {
namespace {

using xccdf::RuleResult;

// Among notapplicable, notchecked, notselected and informational the tables keep the first in
// that order (N∧K = N, K∧S = K, S∧I = S) under both operators.
int neutral_rank(RuleResult result) {
  switch (result) {
    case RuleResult::NotApplicable:
      return 4;
    case RuleResult::NotChecked:
      return 3;
    case RuleResult::NotSelected:
      return 2;
    default:
      return 1;  // informational
  }
}

bool is(RuleResult result, RuleResult wanted) {
  if (result == RuleResult::Fixed) result = RuleResult::Pass;
  return result == wanted;
}

RuleResult combine(RuleResult a, RuleResult b, const std::array<RuleResult, 4>& precedence) {
  for (const auto wanted : precedence) {
    if (is(a, wanted) || is(b, wanted)) return wanted;
  }
  return neutral_rank(a) >= neutral_rank(b) ? a : b;
}

constexpr std::array<std::pair<RuleResult, const char*>, 9> kWords{{
    {RuleResult::Pass, "pass"},
    {RuleResult::Fail, "fail"},
    {RuleResult::Error, "error"},
    {RuleResult::Unknown, "unknown"},
    {RuleResult::NotApplicable, "notapplicable"},
    {RuleResult::NotChecked, "notchecked"},
    {RuleResult::NotSelected, "notselected"},
    {RuleResult::Informational, "informational"},
    {RuleResult::Fixed, "fixed"},
}};

}  // namespace

RuleResult from_oval(oval::Result result, const std::string& definition_class) {
  const bool inverted = definition_class == "vulnerability" || definition_class == "patch";
  switch (result) {
    case oval::Result::True:
      return inverted ? RuleResult::Fail : RuleResult::Pass;
    case oval::Result::False:
      return inverted ? RuleResult::Pass : RuleResult::Fail;
    case oval::Result::Unknown:
      return RuleResult::Unknown;
    case oval::Result::Error:
      return RuleResult::Error;
    case oval::Result::NotEvaluated:
      return RuleResult::NotChecked;
    case oval::Result::NotApplicable:
      return RuleResult::NotApplicable;
  }
  return RuleResult::Unknown;
}

RuleResult negated(RuleResult result, bool negate) {
  if (!negate) return result;
  if (is(result, RuleResult::Pass)) return RuleResult::Fail;
  if (result == RuleResult::Fail) return RuleResult::Pass;
  return result;
}

RuleResult both(RuleResult a, RuleResult b) {
  return combine(a, b, {RuleResult::Fail, RuleResult::Unknown, RuleResult::Error, RuleResult::Pass});
}

RuleResult either(RuleResult a, RuleResult b) {
  return combine(a, b, {RuleResult::Pass, RuleResult::Unknown, RuleResult::Error, RuleResult::Fail});
}

const char* to_string(RuleResult result) {
  for (const auto& [value, word] : kWords) {
    if (value == result) return word;
  }
  return "unknown";
}

bool parse_result(const std::string& word, RuleResult& out) {
  for (const auto& [value, text] : kWords) {
    if (word == text) {
      out = value;
      return true;
    }
  }
  return false;
}

}  // namespace scapc::check
