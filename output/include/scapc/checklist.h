// DISA STIG Viewer checklists: CKL (STIG Viewer 2, XML) and CKLB (STIG Viewer 3, JSON), one model
// for both. Field names and vocabularies are STIG Viewer's; a checklist holds one asset and one
// entry per STIG (iSTIG / stigs[]), each with one entry per rule (VULN / rules[]).
#pragma once

#include <scapc/results.h>
#include <scapc/stig.h>

#include <string>
#include <string_view>
#include <vector>

namespace scapc::output {

struct ChecklistAsset {
  std::string role = "None";
  std::string asset_type = "Computing";
  std::string marking;
  std::string host_name;
  std::string host_ip;
  std::string host_mac;
  std::string host_fqdn;
  std::string target_comment;
  std::string tech_area;
  std::string target_key;
  bool web_or_database = false;
  std::string web_db_site;
  std::string web_db_instance;
};

// CKL status words: NotAFinding, Open, Not_Applicable, Not_Reviewed.
struct ChecklistRule {
  std::string vuln_num;  // V-…
  std::string severity;  // high, medium, low
  std::string group_title;
  std::string rule_id;   // SV-…_rule
  std::string rule_ver;  // STIG id, or the control id
  std::string rule_title;
  std::string vuln_discuss;
  std::string ia_controls;
  std::string check_content;
  std::string fix_text;
  std::string false_positives;
  std::string false_negatives;
  std::string documentable = "false";
  std::string mitigations;
  std::string potential_impact;
  std::string third_party_tools;
  std::string mitigation_control;
  std::string responsibility;
  std::string security_override_guidance;
  std::string check_content_ref = "M";
  std::string weight = "10.0";
  std::string classification = "Unclass";
  std::string stig_ref;
  std::string target_key;
  std::string uuid;
  std::vector<std::string> legacy_ids;
  std::vector<std::string> ccis;
  std::string status = "Not_Reviewed";
  std::string finding_details;
  std::string comments;
  std::string severity_override;
  std::string severity_justification;
};

struct ChecklistStig {
  std::string version;
  std::string classification = "UNCLASSIFIED";
  std::string custom_name;
  std::string stig_id;
  std::string description;
  std::string filename;
  std::string release_info;
  std::string title;
  std::string uuid;
  std::string notice = "terms-of-use";
  std::string source = "STIG.DOD.MIL";
  std::vector<ChecklistRule> rules;
};

struct Checklist {
  ChecklistAsset asset;
  std::vector<ChecklistStig> stigs;
};

// Which rules a checklist holds: the STIGs' rules, one entry per STIG; every evaluated rule of the
// benchmark as one entry; or both (the evaluated rules no STIG holds as one more entry).
enum class ChecklistRules { Stig, Benchmark, Both };

struct ChecklistLayout {
  std::vector<stig::Benchmark> stigs;
  ChecklistRules rules = ChecklistRules::Benchmark;
};

// The DISA STIGs a benchmark compiled by scapc holds, rebuilt from its metadata (xccdf.h,
// kStigNamespace): each with its rules in document order. None for other content.
std::vector<stig::Benchmark> stigs_in_content(const xccdf::loaded::Benchmark& benchmark);

// The layout `requested` ("stig", "benchmark", "both", or "" for "stig" when there is a STIG and
// "benchmark" otherwise) over the STIGs `given`, or else those in the content. False, with the
// reason, when STIG rules are asked for and there is no STIG.
bool checklist_layout(const xccdf::loaded::Benchmark& benchmark, std::vector<stig::Benchmark> given,
                      const std::string& requested, ChecklistLayout& out, std::string& error);

// The checklist of host `host` in a check run. A STIG's entry holds every rule of it, its status
// from the benchmark rules that cover it (by rule id or V-ID); the benchmark's entry holds the
// evaluated rules (with ChecklistRules::Both, those no STIG entry used).
Checklist checklist_of(const Assessment& run, std::size_t host, const ChecklistLayout& layout);

// STIG Viewer's status word for an XCCDF result (pass and fixed: NotAFinding; fail: Open;
// notapplicable: Not_Applicable; anything else: Not_Reviewed).
std::string ckl_status(xccdf::RuleResult result);
// The XCCDF result word a STIG Viewer status records (NotAFinding: pass; Open: fail;
// Not_Applicable: notapplicable); "" for Not_Reviewed or anything else.
std::string result_of_ckl_status(const std::string& status);

std::string to_ckl(const Checklist& checklist);
std::string to_cklb(const Checklist& checklist);

// Readers for checklists any tool wrote (STIG Viewer, Evaluate-STIG, STIG Manager): attributes by
// name, unknown fields ignored. One-line errors naming the file and line or JSON pointer.
bool read_ckl(std::string_view xml, const std::string& name, Checklist& out, std::string& error);
// `warnings` (when given) gets one line if text had to be repaired (input::parse_json).
bool read_cklb(std::string_view json, const std::string& name, Checklist& out, std::string& error,
               std::vector<std::string>* warnings = nullptr);

}  // namespace scapc::output
