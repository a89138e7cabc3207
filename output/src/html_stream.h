// The HTML report written as hosts come (html_report.cpp), so that its memory does not grow with
// the number of hosts: each host's parts are rendered when the host is added and kept in a scratch
// file, apart from counts and a few facts per rule; at the end the report is assembled in order
// from those counts and the kept parts. html_report() is the same writer over a whole run, so the
// two give the same bytes.
#pragma once

#include <scapc/results.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace scapc::output::html {

// Where the report goes, and the scratch space that holds its parts until they are written.
class ReportSink {
 public:
  ReportSink() = default;
  ReportSink(const ReportSink&) = delete;
  ReportSink& operator=(const ReportSink&) = delete;
  virtual ~ReportSink() = default;
  // Appends to the report.
  virtual bool write(std::string_view text, std::string& error) = 0;
  // Appends to the scratch space; `offset` is where `text` begins there.
  virtual bool keep(std::string_view text, std::uint64_t& offset, std::string& error) = 0;
  // Appends `size` bytes of the scratch space, from `offset`, to the report.
  virtual bool write_kept(std::uint64_t offset, std::uint64_t size, std::string& error) = 0;
  // Reads `size` bytes of the scratch space, from `offset`, into `out`.
  virtual bool read_kept(std::uint64_t offset, std::uint64_t size, std::string& out, std::string& error) = 0;
};

class ReportStream {
 public:
  // `frame`: the run without hosts (its hosts and results are not read), with `labels` naming
  // every host by the time finish() is called; `hosts`: how many will be added; `memory`: how
  // much of the kept parts waits in memory before going to the sink's scratch space.
  ReportStream(const Assessment& frame, std::size_t hosts, ReportSink& sink, std::size_t memory);
  ReportStream(const ReportStream&) = delete;
  ReportStream& operator=(const ReportStream&) = delete;
  ~ReportStream();
  // Adds the next host: `one` holds it alone (one.first is its index in the run).
  bool add(const Assessment& one, std::string& error);
  // Writes the report to the sink.
  bool finish(std::string& error);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace scapc::output::html
