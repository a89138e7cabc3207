#include <scapc/checklist.h>
#include <scapc/input.h>
#include <scapc/json_summary.h>
#include <scapc/organization.h>
#include <scapc/output_files.h>
#include <scapc/report.h>
#include <scapc/results_stream.h>

#include <array>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>

#include "html_stream.h"

namespace scapc::output {
namespace {

std::string serialize(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

// One OVAL results file per host and component: the given name when the run has one host with
// one component, else the name with ".<label>[.<n>]" before its extension.
// "{host}" in an output path: a file per host, with the host's label in its place.
constexpr std::string_view kHostPlaceholder = "{host}";

bool per_host(const std::string& path) {
  return path.find(kHostPlaceholder) != std::string::npos;
}

std::string for_host(std::string path, const std::string& label) {
  for (auto at = path.find(kHostPlaceholder); at != std::string::npos;
       at = path.find(kHostPlaceholder, at + label.size())) {
    path.replace(at, kHostPlaceholder.size(), label);
  }
  return path;
}

std::string oval_results_path(const std::string& given, std::size_t hosts, const std::string& label,
                              std::size_t reports, std::size_t n) {
  if (hosts == 1 && reports <= 1) return given;
  const std::filesystem::path path(given);
  auto stem = path.stem().string() + "." + label + (reports > 1 ? "." + std::to_string(n) : "");
  return (path.parent_path() / (stem + path.extension().string())).string();
}

// Host names and rule ids come from the inputs: escaped, they can neither drive the terminal nor
// forge a line of another host or rule.
std::string summary_lines(const check::Host& host, const check::HostResult& result) {
  std::ostringstream out;
  std::map<std::string, int> counts;
  const auto name = input::printable(host.host_name);
  for (const auto& rule : result.rules) {
    if (rule.result == xccdf::RuleResult::NotSelected) continue;
    ++counts[check::to_string(rule.result)];
    out << name << '\t' << check::to_string(rule.result) << '\t' << input::printable(rule.rule_id) << '\n';
  }
  out << name << "\tsummary";
  for (const auto& [word, count] : counts) out << ' ' << word << '=' << count;
  for (const auto& score : result.scores) {
    out << ' ' << score.system.substr(score.system.rfind(':') + 1) << '=' << decimal(score.value) << '/'
        << decimal(score.maximum);
  }
  out << '\n';
  return out.str();
}

// The host as the documents name it: everything but the collected data.
check::Host identity_of(const check::Host& host) {
  check::Host out;
  out.source = host.source;
  out.host_name = host.host_name;
  out.fqdn = host.fqdn;
  out.exchange_name = host.exchange_name;
  out.ip_addresses = host.ip_addresses;
  out.mac_addresses = host.mac_addresses;
  out.failed = host.failed;
  out.warnings = host.warnings;
  return out;
}

// Appends every text it is given to a temporary file, so stdout and stderr lines of a long run
// need no memory and still appear only once the outputs are in place.
class Spool {
 public:
  Spool() = default;
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  ~Spool() {
    if (file_ != nullptr) std::fclose(file_);
  }
  void add(const std::string& text) const {
    if (file_ != nullptr) std::fwrite(text.data(), 1, text.size(), file_);
  }
  void copy_to(std::FILE* out) const {
    if (file_ == nullptr || out == nullptr) return;
    std::rewind(file_);
    std::array<char, 65536> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), file_)) > 0;)
      std::fwrite(buffer.data(), 1, n, out);
  }

 private:
  std::FILE* file_ = std::tmpfile();
};

// The HTML report into its file, its parts kept in a scratch file beside it.
class ReportFile : public html::ReportSink {
 public:
  ReportFile(OutputFiles& outputs, int report, int scratch) : outputs_(outputs), report_(report), scratch_(scratch) {}
  bool write(std::string_view text, std::string& error) override { return outputs_.append(report_, text, error); }
  bool keep(std::string_view text, std::uint64_t& offset, std::string& error) override {
    offset = kept_;
    kept_ += text.size();
    return outputs_.append(scratch_, text, error);
  }
  bool write_kept(std::uint64_t offset, std::uint64_t size, std::string& error) override {
    return outputs_.append_range(report_, scratch_, static_cast<std::int64_t>(offset), static_cast<std::int64_t>(size),
                                 error);
  }
  bool read_kept(std::uint64_t offset, std::uint64_t size, std::string& out, std::string& error) override {
    return outputs_.read_range(scratch_, static_cast<std::int64_t>(offset), static_cast<std::int64_t>(size), out,
                               error);
  }

 private:
  OutputFiles& outputs_;
  int report_;
  int scratch_;
  std::uint64_t kept_ = 0;
};

// One host's share of every output, rendered by a worker and taken in host order.
struct Rendered : check::RenderedHost {
  check::Host identity;
  check::HostResult kept;  // for the HTML report: without the OVAL results
  ArfHost arf;
  std::string xccdf;
  std::string json;
  std::vector<std::pair<std::string, std::string>> files;  // per-host checklists and OVAL results
  // Per-host OVAL results, printed when written, as the ARF's are.
  std::vector<std::pair<std::string, std::shared_ptr<const oval::ResultsReport>>> oval_files;
  std::string summary;
  std::string warnings;
  std::vector<OrganizationFinding> organization;  // for the JSON summary
  bool gated = false;

  // Empty again, keeping the capacity of the texts: the ARF report of the next host is as long.
  void clear() {
    identity = {};
    kept = {};
    arf.relationships.clear();
    arf.asset.clear();
    arf.reports.clear();
    arf.oval.clear();
    xccdf.clear();
    json.clear();
    files.clear();
    oval_files.clear();
    summary.clear();
    warnings.clear();
    organization.clear();
    gated = false;
  }
};

bool append_arf_reports(OutputFiles& outputs, int stream, const ArfHost& host, std::string& error) {
  StreamWriter writer(outputs, stream);
  print_arf_reports(host, writer);
  if (!writer.ok()) error = writer.error();
  return writer.ok();
}

bool write_oval_results(OutputFiles& outputs, const std::string& path, const oval::ResultsReport& report,
                        std::string& error) {
  const int stream = outputs.open(path, error);
  if (stream < 0) return false;
  StreamWriter writer(outputs, stream);
  writer.write("<?xml version=\"1.0\"?>\n", 22);
  oval::print_results_report(report, writer, 0);
  if (!writer.ok()) {
    error = writer.error();
    return false;
  }
  // Closed now: a run of 10,000 hosts would otherwise hold a descriptor per host until the commit.
  return outputs.close(stream, error);
}

// The labels of a run's hosts, which are rendered on several threads and out of order: a host's
// label is decided once every host before it is loaded (HostLabels), which a host rendered ahead
// waits for. Hosts are loaded in order right after they are claimed, so the wait is for loading,
// never for another host's evaluation.
class RunLabels {
 public:
  // `labels`: one per host; when given (not empty), they are used as they are.
  explicit RunLabels(std::vector<std::string>& labels, std::size_t hosts)
      : labels_(labels), known_(!labels.empty()), next_(hosts) {
    labels_.resize(hosts);
    if (!known_) announced_.resize(hosts);
  }

  // Host `index` is loaded (null: it could not be, and the run stops there). Its label before
  // numbering waits in its place until every host before it is announced too.
  void loaded(std::size_t index, const check::Host* host) {
    if (known_) return;
    const std::lock_guard<std::mutex> hold(mutex_);
    if (announced_[index] != 0) return;
    announced_[index] = 1;
    if (host != nullptr) labels_[index] = host_label(*host);
    for (; labelled_ < labels_.size() && announced_[labelled_] != 0; ++labelled_) {
      // A host that could not be loaded has no label (host_label is never empty).
      if (!labels_[labelled_].empty()) labels_[labelled_] = next_.next(labels_[labelled_]);
    }
    ready_.notify_all();
  }

  // Host `index`'s label, once every host before it is loaded.
  const std::string& of(std::size_t index, const check::Host& host) {
    if (known_) return labels_[index];
    loaded(index, &host);  // as the run announces it; a sink driven on its own may not have
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return labelled_ > index; });
    return labels_[index];
  }

 private:
  std::vector<std::string>& labels_;
  bool known_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<char> announced_;
  std::size_t labelled_ = 0;  // every host before it has its final label
  HostLabels next_;
};

}  // namespace

struct ResultsStream::State {
  const check::Content& content;
  const xccdf::loaded::Evaluation& evaluation;
  ResultsFiles files;
  std::size_t total;
  std::vector<std::string> labels;
  RunLabels run_labels;
  OutputFiles outputs;
  std::vector<check::Host> no_hosts;
  std::vector<check::HostResult> no_results;
  int xccdf = -1;
  int arf = -1;
  int arf_relationships = -1;
  int arf_assets = -1;
  int json = -1;
  XccdfResultsFrame xccdf_frame;
  ArfFrame arf_frame;
  JsonSummaryFrame json_frame;
  Spool summaries;
  Spool warnings;
  std::vector<OrganizationFinding> organization;
  // The HTML report of every host, written as hosts are taken.
  std::unique_ptr<ReportFile> report_file;
  std::unique_ptr<html::ReportStream> report;
  bool gated = false;
  ChecklistLayout own_layout;  // when files.checklist is not given: the content's STIGs, if any

  State(const check::Content& content_, const xccdf::loaded::Evaluation& evaluation_, ResultsFiles files_,
        std::size_t total_, std::vector<std::string> labels_)
      : content(content_),
        evaluation(evaluation_),
        files(std::move(files_)),
        total(total_),
        labels(std::move(labels_)),
        run_labels(labels, total) {
    outputs.make_parent_folders();
    if (files.checklist == nullptr) {
      std::string unused;
      checklist_layout(content.benchmark, {}, "", own_layout, unused);
    }
  }

  [[nodiscard]] const ChecklistLayout& layout() const {
    return files.checklist != nullptr ? *files.checklist : own_layout;
  }

  // The run as the documents see it: `hosts` and `results` hold host `first` (or none, for frames).
  [[nodiscard]] Assessment run_of(const std::vector<check::Host>& hosts, const std::vector<check::HostResult>& results,
                                  std::size_t first) const {
    return {.content = &content,
            .evaluation = &evaluation,
            .hosts = &hosts,
            .results = &results,
            .tailoring_path = files.tailoring_path,
            .tailoring = files.tailoring,
            .user = files.user,
            .first = first,
            .labels = &labels,
            .previous = files.previous,
            .previous_source = files.previous_source};
  }

  // The host's own files of the outputs named with {host}: each a whole document of one host.
  bool take_per_host(std::size_t index, Rendered& host, std::string& error) {
    const auto& label = labels[index];
    const auto frame_run = run_of(no_hosts, no_results, 0);
    if (!files.xccdf_results.empty() && !files.without_benchmark && per_host(files.xccdf_results) &&
        !outputs.write(for_host(files.xccdf_results, label), xccdf_frame.head + host.xccdf + xccdf_frame.tail, error))
      return false;
    if (!files.arf.empty() && per_host(files.arf)) {
      const int stream = outputs.open(for_host(files.arf, label), error);
      if (stream < 0 ||
          !outputs.append(stream,
                          arf_frame.head + host.arf.relationships + arf_frame.before_assets + host.arf.asset +
                              arf_frame.before_reports,
                          error) ||
          !append_arf_reports(outputs, stream, host.arf, error) || !outputs.append(stream, arf_frame.tail, error) ||
          !outputs.close(stream, error))
        return false;
    }
    if (!files.json.empty() && per_host(files.json) &&
        !outputs.write(for_host(files.json, label),
                       json_frame.head + host.json + json_summary_tail(frame_run, host.organization), error))
      return false;
    if (!files.report.empty() && per_host(files.report)) {
      const std::vector<check::Host> hosts{host.identity};
      const std::vector<check::HostResult> results{host.kept};
      if (!outputs.write(for_host(files.report, label), html_report(run_of(hosts, results, index)), error))
        return false;
    }
    return true;
  }

  void render(std::size_t index, const check::Host& host, check::HostResult result, Rendered& out) {
    const auto& label = run_labels.of(index, host);
    const std::vector<check::Host> hosts{identity_of(host)};
    std::vector<check::HostResult> results;
    results.push_back(std::move(result));
    const auto& evaluated = results[0];
    const auto run = run_of(hosts, results, index);
    const auto oval_file = [&](std::size_t n) {
      const auto reports = evaluated.oval_reports.size();
      if (per_host(files.oval_results))
        return oval_results_path(for_host(files.oval_results, label), 1, label, reports, n);
      return oval_results_path(files.oval_results, total, label, reports, n);
    };
    const auto oval_href = [&](std::size_t, const std::string& key) {
      for (std::size_t n = 0; n < evaluated.oval_reports.size(); ++n) {
        if (evaluated.oval_reports[n].component_key != key) continue;
        if (files.oval_results.empty()) return std::string();
        return std::filesystem::path(oval_file(n)).filename().string();
      }
      return std::string();
    };
    if (!files.xccdf_results.empty()) {
      out.xccdf = files.without_benchmark ? serialize(xccdf_results(run, false, oval_href))
                                          : xccdf_results_host(run, 0, oval_href);
    }
    if (!files.arf.empty()) arf_host(run, 0, out.arf);
    if (!files.json.empty()) {
      out.json = json_summary_host(run, 0);
      out.organization = organization_findings(run, 0);
    }
    if (!files.oval_results.empty()) {
      for (std::size_t n = 0; n < evaluated.oval_reports.size(); ++n) {
        const auto& report = evaluated.oval_reports[n].results;
        std::string text = "<?xml version=\"1.0\"?>\n";
        if (print_report_ahead(*report, 0, text, oval::SourceDefinitions::Included, kIndent)) {
          out.files.emplace_back(oval_file(n), std::move(text));
        } else {
          out.oval_files.emplace_back(oval_file(n), report);
        }
      }
    }
    if (!files.ckl.empty() || !files.cklb.empty()) {
      const auto checklist = checklist_of(run, 0, layout());
      std::vector<std::string> one(total);  // per_host_path only needs the count and this label
      one[0] = label;
      const auto path = [&](const std::string& given) {
        return per_host(given) ? for_host(given, label) : per_host_path(given, one, 0);
      };
      if (!files.ckl.empty()) out.files.emplace_back(path(files.ckl), to_ckl(checklist));
      if (!files.cklb.empty()) out.files.emplace_back(path(files.cklb), to_cklb(checklist));
    }
    out.summary = summary_lines(host, evaluated);
    out.gated = check::fails_gate(evaluated, files.fail_on);
    for (const auto& warning : evaluated.warnings) {
      out.warnings += input::printable(host.source) + ": warning: " + input::printable(warning) + "\n";
    }
    if (!files.report.empty()) {
      out.kept = std::move(results[0]);
      out.kept.oval_reports.clear();
    }
    // Its failed collections too: the report lists them, with the collector's reasons.
    out.identity = identity_of(host);
  }
};

ResultsStream::ResultsStream(const check::Content& content, const xccdf::loaded::Evaluation& evaluation,
                             ResultsFiles files, std::size_t hosts, std::vector<std::string> labels)
    : state_(std::make_unique<State>(content, evaluation, std::move(files), hosts, std::move(labels))) {}

ResultsStream::~ResultsStream() = default;

void ResultsStream::loaded(std::size_t index, const check::Host* host) {
  state_->run_labels.loaded(index, host);
}

bool ResultsStream::gated() const {
  return state_->gated;
}

bool ResultsStream::begin(std::string& error) {
  auto& s = *state_;
  const auto frame_run = s.run_of(s.no_hosts, s.no_results, 0);
  // Outputs with {host} in their path are written whole for each host as it is taken.
  if (!s.files.xccdf_results.empty() && !s.files.without_benchmark) {
    s.xccdf_frame = xccdf_results_frame(frame_run);
    if (!per_host(s.files.xccdf_results) && ((s.xccdf = s.outputs.open(s.files.xccdf_results, error)) < 0 ||
                                             !s.outputs.append(s.xccdf, s.xccdf_frame.head, error)))
      return false;
  }
  if (!s.files.arf.empty()) {
    s.arf_frame = arf_frame(frame_run);
    const bool combined = !per_host(s.files.arf);
    if (combined && ((s.arf = s.outputs.open(s.files.arf, error)) < 0 ||
                     (s.arf_relationships = s.outputs.open_scratch(s.files.arf, error)) < 0 ||
                     (s.arf_assets = s.outputs.open_scratch(s.files.arf, error)) < 0)) {
      return false;
    }
    if (combined) s.outputs.write_behind(s.arf);
  }
  if (!s.files.report.empty() && !per_host(s.files.report)) {
    const int report = s.outputs.open(s.files.report, error);
    const int scratch = report < 0 ? -1 : s.outputs.open_scratch(s.files.report, error);
    if (scratch < 0) return false;
    s.report_file = std::make_unique<ReportFile>(s.outputs, report, scratch);
    s.report = std::make_unique<html::ReportStream>(frame_run, s.total, *s.report_file, s.files.report_memory);
  }
  if (!s.files.json.empty()) {
    s.json_frame = json_summary_frame(frame_run);
    if (!per_host(s.files.json) &&
        ((s.json = s.outputs.open(s.files.json, error)) < 0 || !s.outputs.append(s.json, s.json_frame.head, error)))
      return false;
  }
  return true;
}

void ResultsStream::render(std::size_t index, const check::Host& host, check::HostResult result,
                           std::unique_ptr<check::RenderedHost>& slot) {
  if (!slot) slot = std::make_unique<Rendered>();
  auto& out = static_cast<Rendered&>(*slot);
  out.clear();
  state_->render(index, host, std::move(result), out);
}

bool ResultsStream::take(std::size_t index, check::RenderedHost& rendered, std::string& error) {
  auto& s = *state_;
  auto& host = static_cast<Rendered&>(rendered);
  const bool ok = (s.xccdf < 0 || s.outputs.append(s.xccdf, host.xccdf, error)) &&
                  (s.arf < 0 || (s.outputs.append(s.arf_relationships, host.arf.relationships, error) &&
                                 s.outputs.append(s.arf_assets, host.arf.asset, error) &&
                                 append_arf_reports(s.outputs, s.arf, host.arf, error))) &&
                  (s.json < 0 || s.outputs.append(s.json, index == 0 ? host.json : ",\n" + host.json, error));
  if (!ok || !s.take_per_host(index, host, error)) return false;
  if (s.files.without_benchmark && !s.files.xccdf_results.empty()) {
    s.outputs.add(for_host(s.files.xccdf_results, s.labels[index]), std::move(host.xccdf));
  }
  for (const auto& [path, content] : host.files) {
    if (!s.outputs.write(path, content, error)) return false;
  }
  for (const auto& [path, report] : host.oval_files) {
    if (!write_oval_results(s.outputs, path, *report, error)) return false;
  }
  s.summaries.add(host.summary);
  s.warnings.add(host.warnings);
  merge_findings(s.organization, std::move(host.organization));
  s.gated = s.gated || host.gated;
  if (s.report) {
    const std::vector<check::Host> hosts{std::move(host.identity)};
    const std::vector<check::HostResult> results{std::move(host.kept)};
    if (!s.report->add(s.run_of(hosts, results, index), error)) return false;
  }
  return true;
}

bool ResultsStream::finish(std::string& error) {
  auto& s = *state_;
  const auto frame_run = s.run_of(s.no_hosts, s.no_results, 0);
  if (s.xccdf >= 0 && !s.outputs.append(s.xccdf, s.xccdf_frame.tail, error)) return false;
  if (s.json >= 0 && !s.outputs.append(s.json, json_summary_tail(frame_run, s.organization), error)) return false;
  if (s.arf >= 0) {
    // The reports were written into the ARF as hosts were done; what goes before them (the
    // relationships, the report request, the assets) is put in front now, padded to whole blocks
    // with a line of spaces after <arf:reports>, so the kernel can insert it without moving the
    // reports (OutputFiles::insert_front). The padding is there on every file system, so the
    // output does not depend on which one it is written to.
    const int head = s.outputs.open_scratch(s.files.arf, error);
    bool ok = head >= 0 && s.outputs.append(head, s.arf_frame.head, error) &&
              s.outputs.append_copy(head, s.arf_relationships, error) &&
              s.outputs.append(head, s.arf_frame.before_assets, error) &&
              s.outputs.append_copy(head, s.arf_assets, error) &&
              s.outputs.append(head, s.arf_frame.before_reports, error);
    const auto written = ok ? s.outputs.size(head) : 0;
    const auto short_of_block = (OutputFiles::kBlock - written % OutputFiles::kBlock) % OutputFiles::kBlock;
    if (ok && short_of_block > 0) {
      ok = s.outputs.append(head, std::string(static_cast<std::size_t>(short_of_block - 1), ' ') + "\n", error);
    }
    ok = ok && s.outputs.insert_front(s.arf, head, error) && s.outputs.append(s.arf, s.arf_frame.tail, error);
    if (!ok) return false;
  }
  return !s.report || s.report->finish(error);
}

bool ResultsStream::commit(std::FILE* out, std::FILE* err, std::string& error) {
  if (!state_->outputs.commit(error)) return false;
  if (out != nullptr) std::fflush(out);
  state_->warnings.copy_to(err);
  state_->summaries.copy_to(out);
  return true;
}

bool write_check_run(const check::Content& content, const xccdf::loaded::Evaluation& evaluation,
                     const std::vector<std::string>& paths, const check::RunOptions& options, const ResultsFiles& files,
                     std::FILE* out, std::FILE* err, CheckSummary& summary, std::string& error) {
  if (files.without_benchmark && paths.size() != 1) {
    error = "scapc check: --without-benchmark writes one TestResult, so it takes exactly one --data";
    return false;
  }
  ResultsStream stream(content, evaluation, files, paths.size());
  if (!stream.begin(error) || !check::run(content, evaluation, paths, options, stream, error) ||
      !stream.finish(error) || !stream.commit(out, err, error))
    return false;
  summary.gated = stream.gated();
  return true;
}

}  // namespace scapc::output
