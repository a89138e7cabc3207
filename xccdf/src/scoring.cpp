#include <scapc/xccdf_scoring.h>

namespace scapc::xccdf {
namespace {

// Results that count toward a score; fixed counts as a pass (IR 7275r4 §7.3.2).
bool counts(RuleResult result) {
  return result != RuleResult::NotApplicable && result != RuleResult::NotChecked &&
         result != RuleResult::Informational && result != RuleResult::NotSelected;
}

bool passes(RuleResult result) {
  return result == RuleResult::Pass || result == RuleResult::Fixed;
}

struct Tally {
  int count = 0;
  int passed = 0;
};

Tally tally(const ScoreNode& rule) {
  Tally t;
  for (auto result : rule.results) {
    if (!counts(result)) continue;
    ++t.count;
    t.passed += passes(result) ? 1 : 0;
  }
  return t;
}

// Default model: a node's score is the weighted mean of its counted children's scores; a node
// with nothing counted does not contribute to its parent.
bool default_score(const ScoreNode& node, double& score) {
  if (node.rule) {
    const auto t = tally(node);
    if (t.count == 0) return false;
    score = 100.0 * t.passed / t.count;
    return true;
  }
  double sum = 0;
  double weights = 0;
  int counted = 0;
  for (const auto& child : node.children) {
    double child_score = 0;
    if (!child.selected || !default_score(child, child_score)) continue;
    sum += child_score * child.weight;
    weights += child.weight;
    ++counted;
  }
  if (counted == 0) return false;
  score = weights == 0 ? 0 : sum / weights;
  return true;
}

// Flat models: every selected, counted rule adds weight × passed/count, and its weight to the maximum.
void flat(const ScoreNode& node, bool unweighted, double& score, double& maximum) {
  if (!node.selected) return;
  if (!node.rule) {
    for (const auto& child : node.children) flat(child, unweighted, score, maximum);
    return;
  }
  const auto t = tally(node);
  if (t.count == 0) return;
  const double weight = unweighted ? (node.weight == 0 ? 0 : 1) : node.weight;
  score += weight * t.passed / t.count;
  maximum += weight;
}

}  // namespace

std::vector<Score> score(const ScoreNode& root) {
  double default_value = 0;
  if (!default_score(root, default_value)) default_value = 0;
  double flat_score = 0;
  double flat_maximum = 0;
  flat(root, false, flat_score, flat_maximum);
  double unweighted_score = 0;
  double unweighted_maximum = 0;
  flat(root, true, unweighted_score, unweighted_maximum);
  return {
      {"urn:xccdf:scoring:default", default_value, 100},
      {"urn:xccdf:scoring:flat", flat_score, flat_maximum},
      {"urn:xccdf:scoring:flat-unweighted", unweighted_score, unweighted_maximum},
      {"urn:xccdf:scoring:absolute", flat_score == flat_maximum ? 1.0 : 0.0, 1},
  };
}

}  // namespace scapc::xccdf
