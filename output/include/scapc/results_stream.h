// The files of a check run, written as hosts come: XCCDF results, ARF, the JSON summary and the
// HTML report as one document each around per-host parts, OVAL results and checklists per host,
// and the lines for stdout and stderr. It is the check run's sink (check_run.h); every file is
// committed at the end or none is.
#pragma once

#include <scapc/check_run.h>
#include <scapc/checklist.h>
#include <scapc/results.h>
#include <scapc/stig.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace scapc::output {

// Where each output goes; an empty path: not written.
struct ResultsFiles {
  std::string xccdf_results;
  bool without_benchmark = false;  // xccdf_results holds the single host's TestResult alone
  std::string arf;
  std::string oval_results;  // several hosts or components: ".<label>[.<n>]" before the extension
  std::string ckl;           // several hosts: ".<label>" before the extension
  std::string cklb;
  std::string json;
  std::string report;
  const ChecklistLayout* checklist = nullptr;  // the checklists' layout (null: by the content's STIGs)
  std::string tailoring_path;
  const xccdf::loaded::Tailoring* tailoring = nullptr;
  std::string user;
  std::string fail_on = "info";  // check::fails_gate
  // The HTML report's comparison with an earlier assessment (--previous); null: none.
  const std::vector<HostVerdicts>* previous = nullptr;
  std::string previous_source;
  // The HTML report is written as hosts come: each host's parts wait in memory up to this many bytes
  // over all hosts, then go to a scratch file beside the report until it is assembled.
  std::size_t report_memory = std::size_t{8} << 20;
};

// The stream itself: begin(), then each host in order (render on any thread, take in order:
// check::run does both), finish(), commit(). Hosts are labelled as they come (HostLabels) unless
// `labels` (every host's) is given.
class ResultsStream : public check::HostSink {
 public:
  ResultsStream(const check::Content& content, const xccdf::loaded::Evaluation& evaluation, ResultsFiles files,
                std::size_t hosts, std::vector<std::string> labels = {});
  ResultsStream(const ResultsStream&) = delete;
  ResultsStream& operator=(const ResultsStream&) = delete;
  ~ResultsStream() override;

  bool begin(std::string& error);
  void loaded(std::size_t index, const check::Host* host) override;
  void render(std::size_t index, const check::Host& host, check::HostResult result,
              std::unique_ptr<check::RenderedHost>& slot) override;
  bool take(std::size_t index, check::RenderedHost& rendered, std::string& error) override;
  bool finish(std::string& error);
  // Renames every file into place; then the warnings go to `err` and a line per host and rule,
  // and a summary line per host, to `out` (either may be null: not printed).
  bool commit(std::FILE* out, std::FILE* err, std::string& error);

  [[nodiscard]] bool gated() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct CheckSummary {
  bool gated = false;  // some host fails the gate: exit status 2
};

// Evaluates every host of `paths` (check::run) into the files, commits them, then prints each
// host's warnings to `err` and its lines to `out` (ResultsStream::commit). Host labels number hosts that share a name,
// which only the whole list shows: a run that meets a shared name starts again with every label.
bool write_check_run(const check::Content& content, const xccdf::loaded::Evaluation& evaluation,
                     const std::vector<std::string>& paths, const check::RunOptions& options, const ResultsFiles& files,
                     std::FILE* out, std::FILE* err, CheckSummary& summary, std::string& error);

}  // namespace scapc::output
