// Whether a catalog control's check decides as a STIG rule's synthesized check does.
#pragma once

#include <scapc/controls.h>

#include <string>
#include <vector>

namespace scapc::stig::detail {

// "" when the two checks give the same verdict on any data (structurally the same: cmdlet and
// parameters, filter, condition, quantifier, empty result); otherwise the first difference in words.
// Site values compare by type and default.
std::string check_difference(const controls::Check& left, const std::vector<controls::SiteValue>& left_values,
                             const controls::Check& right, const std::vector<controls::SiteValue>& right_values);

}  // namespace scapc::stig::detail
