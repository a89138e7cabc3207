// XCCDF 1.2 benchmark model (NIST IR 7275r4) and its writer. Plain structs in the element order
// the schema enforces; the writer emits exactly what is set.
#pragma once

#include <scapc/xml_namespaces.h>

#include <array>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::xccdf {

inline constexpr const char* kNamespace = ns::kXccdf12;
inline constexpr const char* kOvalSystem = ns::kOvalCheckSystem;
inline constexpr const char* kOcilSystem = ns::kOcilCheckSystem;
inline constexpr const char* kPowerShellFix = "urn:xccdf:fix:script:powershell";
// The ident system of a rule whose check is a DISA STIG rule's check text (the value is the STIG
// rule's V-ID), as a catalog declares with "sameCheck": a checklist may report the STIG rule by it.
inline constexpr const char* kSameCheckIdent = "https://scapc.invalid/ns/same-check-as-stig-rule";
// Metadata (of the Benchmark and of its Rules) holding what a DISA STIG states beyond XCCDF's own
// fields, so that the STIG's checklist (CKL, CKLB) can be written from the content alone.
inline constexpr const char* kStigNamespace = "https://scapc.invalid/ns/stig";

// severityEnumType, least to most severe (IR 7275r4 6.6.4.2).
enum class Severity { Unknown, Info, Low, Medium, High };
// nullopt for a word that is none of them.
inline std::optional<Severity> parse_severity(std::string_view word) {
  constexpr std::array<std::string_view, 5> kWords = {"unknown", "info", "low", "medium", "high"};
  for (std::size_t i = 0; i < kWords.size(); ++i) {
    if (word == kWords[i]) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

struct Reference {
  std::string href;
  std::string text;
};

struct Ident {
  std::string system;
  std::string value;
};

// Text that may hold <sub idref="…" use="value"/> substitutions: literal runs and Value ids alternate.
struct TextPart {
  std::string text;
  std::string sub_idref;  // non-empty: a <sub> instead of text
};

struct Fix {
  std::string id;
  std::string system = kPowerShellFix;
  std::vector<TextPart> content;
};

struct CheckExport {
  std::string value_id;
  std::string export_name;
};

struct Check {
  std::string system;
  std::vector<CheckExport> exports;
  std::string href;
  std::string name;  // empty: every definition of the file
};

// A DISA STIG whose rules the benchmark holds (Benchmark metadata).
struct StigBenchmark {
  std::string id;  // MS_Exchange_2019_Mailbox_Server_STIG
  std::string title;
  std::string description;
  std::string version;
  std::string release_info;  // "Release: 6 Benchmark Date: 30 Jan 2025"
  std::string filename;
};

// A rule's DISA STIG text that XCCDF has no field for (Rule metadata). Its V-ID, version (STIG ID),
// title, discussion, severity, weight, fix text, CCIs and legacy ids are the Rule's own fields.
struct StigRuleSource {
  std::string benchmark;  // StigBenchmark::id
  std::string vuln_id;    // V-259700
  std::string check_id;   // C-…_chk
  std::string check_text;
  std::map<std::string, std::string> fields;  // the description's other fields that are not empty
};

struct Rule {
  std::string id;
  bool selected = true;
  std::string weight = "1.0";
  std::string severity = "unknown";  // unknown, info, low, medium, high
  std::string role = "full";         // full, unscored, unchecked
  std::string version;
  std::string title;
  std::vector<std::string> description;  // paragraphs
  std::vector<std::string> warnings;
  std::vector<Reference> references;
  std::vector<std::string> platforms;  // idrefs ("#platform-id" or CPE names)
  std::vector<Ident> idents;
  std::string fixtext;
  std::string fixtext_fixref;
  std::optional<Fix> fix;
  std::vector<Check> checks;
  std::optional<StigRuleSource> stig;  // a rule made from a DISA STIG rule
};

struct Value {
  std::string id;
  std::string type = "string";  // number, string, boolean
  std::string title;
  std::vector<std::string> description;
  std::string default_value;
  std::map<std::string, std::string> selectors;  // selector -> value
  std::optional<std::string> lower_bound;
  std::optional<std::string> upper_bound;
  std::vector<std::string> choices;
};

struct Group {
  std::string id;
  bool selected = true;
  std::string title;
  std::vector<std::string> description;
  std::vector<Rule> rules;
};

struct Select {
  std::string idref;
  bool selected = true;
};

struct RefineValue {
  std::string idref;
  std::string selector;
};

struct Profile {
  std::string id;
  std::string title;
  std::vector<std::string> description;
  std::vector<Select> selects;
  std::vector<RefineValue> refine_values;
};

// A CPE 2.3 applicability-language platform whose test is the AND of CPE names (checked through the
// data stream's CPE dictionary, as every SCAP tool resolves them) and of OVAL definitions named
// directly.
struct CheckFactRef {
  std::string system = kOvalSystem;
  std::string href;
  std::string id_ref;
};

struct Platform {
  std::string id;
  std::string title;
  std::vector<std::string> cpe_names;  // fact-ref
  std::vector<CheckFactRef> facts;     // check-fact-ref
};

// A CPE dictionary entry: a platform name and the OVAL inventory definition that checks it.
struct CpeItem {
  std::string name;  // CPE 2.2 URI, "cpe:/a:microsoft:exchange_server:2019"
  std::string title;
  std::string href;  // the OVAL file (component) holding the definition
  std::string definition;
};

// The CPE dictionary (cpe-dict:cpe-list, the SCAP 1.3 dictionary schema) of `items`.
pugi::xml_document cpe_dictionary(const std::vector<CpeItem>& items);

struct Metadata {
  std::string creator;
  std::string publisher;
  std::string contributor;
  std::string source;
};

struct Benchmark {
  std::string id;
  std::string lang = "en-US";
  std::string style = "SCAP_1.3";
  std::string status = "draft";  // draft, accepted
  std::string status_date;       // YYYY-MM-DD
  std::string title;
  std::vector<std::string> description;
  std::string release_info;  // plain-text id="release-info", as DISA writes it
  std::string version;
  std::string version_time;  // dateTime
  Metadata metadata;
  std::vector<StigBenchmark> stigs;
  std::vector<Platform> platforms;
  std::vector<Profile> profiles;
  std::vector<Value> values;
  std::vector<Group> groups;
};

// The Benchmark as a document of its own (root element xccdf:Benchmark).
pugi::xml_document to_document(const Benchmark& benchmark);

}  // namespace scapc::xccdf
