// A check run over many hosts: each host's data loaded, evaluated and handed to a sink, a bounded
// number of hosts ahead of the one being written, so that memory holds those few whatever the
// number of hosts. The sink renders a host where it was evaluated and takes the rendered host on
// the run's thread, in host order, while the hosts after it are evaluated.
#pragma once

#include <scapc/check.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace scapc::check {

// What a sink keeps of one host between rendering and taking it.
struct RenderedHost {
  virtual ~RenderedHost() = default;
};

class HostSink {
 public:
  virtual ~HostSink() = default;
  // For each host as soon as its data is loaded, before it is evaluated, on the thread that loads
  // it: `host`, or null when it could not be loaded. Hosts are loaded in order, each by the thread
  // that claimed it, so a render() may wait for every host before its own to be announced here
  // (a host's label depends on the names before it) without waiting for any host's evaluation.
  virtual void loaded(std::size_t /*index*/, const Host* /*host*/) {}
  // For each host once evaluated, on a worker thread or on the run's thread while it waits for the
  // host to take next, possibly at the same time as other hosts and as take().
  // `host` still holds its collected data; nothing of it is kept by the run afterwards. `slot`
  // holds what the sink rendered into this place for an earlier host, or nothing: a sink that
  // reuses its buffers spares a long run allocating (and the kernel zeroing) each host's
  // half-megabyte texts afresh, which cost a fifth more memory and time.
  virtual void render(std::size_t index, const Host& host, HostResult result, std::unique_ptr<RenderedHost>& slot) = 0;
  // On the run's thread, in host order; `rendered` goes back to a worker's render() afterwards
  // (freeing its buffers on the writing thread made a run a fifth slower). False stops the run;
  // `error` says why (empty: the sink stopped it for a reason of its own, which it can tell its
  // caller).
  virtual bool take(std::size_t index, RenderedHost& rendered, std::string& error) = 0;
};

struct RunOptions {
  EvaluateOptions evaluate;
  // Hosts loaded, evaluated and rendered ahead of the one being taken (written): what memory holds
  // of hosts, whatever their number.
  std::size_t hosts_ahead = 16;
  // Called on the run's thread with the number of hosts taken so far.
  std::function<void(std::size_t done)> progress;
};

// Every host of `paths` (check::load_host), evaluated and given to `sink`. False at the first host
// that cannot be loaded (error: its one-line message) or when the sink stops the run.
bool run(const Content& content, const xccdf::loaded::Evaluation& evaluation, const std::vector<std::string>& paths,
         const RunOptions& options, HostSink& sink, std::string& error);

// The rules a run is limited to (--rule), each checked to be a rule of the benchmark.
bool select_rules(const Content& content, const xccdf::loaded::Evaluation& evaluation,
                  const std::vector<std::string>& rules, std::set<std::string>& out, std::string& error);

// Every host's identity (names and addresses, no collected data), loaded in parallel: for what
// needs the whole list before the first host is checked (answers that name a host no run checks).
bool identify_hosts(const std::vector<std::string>& paths, std::vector<Host>& out, std::string& error);

// --data paths, then those listed one a line in each list file (blank lines skipped). An error
// when there is none.
bool host_paths(const std::vector<std::string>& paths, const std::vector<std::string>& list_files,
                std::vector<std::string>& out, std::string& error);

// Answers from an OCIL results file for every OCIL component of the content; `warning` is set
// when the content has no questionnaires (the file is still read and must be OCIL).
bool load_ocil_answers(const Content& content, const std::string& path, std::map<std::string, std::string>& answers,
                       std::string& warning, std::string& error);

// The exit status gate (oscap's rule, raised by --fail-on): whether a rule of at least severity
// `fail_on` (info, low, medium, high; none: never) fails or comes out error or unknown. A rule of
// no known severity counts as high, so a failure is never hidden for want of one.
bool fails_gate(const HostResult& result, const std::string& fail_on);

}  // namespace scapc::check
