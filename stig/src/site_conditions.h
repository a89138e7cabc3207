// The site conditions a STIG rule's text says make it not applicable.
#pragma once

#include <scapc/controls.h>

#include <string>
#include <vector>

namespace scapc::stig::detail {

struct SiteConditions {
  std::vector<controls::SiteCondition> conditions;  // in the order the text names them
  std::string unread;                               // the first "not applicable" sentence that names no known condition
};

SiteConditions site_conditions_of(const controls::StigRule& rule);

}  // namespace scapc::stig::detail
