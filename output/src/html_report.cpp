// The HTML report of a check run, written host by host (html_stream.h): one self-contained
// document whose Content-Security-Policy allows no fetch of any kind and only its own script and
// style, named by hash. Its parts are rendered as each host is added and kept until the end, when
// the document is assembled in order; html_report() runs the same writer over a whole run.
#include <scapc/organization.h>
#include <scapc/report.h>

#include <algorithm>

#include "html_parts.h"
#include "html_stream.h"

namespace scapc::output {
namespace html {

struct ReportStream::State {
  Assessment frame;
  std::size_t hosts;
  ReportSink& sink;
  Model model;
  Spool spool;
  // The count tables have a column for fixed only when some host has a fixed result, which may be
  // the last one: until one does, each host's tables are rendered both ways.
  bool fixed = false;
  std::vector<xccdf::RuleResult> plain_columns = result_columns(false);
  std::vector<xccdf::RuleResult> fixed_columns = result_columns(true);
  Spool::Stream overview_plain = spool.open();
  Spool::Stream overview_fixed = spool.open();
  Spool::Stream sections_plain = spool.open();
  Spool::Stream sections_fixed = spool.open();
  Spool::Stream waivers = spool.open();
  int waived = 0;
  std::string start;  // earliest start and latest end of an evaluation (ISO times compare as text)
  std::string end;
  // Each organisation-wide finding once (same_finding): the labels of the hosts it was seen
  // on wait in a stream of their own.
  struct OrganizationRow {
    OrganizationFinding finding;  // its hosts are not kept here
    std::size_t hosts = 0;
    Spool::Stream labels = Spool::kNone;
  };
  std::vector<OrganizationRow> organization;
  Scoreboard scoreboard{model, spool};
  DriftSection drift{frame, spool};
  RuleTable rules{model, spool};
  std::size_t added = 0;

  State(Assessment frame_, std::size_t hosts_, ReportSink& sink_, std::size_t memory)
      : frame(std::move(frame_)), hosts(hosts_), sink(sink_), model(build_model(*frame.content)), spool(sink, memory) {}

  void add(const Assessment& one) {
    // Ids in the report number hosts as it lists them.
    const HostView host{.index = added,
                        .label = label_of(one, 0),
                        .host = &one.hosts->front(),
                        .result = &one.results->front(),
                        .test_result = test_result_id(one, 0)};
    const auto& result = *host.result;
    if (added++ == 0) {
      start = result.start_time;
      end = result.end_time;
    }
    start = std::min(start, result.start_time);
    end = std::max(end, result.end_time);
    fixed = fixed || has_fixed(result);
    for (auto& finding : organization_findings(one, 0)) {
      auto same = std::find_if(organization.begin(), organization.end(),
                               [&](const OrganizationRow& known) { return same_finding(known.finding, finding); });
      if (same == organization.end()) {
        finding.hosts.clear();
        organization.push_back({std::move(finding), 0, spool.open()});
        same = organization.end() - 1;
      }
      spool.append(same->labels, (same->hosts++ == 0 ? "" : ", ") + escape(host.label));
    }
    scoreboard.add(host);
    if (!fixed) spool.append(overview_plain, overview_row(host, plain_columns));
    spool.append(overview_fixed, overview_row(host, fixed_columns));
    std::string rows;
    waived += waiver_rows(host, rows);
    spool.append(waivers, rows);
    drift.add(host);
    std::vector<ProfileSummary> summaries;
    if (!model.profiles.empty()) {
      const auto results = results_by_rule(result);
      for (const auto& profile : model.profiles)
        summaries.push_back(summarize(frame.content->benchmark, profile, results));
    }
    std::string section;
    if (!fixed) {
      host_section(frame, model, host, summaries, plain_columns, section);
      spool.append(sections_plain, section);
      section.clear();
    }
    host_section(frame, model, host, summaries, fixed_columns, section);
    spool.append(sections_fixed, section);
    rules.add(host);
  }

  bool finish(std::string& error) {
    const auto& benchmark = frame.content->benchmark;
    const auto& labels = *frame.labels;
    const auto& columns = fixed ? fixed_columns : plain_columns;
    std::string text =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-" +
        sha256_base64(kScript) + "'; style-src 'sha256-" + sha256_base64(kStyle) +
        "'; base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"scapc " SCAPC_VERSION "\">\n" +
        element("title", "scapc report: " + (benchmark.title.empty() ? benchmark.id : benchmark.title)) + "\n<style>" +
        std::string(kStyle) + "</style>\n</head>\n<body>\n";
    header(frame, hosts, start == end ? start : start + " – " + end, text);
    navigation(frame, labels, !organization.empty(), text);
    text += "<main>\n";
    if (!sink.write(text, error) || !scoreboard.write(sink, error) || !sink.write(overview_head(columns), error) ||
        !spool.write(fixed ? overview_fixed : overview_plain, error) || !sink.write(kTableSectionTail, error)) {
      return false;
    }
    if (!organization.empty()) {
      if (!sink.write(organization_head(), error)) return false;
      for (const auto& row : organization) {
        if (!sink.write(organization_row(row.finding, row.hosts), error) || !spool.write(row.labels, error) ||
            !sink.write("</td></tr>\n", error)) {
          return false;
        }
      }
      if (!sink.write(kTableSectionTail, error)) return false;
    }
    if (!drift.write(sink, error)) return false;
    if (waived > 0 && (!sink.write(waivers_head(waived), error) || !spool.write(waivers, error) ||
                       !sink.write(kTableSectionTail, error))) {
      return false;
    }
    return spool.write(fixed ? sections_fixed : sections_plain, error) && rules.write(labels, sink, error) &&
           sink.write("</main>\n<footer><p class=\"muted\">Generated by scapc " + escape(SCAPC_VERSION) +
                          ".</p></footer>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n",
                      error);
  }
};

ReportStream::ReportStream(const Assessment& frame, std::size_t hosts, ReportSink& sink, std::size_t memory)
    : state_(std::make_unique<State>(frame, hosts, sink, memory)) {}

ReportStream::~ReportStream() = default;

bool ReportStream::add(const Assessment& one, std::string& error) {
  state_->add(one);
  if (state_->spool.error().empty()) return true;
  error = state_->spool.error();
  return false;
}

bool ReportStream::finish(std::string& error) {
  return state_->finish(error);
}

namespace {

// The report in memory: its parts are kept in a second string.
class StringSink : public ReportSink {
 public:
  std::string report;
  bool write(std::string_view text, std::string& /*error*/) override {
    report += text;
    return true;
  }
  bool keep(std::string_view text, std::uint64_t& offset, std::string& /*error*/) override {
    offset = kept_.size();
    kept_ += text;
    return true;
  }
  bool write_kept(std::uint64_t offset, std::uint64_t size, std::string& /*error*/) override {
    report.append(kept_, offset, size);
    return true;
  }
  bool read_kept(std::uint64_t offset, std::uint64_t size, std::string& out, std::string& /*error*/) override {
    out.assign(kept_, offset, size);
    return true;
  }

 private:
  std::string kept_;
};

}  // namespace

}  // namespace html

// The same writer over the whole run, its parts kept in a second string (all of them in memory:
// the report is returned as one string anyway).
std::string html_report(const Assessment& run) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < run.hosts->size(); ++i) labels.push_back(label_of(run, i));
  Assessment frame = run;
  frame.labels = &labels;
  frame.first = 0;
  html::StringSink sink;
  html::ReportStream stream(frame, run.hosts->size(), sink, static_cast<std::size_t>(-1));
  std::string error;  // a string sink does not fail
  for (std::size_t i = 0; i < run.hosts->size(); ++i) {
    const std::vector<check::Host> host{(*run.hosts)[i]};
    const std::vector<check::HostResult> result{(*run.results)[i]};
    Assessment one = frame;
    one.hosts = &host;
    one.results = &result;
    one.first = i;
    stream.add(one, error);
  }
  stream.finish(error);
  return std::move(sink.report);
}

}  // namespace scapc::output
