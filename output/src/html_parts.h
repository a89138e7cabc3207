// Internals of the HTML report (html_report.cpp): escaping and text layout (html_text.cpp), the
// inline style and script (html_assets.cpp), and what the report derives from the content
// (html_model.cpp, html_ocil.cpp): framework and role tags, per-profile summaries, OCIL questions.
#pragma once

#include <scapc/check.h>
#include <scapc/results.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::output::html {

// Text safe in element content and in double- or single-quoted attribute values. Control
// characters a browser would flag (all C0 but tab and newlines, and DEL) become U+FFFD.
std::string escape(std::string_view text);

// SHA-256 of `data`, base64: the form a CSP 'sha256-…' source takes.
std::string sha256_base64(std::string_view data);

// <tag attributes>text</tag>, the text escaped; `attributes` is markup the caller escaped.
std::string element(std::string_view tag, std::string_view text, std::string_view attributes = {});

// The XHTML of an XCCDF description as report markup: paragraphs, lists, line breaks, code and
// emphasis kept without attributes, any other element reduced to its text, <sub> shown as {id}.
// Empty when the element holds no markup (plain text), which `tidy` then lays out.
std::string xhtml(const pugi::xml_node& description);

// Text from XML with its indentation removed and blank lines collapsed (for white-space: pre-line).
std::string tidy(std::string_view text);

// A score: whole numbers as such, else two decimals (the exact value is in the XCCDF results).
std::string score_text(double value);

// Severities in order of concern: high, medium, low, info, unknown, anything else.
int severity_rank(std::string_view severity);

// The results the report counts, in its column order; fixed only when the run has any.
std::vector<xccdf::RuleResult> result_columns(const Assessment& run);

extern const std::string_view kStyle;
extern const std::string_view kScript;

// A framework or server role, known from a profile of our compiled content
// (…_profile_framework_<key>, …_profile_role_<key>).
struct Tag {
  std::string key;
  std::string title;
};

struct RuleInfo {
  const xccdf::loaded::Item* item = nullptr;
  std::string category;                 // the rule table's group: its STIG, or its benchmark group
  std::size_t order = 0;                // document order
  pugi::xml_node description;           // the Rule's xccdf:description, for its XHTML
  std::vector<std::string> frameworks;  // Tag keys, in the benchmark's profile order
  std::vector<std::string> roles;
};

// A benchmark profile resolved on its own (no tailoring).
struct ResolvedProfile {
  const xccdf::loaded::Profile* profile = nullptr;
  xccdf::loaded::Evaluation evaluation;
  std::string error;  // not empty: the profile could not be resolved
};

// (check href, questionnaire id) -> its questions and steps as markup.
using OcilQuestions = std::map<std::pair<std::string, std::string>, std::string>;
OcilQuestions ocil_questions(const check::Content& content);

struct Model {
  std::vector<Tag> frameworks;
  std::vector<Tag> roles;
  std::map<std::string, RuleInfo> rules;  // rule id -> its item and tags
  std::vector<ResolvedProfile> profiles;  // every profile of the benchmark, in document order
  OcilQuestions questions;
};

Model build_model(const check::Content& content);

// What one profile would report from this run's results on one host.
struct ProfileSummary {
  std::map<xccdf::RuleResult, int> counts;  // per rule-result
  int rules = 0;                            // rules the profile selects that the run evaluated
  int left_out = 0;                         // rules the profile selects that the run did not evaluate
  std::optional<double> score;              // default model; empty when no result counts toward it
};

using ResultsByRule = std::map<std::string, std::vector<xccdf::RuleResult>>;
ResultsByRule results_by_rule(const check::HostResult& result);

ProfileSummary summarize(const xccdf::loaded::Benchmark& benchmark, const ResolvedProfile& profile,
                         const ResultsByRule& results);

// The host's score in the default model, or null.
const xccdf::Score* default_score(const check::HostResult& result);

// DISA's category of a severity: high → "I", medium → "II", low → "III", anything else "".
std::string category_of_severity(std::string_view severity);

// Results that make a rule "open" on a host, as a checklist's Open status: fail only.
bool is_open(xccdf::RuleResult result);
// Results that say nothing about the rule on the host: no review happened.
bool is_unreviewed(xccdf::RuleResult result);

// The rule table: filters, one row per rule with its results on every host, grouped by category
// (html_rules.cpp).
void rule_table(const Assessment& run, const Model& model, std::string& out);

// The scoreboard: charts per framework, role and category over every host, and one per host
// (html_scoreboard.cpp).
void scoreboard(const Assessment& run, const Model& model, std::string& out);

// Changes since an earlier assessment (--previous), per host: the rules whose verdict changed,
// newly failing first (html_drift.cpp). Nothing without run.previous.
void drift_section(const Assessment& run, std::string& out);

}  // namespace scapc::output::html
