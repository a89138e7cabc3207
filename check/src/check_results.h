// The result algebra of XCCDF checks (IR 7275r4 §7.2.3.5, Tables 12–14) and the mapping from OVAL
// definition results (SP 800-126 "Deriving XCCDF Check Results from OVAL Definition Results").
#pragma once

#include <scapc/oval_analysis.h>
#include <scapc/xccdf_scoring.h>

#include <string>

namespace scapc::check {

xccdf::RuleResult from_oval(oval::Result result, const std::string& definition_class);
xccdf::RuleResult negated(xccdf::RuleResult result, bool negate);
xccdf::RuleResult both(xccdf::RuleResult a, xccdf::RuleResult b);    // AND
xccdf::RuleResult either(xccdf::RuleResult a, xccdf::RuleResult b);  // OR

}  // namespace scapc::check
