// Drift between two assessments: each host's verdicts read from any results file (XCCDF results,
// ARF, CKL, CKLB) or taken from a check run, and the rules whose verdict changed.
#pragma once

#include <scapc/check.h>

#include <map>
#include <string>
#include <vector>

namespace scapc::output {

struct Verdict {
  std::string rule;  // the rule id (checklists: the SV rule id)
  std::string vuln;  // V-ID where known
  std::string version;
  std::string result;  // an XCCDF result word; checklists' statuses as STIG Manager maps them
};

struct HostVerdicts {
  std::string host;
  bool checklist = false;                // read from a checklist, which holds its STIGs' rules only
  std::vector<std::string> order;        // keys in document order
  std::map<std::string, Verdict> rules;  // by V-ID, else rule id
};

struct VerdictChange {
  Verdict verdict;     // the rule (as the newer assessment names it, when it has it)
  std::string key;     // V-ID, else rule id
  std::string from;    // "none": the rule was not in the older assessment
  std::string to;      // "none": not in the newer one
  std::string change;  // newly failing, fixed, newly not applicable, newly reviewed, no longer reviewed, changed
};

// Every host of the file at `path`; one-line errors naming the file and position.
bool read_verdicts(const std::string& path, std::vector<HostVerdicts>& out, std::string& error);

// A host's verdicts in a check run; `rules` is the benchmark's (xccdf::loaded::rules_by_id). Rules
// not selected are absent.
HostVerdicts verdicts_of(const std::string& host, const check::HostResult& result,
                         const std::map<std::string, const xccdf::loaded::Item*>& rules);

// The host of `hosts` that `name` names, case aside (DNS names are not case-sensitive); null if none.
const HostVerdicts* find_host(const std::vector<HostVerdicts>& hosts, const std::string& name);

// The rules whose verdict differs, in the newer assessment's order, then those only the older has.
std::vector<VerdictChange> verdict_changes(const HostVerdicts& before, const HostVerdicts& after);

}  // namespace scapc::output
