// Answers carried forward: what an earlier assessment recorded for the rules a person answers
// (interview and documentation rules, OCIL questionnaires), given again to those rules in this
// one, unless the rule's check text changed since. An answer never replaces an automated verdict.
#pragma once

#include <scapc/check.h>

#include <map>
#include <string>
#include <vector>

namespace scapc::check {

// One rule's answer in an earlier assessment.
struct PreviousAnswer {
  std::string vuln_id;       // V-…; empty for rules that are no STIG's (catalog controls)
  std::string rule_version;  // STIG ID (EX19-MB-000031) or control id
  std::string rule_id;       // as the earlier file writes it
  std::string result;        // XCCDF result word: pass, fail, notapplicable or informational
  std::string status;        // as the earlier file writes it (NotAFinding, pass, …)
  std::string finding_details;
  std::string comments;
  std::string release;       // its release, V2R3 ("" when the file does not say)
  std::string check_text;    // the check text the answer was given for ("" when the file does not say)
  bool conflicting = false;  // the file answers the rule more than once, differently: nothing to carry
};

// The answers of one host (or, with no host name, of every host) in one file.
struct AnswerSet {
  std::string source;  // the file
  std::string host;    // host name or FQDN the file names; empty: the answers are for every host
  std::map<std::string, PreviousAnswer> by_vuln;        // V-ID -> answer
  std::map<std::string, PreviousAnswer> by_rule;        // rule version, and rule id -> answer
  std::map<std::string, std::string> by_questionnaire;  // OCIL results: questionnaire id -> result word
};

struct PreviousAnswers {
  std::vector<AnswerSet> sets;  // in the order given; the first that answers a rule wins
};

// Whether a file's host name (CKL HOST_NAME or HOST_FQDN, a TestResult's target) names `host`: by
// FQDN, short name against FQDN either way round, or IP address, case aside; two different FQDNs
// never match, so one short name in two domains stays two servers.
bool names_host(const std::string& name, const Host& host);

// The sets that speak for `host`: those naming it (by host name or FQDN, either way round, case
// aside), then those naming no host.
std::vector<const AnswerSet*> answers_for(const PreviousAnswers& answers, const Host& host);

// The sets naming a host that none of `hosts` is.
std::vector<const AnswerSet*> unmatched_answer_sets(const PreviousAnswers& answers, const std::vector<Host>& hosts);

// How many rules of `benchmark` the set holds an answer for (by V-ID, rule version or id, or
// questionnaire).
std::size_t answered_rules(const AnswerSet& set, const xccdf::loaded::Benchmark& benchmark);

// Whether an OVAL check decided the rule-result (an automated verdict, not a person's answer).
bool decided_by_oval(const RuleOutcome& outcome);

// The release `rule` of `benchmark` belongs to: its STIG's (V2R3), else the benchmark's version.
std::string release_of(const xccdf::loaded::Benchmark& benchmark, const xccdf::loaded::Item& rule);

// "V2R3" from a STIG's version ("2") and release info ("Release: 3 Benchmark Date: …"); the
// version alone when the release info has no release number.
std::string release_name(const std::string& version, const std::string& release_info);

// Gives `outcome` (the rule `rule` of `benchmark`; `evaluated`: its check ran, rather than its
// platform, role or selection deciding it) the first answer of `sets` for it:
// - a rule a person answers (no OVAL check) left unanswered takes the answer's result, its finding
//   details and comments, unless the check text changed since (then it stays not checked, with the
//   answer quoted and both releases named);
// - an automated verdict, or an answer given in this run (--ocil-results), stands: an earlier
//   answer that disagrees with it is noted in the evidence.
void apply_answers(const std::vector<const AnswerSet*>& sets, const xccdf::loaded::Benchmark& benchmark,
                   const xccdf::loaded::Item& rule, bool evaluated, RuleOutcome& outcome);

}  // namespace scapc::check
