// The streamed documents of scapc check (results.h, json_summary.h: a frame plus one part per host)
// against the whole-document writers they replace: concatenated, the parts must be the documents
// byte for byte, whether written from one batch or from batches of one host.
#include <scapc/json_summary.h>
#include <scapc/results.h>

#include <catch2/catch.hpp>
#include <sstream>

using namespace scapc;

namespace {

const std::string kCheckFixtures = SCAPC_SOURCE_DIR "/tests/check/fixtures/";

std::string serialized(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

struct Checked {
  check::Content content;
  xccdf::loaded::Evaluation evaluation;
  std::vector<check::Host> hosts;
  std::vector<check::HostResult> results;
  std::vector<std::string> labels;
};

// Three hosts, two of them sharing a name, so labels are numbered as only the whole run shows.
void check_three(Checked& out) {
  std::string error;
  REQUIRE(check::load_content(kCheckFixtures + "mini-xccdf.xml", {}, out.content, error));
  out.hosts.resize(3);
  for (auto& host : out.hosts) REQUIRE(check::load_host(kCheckFixtures + "mini-syschar.xml", host, error));
  out.hosts[2].host_name = "other";
  out.hosts[2].fqdn.clear();
  REQUIRE(xccdf::loaded::resolve(out.content.benchmark, {}, "", out.evaluation, error));
  check::EvaluateOptions options;
  options.timestamp = "2025-01-02T03:04:05";
  out.results = check::evaluate_all(out.content, out.evaluation, out.hosts, options);
  out.labels = output::host_labels(out.hosts);
}

// The run as the streaming command sees it: host `index` alone, placed by `first` and `labels`.
output::Run one_host(const Checked& checked, std::size_t index, std::vector<check::Host>& hosts,
                     std::vector<check::HostResult>& results) {
  hosts = {checked.hosts[index]};
  results = {checked.results[index]};
  return {&checked.content, &checked.evaluation, &hosts, &results, "", nullptr, "tester", index, &checked.labels};
}

}  // namespace

TEST_CASE("streamed ARF, XCCDF results and JSON summary equal the whole documents", "[output][streaming]") {
  Checked checked;
  check_three(checked);
  const output::Run whole{&checked.content, &checked.evaluation, &checked.hosts, &checked.results, "", nullptr,
                          "tester"};
  REQUIRE(checked.labels[0] != checked.labels[2]);
  REQUIRE(checked.labels[0].ends_with("-1"));

  const auto href = [](std::size_t host, const std::string& key) { return key + "." + std::to_string(host); };
  const auto xccdf_frame = output::xccdf_results_frame(whole);
  const auto arf_frame = output::arf_frame(whole);
  const auto json_frame = output::json_summary_frame(whole);
  std::string xccdf = xccdf_frame.head;
  std::string relationships;
  std::string assets;
  std::string reports;
  std::string json = json_frame.head;
  for (std::size_t host = 0; host < checked.hosts.size(); ++host) {
    std::vector<check::Host> hosts;
    std::vector<check::HostResult> results;
    const auto run = one_host(checked, host, hosts, results);
    xccdf += output::xccdf_results_host(run, 0, href);
    output::ArfHost parts;
    output::arf_host(run, 0, parts);
    relationships += parts.relationships;
    assets += parts.asset;
    reports += parts.reports;
    json += (host == 0 ? "" : ",\n") + output::json_summary_host(run, 0);
  }
  xccdf += xccdf_frame.tail;
  json += json_frame.tail;
  const auto arf = arf_frame.head + relationships + arf_frame.before_assets + assets + arf_frame.before_reports +
                   reports + arf_frame.tail;

  CHECK(xccdf == serialized(output::xccdf_results(whole, true, href)));
  CHECK(arf == serialized(output::arf(whole)));
  CHECK(json == output::json_summary(whole));
  CHECK(reports.find("<oval_results") != std::string::npos);
}
