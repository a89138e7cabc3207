// An XCCDF 1.2 benchmark as a checker reads it (NIST IR 7275r4 §6), with profiles and tailoring
// resolved into the settings one evaluation uses (§7.2). Any publisher's content loads, not only
// what scapc compiles; what is not supported is listed in docs/checking.md.
#pragma once

#include <scapc/xccdf.h>

#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::xccdf::loaded {

struct ContentRef {
  std::string href;
  std::string name;  // empty: every definition of the component
};

struct Check {
  std::string system;
  std::string selector;
  std::string id;
  bool negate = false;
  bool multi_check = false;
  std::vector<CheckExport> exports;
  std::vector<ContentRef> content_refs;  // alternatives, first resolvable wins
  std::string content;                   // inline check-content text (DISA puts the manual check here)
};

// A check or a complex-check (AND / OR over checks and complex-checks).
struct CheckExpression {
  bool complex = false;
  bool and_operator = true;
  bool negate = false;
  Check check;
  std::vector<CheckExpression> children;
};

struct Rule {
  std::string severity = "unknown";
  std::string role = "full";
  std::string version;
  bool multiple = false;
  std::vector<Ident> idents;
  std::vector<std::string> references;  // reference texts ("DISA STIG EX19-MB-000132: … (V-259685)")
  std::string fixtext;
  std::vector<std::string> fixes;  // fix bodies, <sub> left as the Value id in braces
  std::vector<Check> checks;
  std::optional<CheckExpression> complex_check;
  std::optional<StigRuleSource> stig;  // scapc's metadata of a rule made from a DISA STIG rule
};

// A Group or a Rule; groups hold their items in document order.
struct Item {
  enum class Kind { Group, Rule };
  Kind kind = Kind::Rule;
  std::string id;
  std::string cluster_id;
  std::string title;
  std::string description;
  bool selected = true;
  double weight = 1.0;
  std::vector<std::string> platforms;
  Rule rule;                   // rules only
  std::vector<Item> children;  // groups only
};

struct Value {
  std::string id;
  std::string type = "string";
  std::string op = "equals";
  std::map<std::string, std::string> values;  // selector ("" for the default) -> value
};

struct RefineRule {
  std::string idref;
  std::optional<double> weight;
  std::optional<std::string> severity;
  std::optional<std::string> role;
  std::optional<std::string> selector;
};

struct Profile {
  std::string id;
  std::string title;
  std::string extends;
  std::vector<Select> selects;
  std::vector<RefineValue> refine_values;
  std::vector<RefineRule> refine_rules;
  std::vector<std::pair<std::string, std::string>> set_values;  // value id, value
  std::string where;  // "file:line", for errors found when profiles are resolved
};

// A CPE applicability-language test: AND/OR over CPE names, OVAL facts and nested tests.
struct PlatformTest {
  enum class Kind { Logical, FactRef, CheckFactRef };
  Kind kind = Kind::Logical;
  bool and_operator = true;
  bool negate = false;
  std::string name;  // fact-ref: the CPE name
  std::string href;  // check-fact-ref: the OVAL component and definition
  std::string definition;
  std::vector<PlatformTest> children;
  std::string title;  // a platform's own test: the platform's title
};

struct Benchmark {
  std::string where;  // the file it was read from, for errors found later
  std::string id;
  std::string version;
  std::string title;
  std::string description;
  std::string release_info;          // plain-text id="release-info" (DISA)
  std::vector<StigBenchmark> stigs;  // scapc's metadata: the DISA STIGs the rules come from
  std::vector<std::string> platforms;
  std::vector<std::string> scoring_models;             // model/@system; empty means the default model only
  std::map<std::string, PlatformTest> platform_tests;  // platform id -> test
  std::vector<Value> values;
  std::vector<Profile> profiles;
  std::vector<Item> items;
};

// Every rule of `benchmark` (in any group) by its id.
std::map<std::string, const Item*> rules_by_id(const Benchmark& benchmark);

// Reads an xccdf:Benchmark element (XCCDF 1.2). Errors are one line, "name:line: reason", the line
// counted in `source`, the text the element was parsed from.
bool read_benchmark(const pugi::xml_node& root, const std::string& name, std::string_view source, Benchmark& out,
                    std::string& error);

// An xccdf:Tailoring document: its profiles may extend the benchmark's.
struct Tailoring {
  std::string id;
  std::string version;
  std::string version_time;
  std::vector<Profile> profiles;
};
bool read_tailoring(const pugi::xml_node& root, const std::string& name, std::string_view source, Tailoring& out,
                    std::string& error);

// The settings of one evaluation: the profile (with its extends chain and any tailoring applied)
// over the benchmark's own defaults.
struct ItemSettings {
  bool selected = true;
  double weight = 1.0;
  std::string severity;
  std::string role;
  std::string selector;
};

struct Evaluation {
  std::string profile_id;                     // empty: the benchmark's defaults
  std::map<std::string, ItemSettings> items;  // rule and group id -> effective settings
  std::map<std::string, std::string> values;  // value id -> value in effect
  std::vector<std::string> warnings;          // references to nothing, unknown selectors
};

// Resolves `profile_id` (searched in `tailoring` first, then the benchmark; empty for none).
// Reports an unknown profile, an extends cycle or a reference to nothing as a one-line error.
bool resolve(const Benchmark& benchmark, const std::vector<Profile>& tailoring, const std::string& profile_id,
             Evaluation& out, std::string& error);

}  // namespace scapc::xccdf::loaded
