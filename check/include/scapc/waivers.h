// Waivers: accepted risks and deviations recorded once (docs/waivers.schema.json) and applied to
// every check run, each rule-result keeping what was evaluated (an XCCDF override).
#pragma once

#include <scapc/check.h>

#include <string>
#include <string_view>
#include <vector>

namespace scapc::check {

struct Waiver {
  std::string rule;                // V-ID, STIG ID, DISA rule id (SV-…_rule) or catalog control id
  std::vector<std::string> hosts;  // host names or glob patterns; empty: every host
  xccdf::RuleResult result = xccdf::RuleResult::Pass;  // pass, notapplicable, informational or fail
  std::string severity;                                // optional: the severity the waiver lowers the rule to
  std::string justification;
  std::string approved_by;
  std::string approved;  // YYYY-MM-DD
  std::string expires;   // YYYY-MM-DD
  std::string pointer;   // JSON pointer of the waiver in its file
};

struct Waivers {
  std::string path;
  std::vector<Waiver> list;
};

// Reads a waivers file. A malformed one is an error naming the file and the JSON pointer.
bool read_waivers(const std::string& path, Waivers& out, std::string& error);
// The same from text already read; `path` names it in errors.
bool read_waivers_text(std::string_view text, const std::string& path, Waivers& out, std::string& error);

// Leaves out, with a warning each ("file:/waivers/N: warning: …", printable), the waivers that
// expired before `today` (YYYY-MM-DD) and those naming no rule of the benchmark.
void drop_unusable_waivers(Waivers& waivers, const xccdf::loaded::Benchmark& benchmark, const std::string& today,
                           std::vector<std::string>& warnings);

// Whether `waiver` names `rule` (by V-ID, STIG ID, DISA rule id or catalog id) and `host`.
bool waiver_names_rule(const Waiver& waiver, const xccdf::loaded::Item& rule);
bool waiver_names_host(const Waiver& waiver, const Host& host);

// The first waiver of the list for this rule on this host applied to `outcome` (not selected
// rule-results are left alone): its result replaced, the evaluated one kept in outcome.waiver.
void apply_waivers(const Waivers& waivers, const xccdf::loaded::Item& rule, const Host& host, RuleOutcome& outcome);

// The same over a host's results read from a file (scapc convert): rules found by id in `benchmark`.
// Scores stay as read. Returns how many rule-results a waiver applies to.
std::size_t apply_waivers(const Waivers& waivers, const xccdf::loaded::Benchmark& benchmark, const Host& host,
                          HostResult& result);

}  // namespace scapc::check
