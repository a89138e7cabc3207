// One comparison of an item value with a state value, by OVAL datatype and operation.
#pragma once

#include <scapc/oval_analysis.h>

#include <string>
#include <string_view>

namespace scapc::oval::detail {

// True, False, or Error (with `why`) when the values do not parse as the datatype or the
// operation is not defined for it.
Result compare(std::string_view item, std::string_view state, std::string_view datatype, std::string_view operation,
               std::string& why);

// Ordering of dotted versions ("15.1.2507.6" < "15.1.2507.13"); nullopt if not a version.
int compare_versions(const std::string& left, const std::string& right, bool& ok);

}  // namespace scapc::oval::detail
