#include "scapc/controls/walk.h"

namespace scapc::controls {
namespace {

void visit_condition(const Condition& condition, const std::function<void(const Condition&)>& visit) {
  visit(condition);
  for (const auto& child : condition.children) visit_condition(child, visit);
}

}  // namespace

void for_each_condition(const Check& check, const std::function<void(const Condition&)>& visit) {
  if (check.kind == Check::Kind::Query) {
    if (check.query.filter) visit_condition(*check.query.filter, visit);
    if (check.query.condition) visit_condition(*check.query.condition, visit);
  }
  for (const auto& child : check.children) for_each_condition(child, visit);
}

}  // namespace scapc::controls
