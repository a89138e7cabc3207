#include <scapc/check_run.h>
#include <scapc/input.h>
#include <scapc/ocil_results.h>
#include <scapc/parallel.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <sstream>

namespace scapc::check {
namespace {

// One place between the worker that fills it and the run's thread, refilled host after host.
struct Evaluated {
  std::string error;
  std::unique_ptr<RenderedHost> rendered;
};

// Tells the sink a host is loaded, or, if that never happened (the load failed or threw), that it
// will not be: hosts after it may be waiting for it.
class Announcement {
 public:
  Announcement(HostSink& sink, std::size_t index) : sink_(sink), index_(index) {}
  Announcement(const Announcement&) = delete;
  Announcement& operator=(const Announcement&) = delete;
  ~Announcement() {
    if (!made_) sink_.loaded(index_, nullptr);
  }
  void loaded(const Host& host) {
    made_ = true;
    sink_.loaded(index_, &host);
  }

 private:
  HostSink& sink_;
  std::size_t index_;
  bool made_ = false;
};

// A rule of severity unknown, or of a word that is no severity, counts as high.
xccdf::Severity gate_severity(const std::string& word) {
  const auto severity = xccdf::parse_severity(word);
  return !severity || *severity == xccdf::Severity::Unknown ? xccdf::Severity::High : *severity;
}

}  // namespace

bool run(const Content& content, const xccdf::loaded::Evaluation& evaluation, const std::vector<std::string>& paths,
         const RunOptions& options, HostSink& sink, std::string& error) {
  // Hosts are loaded, evaluated and rendered on every core while the run's thread writes them in
  // order. Taking a host (writing it) is a third of the work with ARF; with batches, a core that
  // was done waited for the batch's slowest host, which cost a tenth of the run.
  std::vector<Evaluated> places(std::max<std::size_t>(1, options.hosts_ahead));
  return parallel::in_order(
      paths.size(), places.size(), 0,
      [&](std::size_t index, std::size_t place) {
        auto& out = places[place];
        out.error.clear();
        Announcement announcement(sink, index);
        Host host;
        if (!load_host(paths[index], host, out.error)) return;
        announcement.loaded(host);
        sink.render(index, host, evaluate(content, evaluation, host, options.evaluate), out.rendered);
      },
      [&](std::size_t index, std::size_t place) {
        auto& host = places[place];
        if (!host.error.empty()) {
          error = host.error;
          return false;
        }
        if (!sink.take(index, *host.rendered, error)) return false;
        if (options.progress) options.progress(index + 1);
        return true;
      });
}

bool select_rules(const Content& content, const xccdf::loaded::Evaluation& evaluation,
                  const std::vector<std::string>& rules, std::set<std::string>& out, std::string& error) {
  for (const auto& rule : rules) {
    if (!evaluation.items.contains(rule)) {
      error = content.path + ": no rule '" + rule + "' in benchmark " + content.benchmark.id;
      return false;
    }
    out.insert(rule);
  }
  return true;
}

bool identify_hosts(const std::vector<std::string>& paths, std::vector<Host>& out, std::string& error) {
  out.clear();
  out.resize(paths.size());
  std::vector<std::string> errors(paths.size());
  parallel::for_each_index(paths.size(), [&](std::size_t i) {
    Host host;
    if (!load_host(paths[i], host, errors[i])) return;
    out[i].source = paths[i];
    out[i].host_name = std::move(host.host_name);
    out[i].fqdn = std::move(host.fqdn);
    out[i].exchange_name = std::move(host.exchange_name);
    out[i].ip_addresses = std::move(host.ip_addresses);
    out[i].mac_addresses = std::move(host.mac_addresses);
  });
  for (auto& message : errors) {
    if (!message.empty()) {
      error = std::move(message);
      return false;
    }
  }
  return true;
}

bool host_paths(const std::vector<std::string>& paths, const std::vector<std::string>& list_files,
                std::vector<std::string>& out, std::string& error) {
  out = paths;
  for (const auto& list : list_files) {
    std::string text;
    if (!input::read_file(list, text, error)) return false;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) out.push_back(line);
    }
  }
  if (out.empty()) error = "scapc check: no hosts: give --data or --data-list";
  return !out.empty();
}

bool load_ocil_answers(const Content& content, const std::string& path, std::map<std::string, std::string>& answers,
                       std::string& warning, std::string& error) {
  std::string text;
  if (!input::read_file(path, text, error)) return false;
  if (content.ocil.empty()) {
    // Nothing to answer, but a broken or foreign file is still an error, not silently ignored.
    pugi::xml_document document;
    if (!input::parse_xml(text, path, document, error)) return false;
    if (xml::local_name(document.document_element()) != "ocil") {
      error = path + ": root element '" + document.document_element().name() + "' is not OCIL 'ocil'";
      return false;
    }
    warning = "the content has no OCIL questionnaires; these answers are not used";
    return true;
  }
  for (const auto& [href, root] : content.ocil) {
    pugi::xml_document questionnaires;
    questionnaires.append_copy(root);
    if (!ocil::answer_questionnaires(questionnaires, text, path, answers, error)) return false;
  }
  return true;
}

bool fails_gate(const HostResult& result, const std::string& fail_on) {
  if (fail_on == "none") return false;
  const auto threshold = gate_severity(fail_on);
  return std::any_of(result.rules.begin(), result.rules.end(), [&](const auto& rule) {
    const bool failed = rule.result == xccdf::RuleResult::Fail || rule.result == xccdf::RuleResult::Error ||
                        rule.result == xccdf::RuleResult::Unknown;
    return failed && gate_severity(rule.severity) >= threshold;
  });
}

}  // namespace scapc::check
