// XCCDF evaluation of a benchmark against data collected from hosts, offline: the content (a source
// data stream, or an XCCDF file with its check files beside it), the hosts' data (collection bundle,
// Export-Clixml folder, or OVAL system characteristics), and one result per host.
#pragma once

#include <scapc/clixml.h>
#include <scapc/oval_analysis.h>
#include <scapc/xccdf_loaded.h>
#include <scapc/xccdf_scoring.h>

#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

namespace scapc::check {

struct OvalComponent {
  std::string key;  // component id inside a data stream, or the file path
  std::shared_ptr<const oval::DefinitionsDocument> definitions;
};

struct Content {
  std::string path;
  bool data_stream = false;
  std::string source_text;             // the content file as read (an ARF report request carries it verbatim)
  pugi::xml_node root;                 // its document element: what an ARF report request copies
  pugi::xml_node benchmark_node;       // the Benchmark element: what XCCDF results copy
  std::string benchmark_component_id;  // data streams: ds:component/@id of the checklist
  xccdf::loaded::Benchmark benchmark;
  std::map<std::string, OvalComponent> oval;   // check-content-ref href -> OVAL
  std::map<std::string, pugi::xml_node> ocil;  // check-content-ref href -> ocil:ocil
  struct CpeCheck {
    OvalComponent oval;
    std::string definition;
  };
  std::map<std::string, CpeCheck> cpe_checks;  // CPE name -> OVAL check (from the data stream's dictionary)
  // The parsed documents the nodes above are in (the content file, check files beside it).
  std::vector<std::shared_ptr<const void>> documents;
};

struct ContentOptions {
  std::string data_stream_id;
  std::string benchmark_id;
  // An XCCDF file's CPE dictionary (a data stream carries its own); default: <name>-cpe-dictionary.xml
  // beside <name>-xccdf.xml, when there is one.
  std::string cpe_dictionary;
};

// Loads CONTENT. Errors are one line naming the file and the position or reference at fault.
bool load_content(const std::string& path, const ContentOptions& options, Content& out, std::string& error);
// The same from text already read (content embedded in a results file); `path` names it and is
// where check files beside it are looked for.
bool load_content_text(std::string text, const std::string& path, const ContentOptions& options, Content& out,
                       std::string& error);

struct Host {
  std::string source;  // the path the data came from
  std::string host_name;
  std::string fqdn;
  std::string exchange_name;  // the server's name in Exchange, when it differs in spelling
  std::vector<std::string> ip_addresses;
  std::vector<std::string> mac_addresses;
  // Bundle or Export-Clixml folder; shared with the system characteristics collected from it.
  std::shared_ptr<oval::CmdletOutput> output = std::make_shared<oval::CmdletOutput>();
  std::map<std::string, std::string> failed;                  // invocations whose collection failed -> why
  std::map<std::string, std::string> scopes;                  // invocation -> scope the bundle records
  std::shared_ptr<const oval::SystemCharacteristics> system;  // when the data is system characteristics
  std::vector<std::string> warnings;                          // what loading noticed (other servers' objects)
};

// How every output names the host, so that tools importing several formats see one asset: its FQDN
// where the data records one, else its name.
inline const std::string& host_identity(const Host& host) {
  return host.fqdn.empty() ? host.host_name : host.fqdn;
}

// A collection bundle (.json), a folder of Export-Clixml files, or OVAL system characteristics.
// Output that lists several servers (server-scoped cmdlets run without -Server, a hand-made
// Export-Clixml folder) is cut down to this host's objects (oval::keep_host_objects); a folder whose
// name is no server of the data is the one server the data names, and an error when it names several.
struct HostLoading {
  // System characteristics must name their host (system_info/primary_host_name): a check run tells
  // hosts apart by it. oval analyse, like oscap, takes them without.
  bool name_required = true;
};
bool load_host(const std::string& path, Host& out, std::string& error, const HostLoading& loading = {});

struct CheckReference {
  std::string system;
  std::string href;
  std::string name;
  bool negate = false;
  bool multi_check = false;
  std::vector<xccdf::CheckExport> exports;
};

struct Waivers;          // waivers.h
struct PreviousAnswers;  // answers.h

// A waiver's mark on a rule-result: what was evaluated, and who accepted what instead (written as
// an XCCDF override).
struct WaiverApplied {
  xccdf::RuleResult evaluated = xccdf::RuleResult::NotChecked;
  std::string rule;  // the waiver's rule, as written
  std::string justification;
  std::string approved_by;
  std::string approved;
  std::string expires;
  std::string severity;  // the severity the waiver lowers the rule to (checklists' override), if any
};

// An earlier assessment's answer to a rule (answers.h): carried into this result, or shown beside
// it when it could not be (the check text changed) or did not need to be (this run decided).
struct AnswerApplied {
  std::string source;   // the earlier file
  std::string release;  // the STIG release it was given for ("" when unknown)
  std::string status;   // as the earlier file writes it
  std::string finding_details;
  std::string comments;
  bool carried = false;  // the rule's result is the earlier answer's
  std::string note;      // not carried: why (and the earlier answer quoted); carried: ""
};

struct RuleOutcome {
  std::string rule_id;
  xccdf::RuleResult result = xccdf::RuleResult::NotChecked;
  double weight = 1.0;
  std::string severity;
  std::string role;
  std::string version;
  std::vector<CheckReference> checks;  // the check(s) evaluated, empty when none was
  std::vector<std::string> messages;   // evidence: what was seen, why a result is error or unknown
  // Every object the check read is organisation-wide (send connectors, organisation and transport
  // configuration, …): the verdict is the same on every server of one organisation.
  bool organization_wide = false;
  std::optional<WaiverApplied> waiver;
  std::optional<AnswerApplied> answer;
};

struct OvalReport {
  std::string href;
  std::string component_key;
  std::shared_ptr<const oval::ResultsReport> results;  // OVAL results, sharing the host's system characteristics
};

struct HostResult {
  std::string start_time;
  std::string end_time;
  std::vector<RuleOutcome> rules;  // document order; several per multi-check rule
  std::vector<xccdf::Score> scores;
  std::vector<OvalReport> oval_reports;
  std::vector<std::string> warnings;
};

struct EvaluateOptions {
  std::set<std::string> rules;                      // --rule: only these are evaluated, the rest notselected
  std::map<std::string, std::string> ocil_answers;  // questionnaire id -> XCCDF result word
  const Waivers* waivers = nullptr;                 // --waivers (waivers.h); applied before scoring
  const PreviousAnswers* answers = nullptr;         // --answers (answers.h); applied before the waivers
  std::string timestamp;                            // start and end time (deterministic output)
  // OVAL results documents (HostResult::oval_reports) are a tenth of a host's evaluation: made
  // only for the outputs that hold them (ARF, --oval-results).
  bool oval_reports = true;
};

HostResult evaluate(const Content& content, const xccdf::loaded::Evaluation& evaluation, const Host& host,
                    const EvaluateOptions& options);

// What follows "xccdf_<namespace>_rule_" (DISA's own rule id for rules made from a STIG), else `id`.
std::string short_rule_id(const std::string& id);
// The V-ID a rule stands for: scapc's STIG metadata, else the number of DISA's SV-…r… rule id in its
// id; "" for neither.
std::string vuln_id_of(const std::string& rule_id);
std::string vuln_id_of(const xccdf::loaded::Item& rule);

const char* to_string(xccdf::RuleResult result);
// An XCCDF result word ("pass", "notchecked", …) back into a result; false when it is none.
bool parse_result(const std::string& word, xccdf::RuleResult& out);

}  // namespace scapc::check
