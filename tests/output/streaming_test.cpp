// The results stream (results_stream.h) against the whole-document writers: the files it commits
// must be the documents byte for byte, whether hosts are labelled up front or as they come, and
// whatever the number of hosts the check run feeding it evaluates ahead.
#include <scapc/drift.h>
#include <scapc/json_summary.h>
#include <scapc/output_files.h>
#include <scapc/report.h>
#include <scapc/results.h>
#include <scapc/results_stream.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

using namespace scapc;

namespace {

const std::string kStreamFixtures = SCAPC_SOURCE_DIR "/tests/check/fixtures/";

std::string serialized(const pugi::xml_document& document, const char* indent = "  ") {
  std::ostringstream out;
  document.save(out, indent, pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh, empty folder per test.
std::filesystem::path folder(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("scapc-streaming-" + name);
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

struct StreamedRun {
  check::Content content;
  xccdf::loaded::Evaluation evaluation;
  std::vector<std::string> paths;
  std::vector<check::Host> hosts;
  std::vector<check::HostResult> results;
  std::vector<std::string> labels;
  check::RunOptions options;
};

// Three hosts, the first two sharing a name, so the second one's label is numbered.
void check_three(const std::filesystem::path& work, StreamedRun& out) {
  std::string error;
  REQUIRE(check::load_content(kStreamFixtures + "mini-xccdf.xml", {}, out.content, error));
  REQUIRE(xccdf::loaded::resolve(out.content.benchmark, {}, "", out.evaluation, error));
  const auto syschar = read(kStreamFixtures + "mini-syschar.xml");
  auto other = syschar;
  other.replace(other.find("mini.example.com"), 16, "other.example.com");
  out.paths = {(work / "a.xml").string(), (work / "b.xml").string(), (work / "c.xml").string()};
  std::ofstream(out.paths[0]) << syschar;
  std::ofstream(out.paths[1]) << syschar;
  std::ofstream(out.paths[2]) << other;
  out.hosts.resize(3);
  for (std::size_t i = 0; i < 3; ++i) REQUIRE(check::load_host(out.paths[i], out.hosts[i], error));
  out.options.evaluate.timestamp = "2025-01-02T03:04:05";
  for (const auto& host : out.hosts) out.results.push_back(check::evaluate(out.content, out.evaluation, host, out.options.evaluate));
  out.labels = output::host_labels(out.hosts);
}

output::ResultsFiles files_in(const std::filesystem::path& dir) {
  output::ResultsFiles files;
  files.xccdf_results = (dir / "xccdf.xml").string();
  files.arf = (dir / "arf.xml").string();
  files.oval_results = (dir / "oval.xml").string();
  files.json = (dir / "summary.json").string();
  files.user = "tester";
  return files;
}

// The name the stream gives host `host`'s OVAL results of its n-th component (two in this content).
std::string oval_name(const StreamedRun& checked, std::size_t host, std::size_t n) {
  return "oval." + checked.labels[host] + "." + std::to_string(n) + ".xml";
}

// The documents the whole-run writers give, with the OVAL results named as the stream names them.
void expect_whole_documents(const StreamedRun& checked, const std::filesystem::path& dir) {
  const output::Assessment whole{.content = &checked.content,
                                 .evaluation = &checked.evaluation,
                                 .hosts = &checked.hosts,
                                 .results = &checked.results,
                                 .user = "tester"};
  const auto href = [&](std::size_t host, const std::string& key) {
    const auto& reports = checked.results[host].oval_reports;
    for (std::size_t n = 0; n < reports.size(); ++n) {
      if (reports[n].component_key == key) return oval_name(checked, host, n);
    }
    return std::string();
  };
  CHECK(read(dir / "xccdf.xml") == serialized(output::xccdf_results(whole, true, href)));
  // The stream pads what goes before the reports to whole blocks with a line of spaces after
  // <arf:reports> (OutputFiles::insert_front); apart from that line it is arf()'s document.
  auto streamed_arf = read(dir / "arf.xml");
  const auto opened = streamed_arf.find("<arf:reports>\n");
  REQUIRE(opened != std::string::npos);
  const auto first_report = streamed_arf.find("<arf:report ", opened);
  REQUIRE(first_report != std::string::npos);
  const auto reports_line = streamed_arf.rfind('\n', first_report) + 1;
  CHECK(reports_line % static_cast<std::size_t>(output::OutputFiles::kBlock) == 0);
  const auto padding_start = opened + std::string("<arf:reports>\n").size();
  const auto padding = streamed_arf.substr(padding_start, reports_line - padding_start);
  CHECK(padding.find_first_not_of(" \n") == std::string::npos);
  CHECK(std::count(padding.begin(), padding.end(), '\n') <= 1);
  streamed_arf.erase(padding_start, reports_line - padding_start);
  CHECK(streamed_arf == serialized(output::arf(whole), output::kArfIndent));
  // One element to a line and no indentation, in the request's copy of the content and in every
  // host's reports alike; the OVAL results files stay indented.
  const auto indented = [](const std::string& text) {
    std::size_t lines = 0;
    for (auto at = text.find("\n "); at != std::string::npos; at = text.find("\n ", at + 1)) {
      const auto tag = text.find_first_not_of(' ', at + 1);
      if (tag != std::string::npos && text[tag] == '<') ++lines;
    }
    return lines;
  };
  CHECK(indented(streamed_arf) == 0);
  CHECK(std::count(streamed_arf.begin(), streamed_arf.end(), '\n') > 1000);
  CHECK(indented(read(dir / oval_name(checked, 0, 0))) > 100);
  // The ARF's OVAL reports leave the definitions to the report request, which holds them once; the
  // OVAL results files carry their own copy.
  const auto& arf_text = streamed_arf;
  std::size_t reports = 0;
  for (const auto& result : checked.results) reports += result.oval_reports.size();
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count(arf_text, "<directives include_source_definitions=\"false\">") == reports);
  REQUIRE(arf_text.find("<arf:reports") != std::string::npos);
  CHECK(count(arf_text.substr(arf_text.find("<arf:reports")), "<oval_definitions") == 0);
  CHECK(count(read(dir / oval_name(checked, 0, 0)), "<oval_definitions") == 1);
  CHECK(read(dir / "summary.json") == output::json_summary(whole));
  std::size_t files = 3;
  for (std::size_t host = 0; host < checked.hosts.size(); ++host) {
    const auto& reports = checked.results[host].oval_reports;
    for (std::size_t n = 0; n < reports.size(); ++n, ++files) {
      CHECK(read(dir / oval_name(checked, host, n)) == serialized(oval::results_report_document(*reports[n].results)));
    }
  }
  CHECK(static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {})) == files);
}

}  // namespace

TEST_CASE("the results stream commits the whole documents, host by host", "[output][streaming]") {
  const auto work = folder("by-host");
  StreamedRun checked;
  check_three(work, checked);
  REQUIRE(checked.labels == std::vector<std::string>{"mini.example.com", "mini.example.com-2", "other.example.com"});
  REQUIRE(checked.results[0].oval_reports.size() == 2);

  const auto dir = folder("by-host-out");
  output::ResultsStream stream(checked.content, checked.evaluation, files_in(dir), 3, checked.labels);
  std::string error;
  REQUIRE(stream.begin(error));
  // One slot for all three hosts, as a run reuses it: nothing of one host may reach the next.
  std::unique_ptr<check::RenderedHost> slot;
  for (std::size_t host = 0; host < 3; ++host) {
    stream.render(host, checked.hosts[host], checked.results[host], slot);
    REQUIRE(stream.take(host, *slot, error));
  }
  REQUIRE(stream.finish(error));
  // Nothing is in place before the commit.
  CHECK_FALSE(std::filesystem::exists(dir / "arf.xml"));
  REQUIRE(stream.commit(nullptr, nullptr, error));
  expect_whole_documents(checked, dir);
  // The mini content has rules that fail or come out unknown: exit status 2, unless --fail-on none.
  CHECK(stream.gated());
  CHECK(check::fails_gate(checked.results[0], "info"));
  CHECK_FALSE(check::fails_gate(checked.results[0], "none"));
}

TEST_CASE("a stream labelling hosts as they come renders a host once the hosts before it are loaded",
          "[output][streaming]") {
  const auto work = folder("shared");
  StreamedRun checked;
  check_three(work, checked);
  const auto dir = folder("shared-out");
  output::ResultsStream stream(checked.content, checked.evaluation, files_in(dir), 3);
  std::string error;
  REQUIRE(stream.begin(error));
  std::unique_ptr<check::RenderedHost> first;
  std::unique_ptr<check::RenderedHost> second;
  std::unique_ptr<check::RenderedHost> third;
  // The second host shares the first one's name: its label waits for the first to be loaded.
  std::atomic<bool> rendered{false};
  std::thread ahead([&] {
    stream.render(1, checked.hosts[1], checked.results[1], second);
    rendered = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK_FALSE(rendered);
  stream.loaded(0, &checked.hosts[0]);
  ahead.join();
  CHECK(rendered);
  stream.render(0, checked.hosts[0], checked.results[0], first);
  stream.render(2, checked.hosts[2], checked.results[2], third);
  REQUIRE(stream.take(0, *first, error));
  REQUIRE(stream.take(1, *second, error));
  REQUIRE(stream.take(2, *third, error));
  REQUIRE(stream.finish(error));
  REQUIRE(stream.commit(nullptr, nullptr, error));
  expect_whole_documents(checked, dir);
}

TEST_CASE("a host that could not be loaded lets the hosts after it be rendered", "[output][streaming]") {
  const auto work = folder("unloaded");
  StreamedRun checked;
  check_three(work, checked);
  const auto dir = folder("unloaded-out");
  {
    output::ResultsStream stream(checked.content, checked.evaluation, files_in(dir), 3);
    std::string error;
    REQUIRE(stream.begin(error));
    std::unique_ptr<check::RenderedHost> second;
    std::thread ahead([&] { stream.render(1, checked.hosts[1], checked.results[1], second); });
    stream.loaded(0, nullptr);
    ahead.join();
    CHECK(second != nullptr);
  }
  // The run stops at the host it could not load; nothing was committed.
  CHECK(std::filesystem::is_empty(dir));
}

TEST_CASE("a check run into the stream gives the same files with one, two and sixteen hosts ahead", "[output][streaming]") {
  const auto work = folder("run");
  StreamedRun checked;
  check_three(work, checked);
  for (const std::size_t ahead : {1, 2, 16}) {
    const auto dir = folder("run-out-" + std::to_string(ahead));
    auto options = checked.options;
    options.hosts_ahead = ahead;
    std::vector<std::size_t> progress;
    options.progress = [&](std::size_t done) { progress.push_back(done); };
    output::CheckSummary summary;
    std::string error;
    REQUIRE(output::write_check_run(checked.content, checked.evaluation, checked.paths, options, files_in(dir), nullptr,
                                    nullptr, summary, error));
    expect_whole_documents(checked, dir);
    // One pass, each host reported once, although two hosts share a name.
    CHECK(progress == std::vector<std::size_t>{1, 2, 3});
  }
}

TEST_CASE("a host that cannot be loaded stops the run with its error, and no file is left", "[output][streaming]") {
  const auto work = folder("broken");
  StreamedRun checked;
  check_three(work, checked);
  std::ofstream(checked.paths[2]) << "<oval_system_characteristics";
  const auto dir = folder("broken-out");
  output::CheckSummary summary;
  std::string error;
  CHECK_FALSE(output::write_check_run(checked.content, checked.evaluation, checked.paths, checked.options,
                                      files_in(dir), nullptr, nullptr, summary, error));
  CHECK(error.find(checked.paths[2]) == 0);
  CHECK(std::filesystem::is_empty(dir));
}

namespace {

// The run's results with the first selected rule-result of host `host` made fixed (as an answer or
// a converted result can say).
std::vector<check::HostResult> with_fixed(std::vector<check::HostResult> results, std::size_t host) {
  for (auto& outcome : results[host].rules) {
    if (outcome.result == xccdf::RuleResult::NotSelected) continue;
    outcome.result = xccdf::RuleResult::Fixed;
    break;
  }
  return results;
}

// The host's count table in a report.
std::string counts_table(const std::string& report, std::size_t host) {
  const auto start = report.find("<table id=\"counts-" + std::to_string(host) + "\">");
  REQUIRE(start != std::string::npos);
  return report.substr(start, report.find("</table>", start) - start);
}

}  // namespace

TEST_CASE("the HTML report written as hosts come is the whole run's, however little of it waits in memory",
          "[output][streaming][report]") {
  const auto work = folder("report");
  StreamedRun checked;
  check_three(work, checked);
  // A waiver on the second host, and an earlier assessment in which the first host's rules passed.
  for (auto& outcome : checked.results[1].rules) {
    if (outcome.result != xccdf::RuleResult::Fail) continue;
    outcome.waiver = check::WaiverApplied{.evaluated = outcome.result,
                                          .rule = outcome.rule_id,
                                          .justification = "accepted <risk>",
                                          .approved_by = "AO",
                                          .approved = "2026-01-01",
                                          .expires = "2099-01-01",
                                          .severity = ""};
    outcome.result = xccdf::RuleResult::Pass;
    break;
  }
  const auto rules = xccdf::loaded::rules_by_id(checked.content.benchmark);
  auto earlier = output::verdicts_of(check::host_identity(checked.hosts[0]), checked.results[0], rules);
  for (auto& [key, verdict] : earlier.rules) verdict.result = "pass";
  earlier.host = check::host_identity(checked.hosts[0]);
  const std::vector<output::HostVerdicts> previous{earlier};

  const std::vector<std::pair<std::string, std::vector<check::HostResult>>> variants = {
      {"no fixed", checked.results},
      {"fixed on the last host", with_fixed(checked.results, 2)},
      {"fixed on the first host", with_fixed(checked.results, 0)}};
  for (const auto& [name, results] : variants) {
    const output::Assessment whole{.content = &checked.content,
                                   .evaluation = &checked.evaluation,
                                   .hosts = &checked.hosts,
                                   .results = &results,
                                   .user = "tester",
                                   .previous = &previous,
                                   .previous_source = "q1.xml"};
    const auto expected = output::html_report(whole);
    // Every host's count table has the fixed column when any host has a fixed result, and none has
    // it otherwise, even for hosts rendered before the fixed result came.
    for (std::size_t host = 0; host < 3; ++host) {
      CHECK((counts_table(expected, host).find("data-result=\"fixed\"") != std::string::npos) == (name != "no fixed"));
    }
    CHECK(expected.find("<section id=\"drift\">") != std::string::npos);
    CHECK(expected.find("accepted &lt;risk&gt;") != std::string::npos);
    for (const std::size_t memory : {std::size_t{0}, std::size_t{100}, std::size_t{4096}, std::size_t{16} << 20}) {
      INFO(name << ", " << memory << " bytes in memory");
      const auto dir = folder("report-out");
      output::ResultsFiles files;
      files.report = (dir / "report.html").string();
      files.user = "tester";
      files.previous = &previous;
      files.previous_source = "q1.xml";
      files.report_memory = memory;
      output::ResultsStream stream(checked.content, checked.evaluation, files, 3, checked.labels);
      std::string error;
      REQUIRE(stream.begin(error));
      std::unique_ptr<check::RenderedHost> slot;
      for (std::size_t host = 0; host < 3; ++host) {
        stream.render(host, checked.hosts[host], results[host], slot);
        REQUIRE(stream.take(host, *slot, error));
      }
      REQUIRE(stream.finish(error));
      REQUIRE(stream.commit(nullptr, nullptr, error));
      CHECK(read(dir / "report.html") == expected);
      // The scratch file of the report's parts is gone.
      CHECK(static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {})) == 1);
    }
  }
}
