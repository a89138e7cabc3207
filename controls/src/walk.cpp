#include "scapc/controls/walk.h"

namespace scapc::controls {
namespace {

void visit_condition(const Condition& condition, const std::function<void(const Condition&)>& visit) {
  visit(condition);
  for (const auto& child : condition.children) visit_condition(child, visit);
}

}  // namespace

void for_each_query(const Check& check, const std::function<void(const Query&)>& visit) {
  if (check.kind == Check::Kind::Query) visit(check.query);
  for (const auto& child : check.children) for_each_query(child, visit);
}

void for_each_condition(const Check& check, const std::function<void(const Condition&)>& visit) {
  for_each_query(check, [&visit](const Query& query) {
    if (query.filter) visit_condition(*query.filter, visit);
    if (query.condition) visit_condition(*query.condition, visit);
  });
}

}  // namespace scapc::controls
