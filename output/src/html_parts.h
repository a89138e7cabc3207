// Internals of the HTML report (html_report.cpp): escaping and text layout (html_text.cpp), the
// inline style and script (html_assets.cpp), what the report derives from the content
// (html_model.cpp, html_ocil.cpp): framework and role tags, per-profile summaries, OCIL questions;
// and its parts, each rendered host by host and written at the end (html_hosts.cpp,
// html_scoreboard.cpp, html_rules.cpp, html_drift.cpp).
#pragma once

#include <scapc/check.h>
#include <scapc/organization.h>
#include <scapc/results.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "html_spool.h"

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
std::vector<xccdf::RuleResult> result_columns(bool with_fixed);
bool has_fixed(const check::HostResult& result);

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

// One host as the report's parts render it, when it is added to the report.
struct HostView {
  std::size_t index = 0;  // in the run
  std::string label;
  const check::Host* host = nullptr;
  const check::HostResult* result = nullptr;
  std::string test_result;  // its TestResult's id
};

// The report's header, navigation, hosts overview, organisation-wide findings, waivers and host
// sections (html_hosts.cpp). `evaluated`: the run's earliest start to latest end.
void header(const Assessment& frame, std::size_t hosts, const std::string& evaluated, std::string& out);
void navigation(const Assessment& frame, const std::vector<std::string>& labels, bool organization, std::string& out);
// The overview, organisation-wide findings and waivers are tables of a section each, their rows
// rendered as hosts come; kTableSectionTail ends each.
std::string overview_head(const std::vector<xccdf::RuleResult>& columns);
std::string overview_row(const HostView& host, const std::vector<xccdf::RuleResult>& columns);
std::string organization_head();
// A finding's row up to the list of its hosts, which follows (escaped labels, comma-separated),
// then "</td></tr>\n".
std::string organization_row(const OrganizationFinding& finding, std::size_t hosts);
// Each waived rule-result of the host as a row of the Waivers table; how many there were.
int waiver_rows(const HostView& host, std::string& out);
std::string waivers_head(int count);
extern const std::string_view kTableSectionTail;
void host_section(const Assessment& frame, const Model& model, const HostView& host,
                  const std::vector<ProfileSummary>& profiles, const std::vector<xccdf::RuleResult>& columns,
                  std::string& out);

// The rule table (html_rules.cpp): filters, one row per rule with its results on every host,
// grouped by category. Each host's part of a row (its result and evidence) is kept in a stream of
// the rule per result, since the row lists hosts by result; what orders the rows (hosts open, the
// first result's severity and STIG ID) and each host's most concerning result are counted or kept
// too.
class RuleTable {
 public:
  RuleTable(const Model& model, Spool& spool);
  RuleTable(const RuleTable&) = delete;
  RuleTable& operator=(const RuleTable&) = delete;
  ~RuleTable();
  void add(const HostView& host);
  bool write(const std::vector<std::string>& labels, ReportSink& sink, std::string& error);

 private:
  struct Row;
  [[nodiscard]] std::vector<const Row*> in_table_order() const;
  bool write_row(const Row& row, ReportSink& sink, std::string& error);
  void filters(const std::vector<std::string>& labels, std::string& out) const;

  const Model& model_;
  Spool& spool_;
  std::vector<std::unique_ptr<Row>> rows_;  // in the order rules were first met
  std::map<std::string, std::size_t> index_;
  std::size_t hosts_ = 0;
  std::map<xccdf::RuleResult, int> results_;  // over every host, for the status filter
  std::set<std::string> categories_;
  bool uncategorised_ = false;
};

// The scoreboard (html_scoreboard.cpp): charts per framework, role and category over every host,
// counted as hosts come, and one per host, rendered then.
class Scoreboard {
 public:
  Scoreboard(const Model& model, Spool& spool);
  Scoreboard(const Scoreboard&) = delete;
  Scoreboard& operator=(const Scoreboard&) = delete;
  ~Scoreboard();
  void add(const HostView& host);
  bool write(ReportSink& sink, std::string& error);

 private:
  struct Chart;
  const Model& model_;
  Spool& spool_;
  Spool::Stream host_cards_;
  std::vector<Chart> charts_;
};

// Changes since an earlier assessment (--previous), per host: the rules whose verdict changed,
// newly failing first (html_drift.cpp). Nothing without frame.previous.
class DriftSection {
 public:
  DriftSection(const Assessment& frame, Spool& spool);
  void add(const HostView& host);
  bool write(ReportSink& sink, std::string& error);

 private:
  const Assessment& frame_;
  Spool& spool_;
  std::map<std::string, const xccdf::loaded::Item*> rules_;
  std::vector<bool> matched_;  // per earlier file: a host of this run named it
  Spool::Stream summary_ = Spool::kNone;
  Spool::Stream rows_ = Spool::kNone;
  bool any_rows_ = false;
};

}  // namespace scapc::output::html
