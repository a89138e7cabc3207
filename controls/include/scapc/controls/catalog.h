// The control catalog data model: plain structs, filled by load_catalog().
// The format is described in docs/catalog-format.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::controls {

enum class Severity { Low, Medium, High };

// How a literal in a check, and the property it is compared with, are read.
enum class ValueType { Boolean, Int, String, Version, TimeSpan, Bytes };

// A literal as written in the catalog plus its typed reading.
struct Literal {
  ValueType type = ValueType::String;
  std::string text;                    // as written (JSON numbers and booleans in their JSON spelling)
  bool boolean = false;                // Boolean
  std::int64_t number = 0;             // Int: the integer; TimeSpan: whole seconds; Bytes: byte count
  double seconds = 0.0;                // TimeSpan with fractions of a second
  bool unlimited = false;              // Int, TimeSpan, Bytes: Exchange's "Unlimited"
  std::vector<std::uint64_t> version;  // Version: the dotted parts
};

enum class Op {
  Equals,
  NotEquals,
  LessThan,
  LessOrEqual,
  GreaterThan,
  GreaterOrEqual,
  Matches,
  NotMatches,
  In,
  NotIn,
  Contains,
  NotContains,
  Empty,
  NotEmpty,
};

// How the per-element results of a multi-valued property combine.
enum class ElementMatch { All, Any, None };

// A value read from another query's objects ("valueFrom"): a property of what a cmdlet returns,
// compiled to an OVAL local_variable over that cmdlet's object.
struct ValueFrom {
  std::string cmdlet;    // Get-TransportConfig
  std::string property;  // MaxSendSize
};

struct Condition {
  enum class Kind { Property, AllOf, AnyOf, Not };
  Kind kind = Kind::Property;

  // Kind::Property
  std::string property;
  Op op = Op::Equals;
  ValueType type = ValueType::String;
  std::vector<Literal> values;          // one literal; several for In/NotIn; none for Empty/NotEmpty
  std::string value_ref;                // site value id instead of a literal
  std::optional<ValueFrom> value_from;  // another query's property instead of a literal
  bool ignore_case = false;
  ElementMatch elements = ElementMatch::All;

  // AllOf, AnyOf: several children; Not: one.
  std::vector<Condition> children;

  std::string pointer;  // JSON pointer of this condition in its file
};

// How many of the checked objects must satisfy the condition.
enum class Quantifier { All, AtLeastOne, None };

// The result when no object is left to check.
enum class EmptyResult { Pass, Fail, NotApplicable };

struct CmdletParameter {
  std::string name;
  std::vector<std::string> values;  // empty = switch parameter
};

// What a query's objects are: a cmdlet's output, or Windows data the standard OVAL tests
// read (win-def registry_test, service_test), whose items have fixed properties.
enum class DataKind { Cmdlet, Registry, Service, AuditPolicy, FileRights };

// The properties of a Windows data kind's items, in the order OVAL's item and state list them
// (lower case, as OVAL names its entities). Empty for cmdlets, whose properties are open.
const std::vector<std::string>& item_properties(DataKind kind);
// The OVAL test and object type of a data kind without its suffix: "cmdlet", "registry", "service",
// "auditeventpolicysubcategories", "fileeffectiverights53".
const char* oval_item_type(DataKind kind);

// An entity that picks the Windows objects a query reads (registry: hive, key, name; service:
// service_name; file rights: path, filename, trustee_sid), compared as OVAL's `equals` or, with
// `pattern`, `pattern match`; `value_ref` names a site value that gives it instead of `value`; a
// `nil` filename picks the folder named by path.
struct ObjectEntity {
  std::string name;
  std::string value;
  bool pattern = false;
  std::string value_ref;
  bool nil = false;
};

struct Query {
  DataKind data = DataKind::Cmdlet;
  std::vector<ObjectEntity> entities;  // Registry, Service
  std::string cmdlet;                  // Verb-Noun; Registry and Service: the data kind ("registry", "service")
  std::string verb;
  std::string noun;
  std::vector<CmdletParameter> parameters;
  std::vector<std::string> properties;  // as declared, or derived from the conditions
  std::optional<Condition> filter;
  std::optional<Condition> condition;
  Quantifier require = Quantifier::All;
  EmptyResult on_empty = EmptyResult::Fail;
};

struct Check {
  enum class Kind { Query, AllOf, AnyOf, Not };
  Kind kind = Kind::Query;
  Query query;                  // Kind::Query
  std::vector<Check> children;  // AllOf, AnyOf: several; Not: one
  std::string description;
  std::string pointer;
};

struct SiteValue {
  std::string id;
  std::string title;
  std::string description;
  ValueType type = ValueType::String;
  Literal default_value;
  std::map<std::string, Literal> selectors;
  std::optional<Literal> lower_bound;
  std::optional<Literal> upper_bound;
  std::vector<Literal> choices;
};

struct Reference {
  std::string name;
  std::string url;
  // The control's check is the named STIG rule's check text, as a person read it ("sameCheck"): a
  // STIG rule whose text cannot be synthesized may then be checked by the control's check.
  bool same_check = false;
};

// A DISA STIG rule a control says it covers, read from its references.
struct StigReference {
  std::string stig_id;      // EX19-MB-000233
  std::string vuln_id;      // V-259708
  std::string rule_id;      // SV-259708r..._rule, when given
  std::string benchmark;    // microsoft_exchange_2019_mailbox_server, from a stigviewer URL
  bool same_check = false;  // the reference's "sameCheck"
};

// Facts about the site under which DISA says a rule does not apply ("This is not applicable for
// SIPR enclaves"). No server's data shows them: the site declares them as XCCDF Values.
enum class SiteCondition {
  SiprEnclave,           // SIPRNet, or a classified or closed network
  EmailGateway,          // another DoD-approved anti-spam product or email gateway (EEMSG) does the job
  ThirdPartyMonitoring,  // a third-party application performs the monitoring
  NoAutoForwarding,      // email auto-forwarding is not used
  NoServiceProvider,     // no service provider is used (for sender reputation lookups)
  NoPublicFolders,       // public folders are not used
};

// A rule of a DISA STIG, as its benchmark states it.
struct StigRule {
  std::string benchmark_id;     // MS_Exchange_2016_Edge_Transport_Server_STIG
  std::string benchmark_title;  // Microsoft Exchange 2016 Edge Transport Server Security Technical ...
  std::string vuln_id;          // V-221218 (the Group id)
  std::string rule_id;          // SV-221218r811174_rule
  std::string stig_id;          // EX16-ED-000170 (the Rule version)
  std::string group_title;      // SRG-APP-000... or the legacy group title
  std::string severity;         // high, medium, low
  std::string weight;           // "10.0"
  std::string title;
  std::string discussion;                                 // VulnDiscussion
  std::map<std::string, std::string> description_fields;  // FalsePositives, Documentable, ...
  std::string check_id;                                   // C-...r..._chk
  std::string check_text;
  std::string fix_id;  // F-...r..._fix
  std::string fix_text;
  std::vector<std::string> ccis;        // CCI-000054
  std::vector<std::string> legacy_ids;  // V-80485, SV-95195
};

struct Remediation {
  bool automatable = false;
  std::string description;
  std::string script_template;
};

struct Control {
  std::string id;
  std::string title;
  std::string description;
  bool verify = true;
  std::string subject;
  std::string category;
  Severity severity = Severity::Medium;
  int severity_weight = 0;
  std::vector<std::string> frameworks;
  std::vector<Reference> references;
  std::vector<StigReference> stig_references;
  Remediation remediation;
  std::string considerations;
  std::vector<std::string> roles;  // canonical spelling: Mailbox, Edge
  // Exchange versions the control is written for ("2019"); empty: every version.
  std::vector<std::string> versions;
  std::vector<SiteCondition> not_applicable_when;
  std::optional<Check> check;
  std::vector<SiteValue> values;

  // DISA STIG rules this control carries: the one it was made from (from_stig), or the rules its
  // references name, joined by V-ID.
  std::vector<StigRule> stig_rules;
  bool from_stig = false;
  std::string manual_reason;   // why a control from a STIG has no machine check
  std::string synthesis_note;  // what the synthesis read, and where it departs from the title
  // A control from a STIG: how the catalog controls that reference its rule relate to it (one line
  // each: the same check, a different one and how, or the check it borrows), for --explain.
  std::vector<std::string> join_notes;
  std::string check_from;  // the catalog control whose check this STIG rule uses, if any
  // The project's check joined to a control that came without one (controls/edca/…json), if any.
  std::string known_check;

  std::string source;   // file the control was read from
  std::string pointer;  // JSON pointer of the control in that file ("" for a one-control file)
};

// A DISA STIG whose rules the catalog holds: what its checklist names it by.
struct StigBenchmark {
  std::string id;  // MS_Exchange_2019_Mailbox_Server_STIG
  std::string title;
  std::string description;
  std::string version;       // "2"
  std::string release_info;  // "Release: 6 Benchmark Date: 30 Jan 2025"
  std::string filename;      // the file it was read from, without its folder
};

struct Catalog {
  std::string title;
  std::string version;
  std::string description;
  std::vector<Control> controls;
  std::vector<StigBenchmark> stigs;  // joined STIGs with at least one rule here, in the order given
};

const char* to_string(Severity severity);
const char* to_string(ValueType type);
const char* to_string(Op op);
const char* to_string(Quantifier quantifier);
const char* to_string(EmptyResult result);
const char* to_string(ElementMatch match);
// The catalog's name of a site condition ("siprEnclave"), and back.
const char* to_string(SiteCondition condition);
bool parse_site_condition(std::string_view name, SiteCondition& out);
// What declaring the condition means, in words for an XCCDF Value's title.
const char* describe(SiteCondition condition);

}  // namespace scapc::controls
