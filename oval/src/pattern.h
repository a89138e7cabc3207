// Regular expressions that come from content (OVAL pattern match, regex_capture): PCRE2 with match
// and depth limits, so a catastrophic pattern ends in an error for its entity, not in a hang.
#pragma once

#include <scapc/oval_analysis.h>

#include <optional>
#include <string>

namespace scapc::oval::detail {

// True when `pattern` matches somewhere in `subject`, False when not, Error (with `why`) when the
// pattern does not compile or the match runs out of its limits.
Result pattern_match(const std::string& subject, const std::string& pattern, std::string& why);

// As pattern_match; on True, `first_group` holds the first subexpression's text, if the pattern has
// one and it took part in the match.
Result pattern_capture(const std::string& subject, const std::string& pattern, std::optional<std::string>& first_group,
                       std::string& why);

}  // namespace scapc::oval::detail
