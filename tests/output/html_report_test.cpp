// The HTML report on tests/output/fixtures/hostile-xccdf.xml (the checker's mini benchmark with
// hostile titles, descriptions, fix text, idents and profile titles) against mini-syschar.xml: its
// counts are the evaluation's, every rule-result is a row, nothing from the content escapes into
// markup, the per-profile summary agrees with the run's own score, and the output is deterministic.
#include <scapc/report.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>
#include <sstream>

using namespace scapc;
using xccdf::RuleResult;

namespace {

const std::string kReportFixtures = SCAPC_SOURCE_DIR "/tests/output/fixtures/";
const std::string kCheckFixtures = SCAPC_SOURCE_DIR "/tests/check/fixtures/";

struct Checked {
  check::Content content;
  xccdf::loaded::Evaluation evaluation;
  std::vector<check::Host> hosts;
  std::vector<check::HostResult> results;

  [[nodiscard]] output::Assessment run() const { return {.content = &content, .evaluation = &evaluation, .hosts = &hosts, .results = &results, .user = "tester"}; }
};

void check_run(const std::string& profile, Checked& out) {
  std::string error;
  REQUIRE(check::load_content(kReportFixtures + "hostile-xccdf.xml", {}, out.content, error));
  out.hosts.resize(1);
  REQUIRE(check::load_host(kCheckFixtures + "mini-syschar.xml", out.hosts[0], error));
  REQUIRE(xccdf::loaded::resolve(out.content.benchmark, {}, profile, out.evaluation, error));
  check::EvaluateOptions options;
  options.timestamp = "2025-01-02T03:04:05";
  out.results = {check::evaluate(out.content, out.evaluation, out.hosts[0], options)};
}

// The report, written to and read back from a temporary folder as a user would open it.
std::string written_report(const output::Assessment& run) {
  // One folder per process: ctest runs the test cases of this file in parallel.
  const auto folder = std::filesystem::temp_directory_path() / ("scapc-html-report-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const auto path = folder / "report.html";
  std::ofstream(path, std::ios::binary) << output::html_report(run);
  std::ostringstream text;
  text << std::ifstream(path, std::ios::binary).rdbuf();
  std::filesystem::remove_all(folder);
  return text.str();
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

// The markup from `start` to the end of its table.
std::string table(const std::string& html, const std::string& start) {
  const auto begin = html.find(start);
  REQUIRE(begin != std::string::npos);
  return html.substr(begin, html.find("</table>", begin) - begin);
}

std::string count_cell(const std::string& result, int count) {
  return "data-result=\"" + result + "\">" + std::to_string(count) + "</td>";
}

}  // namespace

TEST_CASE("the report counts what the evaluation found", "[output][report]") {
  Checked checked;
  check_run("", checked);
  const auto html = written_report(checked.run());
  REQUIRE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  REQUIRE(html.ends_with("</html>\n"));

  // As worked out in tests/check/evaluate_test.cpp: 8 pass, 5 fail (one of them a multi-check
  // part), 3 notchecked, 1 notapplicable, 1 unknown, and the rule that is off.
  const auto counts = table(html, "<table id=\"counts-0\">");
  CHECK_THAT(counts, Catch::Contains(count_cell("pass", 8)));
  CHECK_THAT(counts, Catch::Contains(count_cell("fail", 5)));
  CHECK_THAT(counts, Catch::Contains(count_cell("error", 0)));
  CHECK_THAT(counts, Catch::Contains(count_cell("unknown", 1)));
  CHECK_THAT(counts, Catch::Contains(count_cell("notapplicable", 1)));
  CHECK_THAT(counts, Catch::Contains(count_cell("notchecked", 3)));
  CHECK_THAT(counts, Catch::Contains(count_cell("informational", 0)));
  CHECK_THAT(counts, Catch::Contains("<td class=\"n total\">18</td>"));
  CHECK_THAT(html, Catch::Contains("id=\"notselected-0\">1 rule-results not selected"));

  // Severity × result: medium is the windows rule, low the unix rule, the rest unknown.
  const auto severities = table(html, "<table id=\"severity-0\">");
  CHECK_THAT(severities, Catch::Contains("<tr data-severity=\"medium\"><th scope=\"row\">medium</th><td class=\"n\" "
                                         "data-result=\"pass\">1</td>"));
  CHECK_THAT(severities, Catch::Contains("<tr data-severity=\"low\"><th scope=\"row\">low</th><td class=\"n zero\" "
                                         "data-result=\"pass\">0</td><td class=\"n\" data-result=\"fail\">1</td>"));

  // Every scoring model the benchmark names, with the run's values.
  const auto scores = table(html, "<table id=\"scores-0\">");
  for (const auto* model : {">default<", ">flat<", ">flat-unweighted<", ">absolute<"}) {
    CHECK_THAT(scores, Catch::Contains(model));
  }
  CHECK_THAT(scores, Catch::Contains("<td class=\"n\">57.69</td>"));  // 750/13

  // One row per rule (a multi-check rule's parts share it), every rule named, the one not selected
  // hidden; each rule-result is an entry of its rule's host results.
  const auto rows = table(html, "<table id=\"rules\">");
  const auto& outcomes = checked.results[0].rules;
  std::set<std::string> rules;
  std::set<std::string> selected;
  for (const auto& outcome : outcomes) {
    rules.insert(outcome.rule_id);
    if (outcome.result != RuleResult::NotSelected) selected.insert(outcome.rule_id);
  }
  CHECK(occurrences(rows, "<tr data-rule=") == rules.size());
  CHECK(occurrences(rows, "<li data-host=\"0\"") == outcomes.size());
  CHECK(occurrences(rows, "data-results=\"notselected\"") == 1);
  CHECK(occurrences(rows, " hidden>\n<td class=\"open\"") == 1);
  for (const auto& rule : rules) {
    INFO(rule);
    CHECK_THAT(rows, Catch::Contains("<code class=\"rid\">" + rule + "</code>"));
  }
  const auto count = std::to_string(selected.size());
  CHECK_THAT(html, Catch::Contains("<output id=\"shown\">" + count + "</output> of " + count +
                                   " rules selected on at least one host (1 not selected, hidden)"));
  // A rule a person answers shows the OCIL question as its check.
  CHECK_THAT(html, Catch::Contains("<code>ocil:org.example:questionnaire:1</code></p>\n<p class=\"text\">Was a restore "
                                   "tested this quarter?</p>"));
}

TEST_CASE("nothing from the content becomes markup", "[output][report]") {
  Checked checked;
  check_run("", checked);
  const auto html = written_report(checked.run());

  // One script and one style: the report's own, which the Content-Security-Policy names by hash.
  CHECK(occurrences(html, "<script") == 1);
  CHECK(occurrences(html, "<style") == 1);
  CHECK_THAT(html, Catch::Contains("content=\"default-src 'none'; script-src 'sha256-"));
  CHECK_THAT(html, Catch::Contains("<summary class=\"ttl\">Family is windows &lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("<h1>Evaluation features &lt;img src=x onerror=alert(2)&gt;</h1>"));
  CHECK_THAT(html, Catch::Contains("&lt;/div&gt;&lt;script&gt;alert(9)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("Set-Family &#39;windows&#39; &lt;/pre&gt;&lt;script&gt;alert(7)"));
  CHECK_THAT(html, Catch::Contains("<code>CCI-000366&lt;/code&gt;&lt;script&gt;alert(8)&lt;/script&gt;</code>"));
  CHECK_THAT(html, Catch::Contains("title=\"&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;\""));
  CHECK_THAT(html, Catch::Contains("<span class=\"ver\">EX-1&lt;b&gt;</span>"));
  // XHTML descriptions keep their paragraphs and lose scripts, handlers and links.
  CHECK_THAT(html, Catch::Contains("<div class=\"xhtml\"><p>Family alert(4) is windows.</p></div>"));
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("onclick") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  // Self-contained: no source to load, links only within the page.
  for (const auto* loading : {" src=\"", "<link", "<iframe", "<object", "<embed", "url("}) {
    CHECK(html.find(loading) == std::string::npos);
  }
  CHECK(occurrences(html, "href=\"") == occurrences(html, "href=\"#"));
}

TEST_CASE("profiles summarize the run and tag its rules", "[output][report]") {
  Checked checked;
  check_run("xccdf_org.example_profile_base", checked);
  const auto html = written_report(checked.run());
  const auto profiles = table(html, "<table id=\"profiles-0\">");

  // The run's own profile: every rule it selects was evaluated, and its score is the run's.
  const auto base_row = profiles.substr(profiles.find("<tr data-profile=\"xccdf_org.example_profile_base\">"));
  CHECK_THAT(base_row.substr(0, base_row.find("</tr>")), Catch::Contains("(this run)"));
  const auto score_cell = base_row.find("<td class=\"n score\">");
  REQUIRE(score_cell != std::string::npos);
  const auto score_text = base_row.substr(score_cell + 20, base_row.find('<', score_cell + 20) - score_cell - 20);
  const auto run_scores = table(html, "<table id=\"scores-0\">");
  CHECK_THAT(run_scores, Catch::Contains("default</th><td class=\"n\">" + score_text + "</td>"));
  CHECK_THAT(base_row.substr(0, base_row.find("</tr>")), Catch::Contains("<td class=\"n left-out\">0</td>"));

  // The derived profile selects the group base leaves out: its rule was not evaluated here.
  const auto derived_row = profiles.substr(profiles.find("<tr data-profile=\"xccdf_org.example_profile_derived\">"));
  CHECK_THAT(derived_row.substr(0, derived_row.find("</tr>")), Catch::Contains("<td class=\"n left-out\">1</td>"));

  // framework_ and role_ profiles tag the rules they select; the filters offer them.
  CHECK_THAT(html, Catch::Contains("data-frameworks=\"evil\" data-roles=\"front\""));
  CHECK_THAT(html, Catch::Contains("<option value=\"evil\">&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt; (evil)"));
  CHECK_THAT(html, Catch::Contains("<option value=\"front\">Front end (front)</option>"));
}

TEST_CASE("identical runs give identical reports", "[output][report]") {
  Checked first;
  check_run("xccdf_org.example_profile_derived", first);
  Checked second;
  check_run("xccdf_org.example_profile_derived", second);
  CHECK(output::html_report(first.run()) == output::html_report(second.run()));

  // The header names the profile, and the tailoring when there is one.
  xccdf::loaded::Tailoring tailoring;
  tailoring.id = "xccdf_org.example_tailoring_<t>";
  tailoring.version = "3";
  auto run = first.run();
  run.tailoring_path = "tailoring.xml";
  run.tailoring = &tailoring;
  const auto html = output::html_report(run);
  CHECK_THAT(html, Catch::Contains("<dt>Profile</dt><dd>Derived <code>xccdf_org.example_profile_derived</code></dd>"));
  CHECK_THAT(html, Catch::Contains("<dt>Tailoring</dt><dd><code>tailoring.xml</code> "
                                   "<code>xccdf_org.example_tailoring_&lt;t&gt;</code>, version 3</dd>"));
  CHECK_THAT(html, Catch::Contains("<dt>Report by</dt><dd>scapc "));
}

TEST_CASE("the fleet view counts each rule over the hosts and each host's open rules by category",
          "[output][report]") {
  Checked checked;
  check_run("", checked);
  // A second host where the first passing rule of high severity fails instead.
  checked.hosts.push_back(checked.hosts[0]);
  checked.hosts[1].host_name = "second";
  checked.hosts[1].fqdn.clear();
  checked.results.push_back(checked.results[0]);
  auto& flipped = *std::find_if(checked.results[1].rules.begin(), checked.results[1].rules.end(),
                                [](const check::RuleOutcome& rule) { return rule.result == RuleResult::Pass; });
  flipped.result = RuleResult::Fail;
  const auto html = written_report(checked.run());

  int open[2] = {0, 0};
  int unreviewed[2] = {0, 0};
  for (int host = 0; host < 2; ++host) {
    for (const auto& rule : checked.results[host].rules) {
      if (rule.result == RuleResult::Fail) ++open[host];
      if (rule.result == RuleResult::NotChecked || rule.result == RuleResult::Error ||
          rule.result == RuleResult::Unknown || rule.result == RuleResult::Informational) {
        ++unreviewed[host];
      }
    }
  }
  REQUIRE(open[1] == open[0] + 1);

  // The flipped rule: passes on the first host, is open on the second.
  const auto rows = table(html, "<table id=\"rules\">");
  const auto row_at = rows.find("<tr data-rule=\"" + flipped.rule_id + "\"");
  REQUIRE(row_at != std::string::npos);
  const auto row = rows.substr(row_at, rows.find("</tr>", row_at) - row_at);
  CHECK_THAT(row, Catch::Contains("data-results=\"pass fail\""));
  CHECK_THAT(row, Catch::Contains("open on 1 of 2"));
  CHECK(occurrences(row, "<i class=\"s-") == 2);

  // One card per host with its open, not reviewed and category counts, and the score beside them.
  const auto cards = html.substr(html.find("<div class=\"cards\" id=\"host-cards\">"));
  for (int host = 0; host < 2; ++host) {
    const auto card_at = cards.find("<figure class=\"card\" data-host=\"" + std::to_string(host) + "\">");
    REQUIRE(card_at != std::string::npos);
    const auto card = cards.substr(card_at, cards.find("</figure>", card_at) - card_at);
    INFO(card);
    CHECK_THAT(card, Catch::Contains("<span class=\"c-open\">" + std::to_string(open[host]) + " open</span>"));
    CHECK_THAT(card, Catch::Contains(std::to_string(unreviewed[host]) + " not reviewed</span>"));
    CHECK(occurrences(card, "<circle ") >= 2);
  }
  const auto overview = table(html, "<table id=\"overview\">");
  CHECK(occurrences(overview, " not reviewed)</span></td></tr>") == 2);
  CHECK_THAT(overview, Catch::Contains("(" + std::to_string(unreviewed[1]) + " not reviewed)"));

  // Every host is a choice of the host filter, and each category present one of the category filter.
  CHECK_THAT(html, Catch::Contains("<option value=\"1\">second</option>"));
  CHECK_THAT(html, Catch::Contains("<option value=\"II\">CAT II</option>"));
  CHECK_THAT(html, Catch::Contains("<option value=\"-\">no category</option>"));
}
