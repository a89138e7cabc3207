// Result documents from an evaluation: XCCDF 1.2 TestResults (alone or inside a copy of the
// benchmark) and the ARF 1.1 result data stream in the layout OpenSCAP writes, one asset and one
// XCCDF report per host, each host's OVAL results as reports of their own.
#pragma once

#include <scapc/check.h>

#include <functional>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <unordered_set>
#include <vector>

namespace scapc::output {

// What a check run produced, as the writers read it: the content, the hosts and their results.
struct HostVerdicts;  // drift.h

struct Assessment {
  const check::Content* content = nullptr;
  const xccdf::loaded::Evaluation* evaluation = nullptr;
  const std::vector<check::Host>* hosts = nullptr;
  const std::vector<check::HostResult>* results = nullptr;
  std::string tailoring_path{};  // --tailoring, named in each TestResult
  const xccdf::loaded::Tailoring* tailoring = nullptr;
  std::string user{};  // identity: who ran the evaluation
  // Streaming in batches: hosts and results then hold hosts first .. first + size - 1 of a run
  // whose labels (host_labels of every host) are `labels`. Null: hosts is the whole run.
  std::size_t first = 0;
  const std::vector<std::string>* labels = nullptr;
  // --previous: an earlier assessment's verdicts, which the HTML report compares this run with.
  const std::vector<HostVerdicts>* previous = nullptr;
  std::string previous_source{};
};

// A name per host for ids and file names: the FQDN (else host name), numbered when an earlier host
// of the list has it (HostLabels).
std::vector<std::string> host_labels(const std::vector<check::Host>& hosts);

// A host's label before numbering: what host_labels gives a host whose name no earlier host has.
std::string host_label(const check::Host& host);

// Labels given host after host, each decided by the hosts before it alone, so that a run can write
// a host before it has read the ones after it: a host keeps its label unless an earlier host took
// it, and is then numbered by its place in the list (`-<place>`, counting from 1), passing over a
// number that would make a label already taken (hosts a, a and a-2 get a, a-2 and a-2-3).
class HostLabels {
 public:
  explicit HostLabels(std::size_t hosts) : hosts_(hosts) {}
  // The label of the next host, whose label before numbering is `label`.
  std::string next(const std::string& label);

 private:
  std::size_t hosts_;
  std::size_t place_ = 0;
  std::unordered_set<std::string> taken_;
};
// The label of host `index` of `run` (its batch, when streaming).
std::string label_of(const Assessment& run, std::size_t index);

// The TestResult id for host `index` (unique per host and profile).
std::string test_result_id(const Assessment& run, std::size_t index);

// XCCDF results: with `with_benchmark`, a copy of the benchmark holding one TestResult per host;
// otherwise the TestResult of the single host as the document element (one host only).
// Check references point at `oval_results_href(host, component key)`.
pugi::xml_document xccdf_results(const Assessment& run, bool with_benchmark,
                                 const std::function<std::string(std::size_t, const std::string&)>& oval_results_href);

// The ARF 1.1 asset report collection.
pugi::xml_document arf(const Assessment& run);
// The ARF is written one element to a line without indentation: a quarter of an indented ARF's
// bytes was the indentation (10,000 hosts: 3.1 GB indented), and an ARF is read by programs.
// `xmllint --format` indents one for reading.
constexpr const char* kArfIndent = "";
// Every other results document (XCCDF results, OVAL results files) is indented by two spaces a level.
constexpr const char* kIndent = "  ";

// Streaming: a document as the text around its per-host parts, each part as the whole document
// would hold it, so that concatenating them gives serialize(xccdf_results(...)) or serialize(arf(...))
// byte for byte (the ARF saved with kArfIndent) while only one batch of hosts is in memory.
struct XccdfResultsFrame {
  std::string head;  // the benchmark copy up to the first TestResult
  std::string tail;  // after the last
};
XccdfResultsFrame xccdf_results_frame(const Assessment& run);
std::string xccdf_results_host(const Assessment& run, std::size_t index,
                               const std::function<std::string(std::size_t, const std::string&)>& oval_results_href);

struct ArfFrame {
  std::string head;            // up to the first relationship
  std::string before_assets;   // after the relationships: the report request, up to the first asset
  std::string before_reports;  // after the assets, up to the first report
  std::string tail;
};
ArfFrame arf_frame(const Assessment& run);
// One host's parts. OVAL results reports whose text is long are printed only when they are
// written: held as text until the host's turn came, a host of 40,000 receive connectors took
// 300 MB, twice over while the text grew. Shorter ones are printed while rendering, which runs on
// every core, rather than by the one thread that writes.
struct ArfHost {
  std::string relationships;
  std::string asset;
  std::string reports;  // the XCCDF report, and the OVAL reports printed while rendering
  struct OvalReport {
    std::string before;  // its arf:report and arf:content start tags
    std::shared_ptr<const oval::ResultsReport> results;
    std::string after;
  };
  std::vector<OvalReport> oval;  // the ones to print when written, after `reports`
};
// Appends the report printed at `depth` (`indent` a level) to `out`, unless its text passes a few
// megabytes: then `out` is left as it was and the report is to be printed when written (false).
bool print_report_ahead(const oval::ResultsReport& report, unsigned depth, std::string& out,
                        oval::SourceDefinitions source, const char* indent);
void arf_host(const Assessment& run, std::size_t index, ArfHost& out);
// The host's reports as they go in the ARF file: the XCCDF report, then each OVAL report.
void print_arf_reports(const ArfHost& host, pugi::xml_writer& writer);

// Shortest decimal text for weights and scores ("10", "62.5", "33.333333").
std::string decimal(double value);

// A waiver in words: its justification, then the rule it names, who approved it, when, and until when.
std::string waiver_remark(const check::WaiverApplied& waiver);

}  // namespace scapc::output
