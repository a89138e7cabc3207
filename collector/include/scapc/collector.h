// The read-only PowerShell collector a benchmark needs: which cmdlets, with which parameters and
// properties, the OVAL checks of the selected rules read (their win-def:cmdlet_objects), and the
// script that runs them on an Exchange server and writes the collection bundle
// (docs/collection-bundle.schema.json) that `scapc check --data` reads.
#pragma once

#include <scapc/check.h>
#include <scapc/xccdf_loaded.h>

#include <string>
#include <string_view>
#include <vector>

namespace scapc::collector {

struct Parameter {
  std::string name;
  std::string value;  // as the OVAL record gives it: empty (or "true") is a switch that is on
};

// One command the script runs: the output of every OVAL object that names it, with the properties
// all of them select.
struct Invocation {
  std::string verb;  // "Get", or "Test" for the allow-list's probes: the generator refuses anything else
  std::string noun;
  std::vector<Parameter> parameters;    // sorted by name, ignoring case
  bool every_property = false;          // an object without a select keeps every property
  std::vector<std::string> properties;  // union of the selected properties, first spelling kept
  std::vector<std::string> objects;     // the OVAL object ids reading this output
  // Server-scoped cmdlets (oval/include/scapc/exchange_scope.h) are asked for this server only:
  // the parameter that names it, added at run time ("Server", "Identity"); empty when the cmdlet
  // has none or the OVAL object already names what to get.
  std::string server_parameter;
  bool server_parameter_on_edge = true;  // false: on an Edge server the cmdlet answers for itself only
  // What the output covers, recorded in the bundle: "server", "local", "organization", or "" when
  // the collector cannot tell (the content names the target, or the cmdlet's scope is unknown).
  std::string scope;

  [[nodiscard]] std::string cmdlet() const { return verb + "-" + noun; }
};

// A registry key whose values the checks read (win-def:registry_objects naming it exactly).
struct RegistryKey {
  std::string hive;  // HKEY_LOCAL_MACHINE, …
  std::string key;
  std::vector<std::string> objects;  // the OVAL object ids reading it
};

// A file or folder whose DACL the script reads (Get-Acl), for fileeffectiverights53 objects.
struct FilePath {
  std::string path;
  std::vector<std::string> objects;  // the OVAL object ids reading it
};

struct Plan {
  std::vector<Invocation> invocations;            // sorted by cmdlet, then parameters
  std::vector<RegistryKey> registry_keys;         // sorted by hive and key, ignoring case
  std::vector<std::string> service_objects;       // win-def:service_objects: every service is listed once
  std::vector<std::string> audit_policy_objects;  // auditeventpolicysubcategories_objects: auditpol /get
  std::vector<FilePath> file_paths;               // sorted by path, ignoring case
  // Objects the script cannot read, each with why ("oval:…:obj:7: registry key given by a pattern"):
  // they stay "not collected", so their tests are unknown.
  std::vector<std::string> not_collected;
};

// The invocations the OVAL definitions of the rules `evaluation` selects need: each rule's check
// (every definition of the component when the check names none), the platform checks of the
// benchmark, the selected groups and rules, followed through extend_definition, tests, states,
// variables, filters and sets down to the cmdlet, registry and service objects. Server-scoped cmdlets get the parameter
// that asks for this server only, and keep the properties that name an object's server. Fails,
// naming the object, on a verb other than Get, on a cmdlet, parameter or property name that is not
// a plain identifier, and on values taken from OVAL variables (the collector runs fixed commands only).
bool plan(const check::Content& content, const xccdf::loaded::Evaluation& evaluation, Plan& out, std::string& error);

struct ScriptOptions {
  std::string content;          // named in the header comment
  std::string profile;          // empty: the benchmark's defaults
  bool clixml_default = false;  // write the Export-Clixml folder unless told -CliXml:$false
};

// The PowerShell 5.1 script: host identity, every invocation of `plan` (a failing cmdlet is recorded
// as an error and the run goes on), the bundle as UTF-8 JSON, and with -CliXml one Export-Clixml file
// per cmdlet. Only Get cmdlets touch Exchange. The text is ASCII whatever the content holds.
std::string powershell_script(const Plan& plan, const ScriptOptions& options);

// A cmdlet, parameter or property name the script may hold as code: ^[A-Za-z][A-Za-z0-9]*$.
bool is_plain_name(std::string_view name);

// `text` as a PowerShell expression yielding it: a single-quoted literal for printable ASCII
// (quotes doubled), else decoded from base64, so that no content byte is ever read as code.
std::string powershell_string(std::string_view text);

}  // namespace scapc::collector
