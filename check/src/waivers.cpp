// Waivers files read and applied. A waiver names a rule the way an assessor knows it (V-ID, STIG
// ID, DISA rule id or catalog id) and hosts by name or glob; the result it sets is what every
// output reports, the evaluated one is kept beside it.
#include <fnmatch.h>
#include <scapc/input.h>
#include <scapc/waivers.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <regex>

namespace scapc::check {
namespace {

using Json = nlohmann::json;

bool is_date(const std::string& text) {
  static const std::regex kDate(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(text, kDate);
}

class Reader {
 public:
  Reader(const std::string& path, std::string& error) : path_(path), error_(error) {}

  bool fail(const std::string& pointer, const std::string& reason) {
    error_ = input::printable(path_) + (pointer.empty() ? "" : ":" + pointer) + ": " + reason;
    return false;
  }

  bool text(const Json& object, const std::string& pointer, const char* name, bool required, std::string& out) {
    const auto found = object.find(name);
    if (found == object.end()) return !required || fail(pointer, std::string("'") + name + "' is missing");
    if (!found->is_string()) return fail(pointer + "/" + name, "not a string");
    out = found->get<std::string>();
    if (required && out.find_first_not_of(" \t\r\n") == std::string::npos) {
      return fail(pointer + "/" + name, "empty");
    }
    return true;
  }

  bool waiver(const Json& object, const std::string& pointer, Waiver& out) {
    if (!object.is_object()) return fail(pointer, "a waiver is an object");
    static const std::vector<std::string> kKnown = {"rule",       "hosts",    "result",  "severity", "justification",
                                                    "approvedBy", "approved", "expires", "comment"};
    for (const auto& [key, value] : object.items()) {
      if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
        return fail(pointer + "/" + key, "unknown field '" + input::printable(key) + "'");
      }
    }
    out.pointer = pointer;
    std::string result;
    if (!text(object, pointer, "rule", true, out.rule) || !text(object, pointer, "result", true, result) ||
        !text(object, pointer, "justification", true, out.justification) ||
        !text(object, pointer, "approvedBy", true, out.approved_by) ||
        !text(object, pointer, "approved", true, out.approved) ||
        !text(object, pointer, "expires", true, out.expires) ||
        !text(object, pointer, "severity", false, out.severity)) {
      return false;
    }
    if (result == "pass") {
      out.result = xccdf::RuleResult::Pass;
    } else if (result == "notapplicable") {
      out.result = xccdf::RuleResult::NotApplicable;
    } else if (result == "informational") {
      out.result = xccdf::RuleResult::Informational;
    } else if (result == "fail") {
      out.result = xccdf::RuleResult::Fail;
    } else {
      return fail(pointer + "/result", "'" + input::printable(result) +
                                           "' is none of pass, notapplicable, "
                                           "informational, fail");
    }
    if (!out.severity.empty() && out.severity != "low" && out.severity != "medium" && out.severity != "high") {
      return fail(pointer + "/severity", "'" + input::printable(out.severity) + "' is none of low, medium, high");
    }
    for (const auto* field : {"approved", "expires"}) {
      const auto& date = std::string(field) == "approved" ? out.approved : out.expires;
      if (!is_date(date))
        return fail(pointer + "/" + field, "'" + input::printable(date) + "' is not a YYYY-MM-DD date");
    }
    if (out.expires < out.approved) return fail(pointer + "/expires", "expires before it was approved");
    if (const auto hosts = object.find("hosts"); hosts != object.end()) {
      if (!hosts->is_array()) return fail(pointer + "/hosts", "a list of host names or patterns");
      for (std::size_t i = 0; i < hosts->size(); ++i) {
        const auto& host = (*hosts)[i];
        if (!host.is_string() || host.get<std::string>().empty()) {
          return fail(pointer + "/hosts/" + std::to_string(i), "a host name or pattern (a non-empty string)");
        }
        out.hosts.push_back(host.get<std::string>());
      }
    }
    return true;
  }

 private:
  const std::string& path_;
  std::string& error_;
};

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void each_rule(const std::vector<xccdf::loaded::Item>& items,
               const std::function<void(const xccdf::loaded::Item&)>& visit) {
  for (const auto& item : items) {
    if (item.kind == xccdf::loaded::Item::Kind::Group) {
      each_rule(item.children, visit);
    } else {
      visit(item);
    }
  }
}

}  // namespace

bool read_waivers(const std::string& path, Waivers& out, std::string& error) {
  std::string text;
  return input::read_file(path, text, error) && read_waivers_text(text, path, out, error);
}

bool read_waivers_text(std::string_view text, const std::string& path, Waivers& out, std::string& error) {
  Json document;
  if (!input::parse_json(text, path, document, error)) return false;
  Reader reader(path, error);
  out.path = path;
  if (!document.is_object()) return reader.fail("", "a waivers file is an object with a 'waivers' list");
  for (const auto& [key, value] : document.items()) {
    if (key != "waivers" && key != "$schema")
      return reader.fail("/" + key, "unknown field '" + input::printable(key) + "'");
  }
  const auto list = document.find("waivers");
  if (list == document.end()) return reader.fail("", "'waivers' is missing");
  if (!list->is_array()) return reader.fail("/waivers", "not a list of waivers");
  for (std::size_t i = 0; i < list->size(); ++i) {
    Waiver waiver;
    if (!reader.waiver((*list)[i], "/waivers/" + std::to_string(i), waiver)) return false;
    out.list.push_back(std::move(waiver));
  }
  return true;
}

bool waiver_names_rule(const Waiver& waiver, const xccdf::loaded::Item& rule) {
  const auto& name = waiver.rule;
  return name == vuln_id_of(rule) || name == rule.rule.version || name == short_rule_id(rule.id) || name == rule.id;
}

bool waiver_names_host(const Waiver& waiver, const Host& host) {
  if (waiver.hosts.empty()) return true;
  std::vector<std::string> names = {lower(host_identity(host)), lower(host.host_name), lower(host.fqdn)};
  const auto dot = names[1].find('.');
  if (dot != std::string::npos) names.push_back(names[1].substr(0, dot));
  for (const auto& pattern : waiver.hosts) {
    const auto wanted = lower(pattern);
    for (const auto& name : names) {
      if (!name.empty() && fnmatch(wanted.c_str(), name.c_str(), 0) == 0) return true;
    }
  }
  return false;
}

void drop_unusable_waivers(Waivers& waivers, const xccdf::loaded::Benchmark& benchmark, const std::string& today,
                           std::vector<std::string>& warnings) {
  std::erase_if(waivers.list, [&](const Waiver& waiver) {
    const auto where = input::printable(waivers.path) + ":" + waiver.pointer + ": warning: ";
    if (waiver.expires < today) {
      warnings.push_back(where + "the waiver for " + input::printable(waiver.rule) + " expired on " + waiver.expires +
                         "; it is ignored");
      return true;
    }
    bool named = false;
    each_rule(benchmark.items,
              [&](const xccdf::loaded::Item& rule) { named = named || waiver_names_rule(waiver, rule); });
    if (!named) {
      warnings.push_back(where + "no rule of " + input::printable(benchmark.id) + " is " +
                         input::printable(waiver.rule) + "; the waiver is ignored");
    }
    return !named;
  });
}

void apply_waivers(const Waivers& waivers, const xccdf::loaded::Item& rule, const Host& host, RuleOutcome& outcome) {
  // A rule not selected or not applying to the host has no finding to waive.
  if (outcome.result == xccdf::RuleResult::NotSelected || outcome.result == xccdf::RuleResult::NotApplicable) return;
  for (const auto& waiver : waivers.list) {
    if (!waiver_names_rule(waiver, rule) || !waiver_names_host(waiver, host)) continue;
    outcome.waiver = WaiverApplied{outcome.result,  waiver.rule,    waiver.justification, waiver.approved_by,
                                   waiver.approved, waiver.expires, waiver.severity};
    outcome.result = waiver.result;
    return;
  }
}

std::size_t apply_waivers(const Waivers& waivers, const xccdf::loaded::Benchmark& benchmark, const Host& host,
                          HostResult& result) {
  std::map<std::string, const xccdf::loaded::Item*> rules;
  each_rule(benchmark.items, [&rules](const xccdf::loaded::Item& rule) { rules.emplace(rule.id, &rule); });
  std::size_t applied = 0;
  for (auto& outcome : result.rules) {
    const auto found = rules.find(outcome.rule_id);
    if (found == rules.end() || outcome.waiver) continue;
    apply_waivers(waivers, *found->second, host, outcome);
    if (outcome.waiver) ++applied;
  }
  return applied;
}

}  // namespace scapc::check
