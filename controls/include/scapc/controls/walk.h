// The queries and conditions of a check, for the passes that gather what a check refers to (site values,
// cmdlets compared with, properties).
#pragma once

#include <functional>

#include "scapc/controls/catalog.h"

namespace scapc::controls {

// Calls `visit` on every query of `check` (a leaf of its allOf/anyOf/not tree), in order.
void for_each_query(const Check& check, const std::function<void(const Query&)>& visit);

// Calls `visit` on every condition of `check`: the filter and condition of each query, and every
// part of those, parents before their parts.
void for_each_condition(const Check& check, const std::function<void(const Condition&)>& visit);

}  // namespace scapc::controls
