// XCCDF 1.2 scoring (NIST IR 7275r4 §7.3.2): the default, flat, flat-unweighted and absolute models
// over a tree of selected groups and rules with their (refined) weights and rule results.
#pragma once

#include <string>
#include <vector>

namespace scapc::xccdf {

enum class RuleResult { Pass, Fail, Error, Unknown, NotApplicable, NotChecked, NotSelected, Informational, Fixed };

// A Group (or the Benchmark) with children, or a Rule with its results (several for multi-check or
// instances). Weights are the effective ones, after refine-rule.
struct ScoreNode {
  bool rule = false;
  bool selected = true;
  double weight = 1.0;
  std::vector<RuleResult> results;
  std::vector<ScoreNode> children;
};

struct Score {
  std::string system;  // urn:xccdf:scoring:default, :flat, :flat-unweighted, :absolute
  double value = 0;
  double maximum = 0;
};

// The four models for the benchmark `root`, in the order above.
std::vector<Score> score(const ScoreNode& root);

}  // namespace scapc::xccdf
