#include "info_scap.h"

#include <scapc/check.h>
#include <scapc/input.h>
#include <scapc/results_file.h>
#include <scapc/stig.h>
#include <scapc/xml_names.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>

#include "catalog_input.h"
#include "diagnostics.h"

namespace scapc::cli {
namespace {

void rule_ids(const std::vector<xccdf::loaded::Item>& items, std::vector<std::string>& out) {
  for (const auto& item : items) {
    if (item.kind == xccdf::loaded::Item::Kind::Rule) {
      out.push_back(item.id);
    } else {
      rule_ids(item.children, out);
    }
  }
}

// Rules an evaluation selects: a rule counts when it and every group above it are selected.
std::size_t selected_rules(const std::vector<xccdf::loaded::Item>& items, const xccdf::loaded::Evaluation& evaluation) {
  std::size_t count = 0;
  for (const auto& item : items) {
    const auto settings = evaluation.items.find(item.id);
    if (settings != evaluation.items.end() && !settings->second.selected) continue;
    count += item.kind == xccdf::loaded::Item::Kind::Rule ? 1 : selected_rules(item.children, evaluation);
  }
  return count;
}

nlohmann::json benchmark_json(const check::Content& content) {
  const auto& benchmark = content.benchmark;
  std::vector<std::string> rules;
  rule_ids(benchmark.items, rules);
  nlohmann::json profiles = nlohmann::json::array();
  for (const auto& profile : benchmark.profiles) {
    xccdf::loaded::Evaluation evaluation;
    std::string error;
    nlohmann::json entry{{"id", profile.id}, {"title", profile.title}};
    if (xccdf::loaded::resolve(benchmark, {}, profile.id, evaluation, error)) {
      entry["rules"] = selected_rules(benchmark.items, evaluation);
    } else {
      entry["error"] = error;
    }
    profiles.push_back(std::move(entry));
  }
  xccdf::loaded::Evaluation defaults;
  std::string error;
  xccdf::loaded::resolve(benchmark, {}, "", defaults, error);
  return {{"id", benchmark.id},           {"title", benchmark.title},
          {"version", benchmark.version}, {"releaseInfo", benchmark.release_info},
          {"rules", rules.size()},        {"selectedByDefault", selected_rules(benchmark.items, defaults)},
          {"profiles", profiles}};
}

// A DISA STIG in XCCDF 1.1, which scapc compiles rather than evaluates: its release and profiles.
nlohmann::json stig_json(const stig::Benchmark& benchmark) {
  nlohmann::json profiles = nlohmann::json::array();
  for (const auto& id : benchmark.profiles) profiles.push_back({{"id", id}, {"title", ""}});
  return {{"id", benchmark.id},
          {"title", benchmark.title},
          {"version", benchmark.version},
          {"releaseInfo", benchmark.release_info},
          {"rules", benchmark.rules.size()},
          {"profiles", profiles}};
}

void print_benchmark(std::ostream& out, const nlohmann::json& benchmark) {
  const auto text = [](const nlohmann::json& value) { return input::printable(value.get<std::string>()); };
  out << "  benchmark " << text(benchmark["id"]) << ": " << text(benchmark["title"]);
  if (!benchmark["version"].get<std::string>().empty()) out << ", version " << text(benchmark["version"]);
  out << '\n';
  if (!benchmark["releaseInfo"].get<std::string>().empty())
    out << "  release: " << text(benchmark["releaseInfo"]) << '\n';
  out << "  rules: " << benchmark["rules"].get<std::size_t>();
  if (benchmark.contains("selectedByDefault"))
    out << " (" << benchmark["selectedByDefault"].get<std::size_t>() << " selected without a profile)";
  out << '\n';
  out << "  profiles: " << benchmark["profiles"].size() << '\n';
  for (const auto& profile : benchmark["profiles"]) {
    out << "    " << text(profile["id"]);
    if (profile.contains("rules")) {
      const auto rules = profile["rules"].get<std::size_t>();
      out << "  (" << rules << (rules == 1 ? " rule)" : " rules)");
    }
    if (!profile["title"].get<std::string>().empty()) out << "  " << text(profile["title"]);
    if (profile.contains("error")) out << "  error: " << text(profile["error"]);
    out << '\n';
  }
}

nlohmann::json results_json(const output::ResultsFile& results) {
  nlohmann::json hosts = nlohmann::json::array();
  for (std::size_t i = 0; i < results.hosts.size(); ++i) {
    std::map<std::string, int> counts;
    for (const auto& rule : results.results[i].rules) ++counts[check::to_string(rule.result)];
    hosts.push_back({{"host", check::host_identity(results.hosts[i])}, {"results", counts}});
  }
  return {{"profile", results.evaluation.profile_id}, {"hosts", hosts}};
}

void print_results(std::ostream& out, const nlohmann::json& results) {
  const auto& profile = results["profile"].get_ref<const std::string&>();
  out << "  results of " << (profile.empty() ? std::string("the benchmark's defaults") : input::printable(profile))
      << " for " << results["hosts"].size() << (results["hosts"].size() == 1 ? " host\n" : " hosts\n");
  for (const auto& host : results["hosts"]) {
    out << "    " << input::printable(host["host"].get<std::string>()) << ':';
    for (const auto& [result, count] : host["results"].items()) out << ' ' << result << ' ' << count.get<int>();
    out << '\n';
  }
}

}  // namespace

bool looks_like_xml(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) return false;
  std::ifstream in(path, std::ios::binary);
  for (char c = 0; in.get(c);) {
    // A byte order mark or white space may come first.
    if (c == '<') return true;
    if (std::isspace(static_cast<unsigned char>(c)) == 0 && static_cast<unsigned char>(c) < 0x80) return false;
  }
  return false;
}

bool print_scap_info(const std::string& path, std::ostream& out, nlohmann::json* json) {
  std::string text;
  std::string error;
  pugi::xml_document document;
  if (!input::read_file(path, text, error) || !input::parse_xml(text, path, document, error)) {
    print_error(error);
    return false;
  }
  const auto root = xml::local_name(document.document_element());
  const bool results = root == "asset-report-collection" ||
                       (root == "Benchmark" && !xml::child(document.document_element(), "TestResult").empty());
  nlohmann::json report{{"file", path}};
  const bool xccdf_1_1 = root == "Benchmark" &&
                         std::string_view(document.document_element().name()).find(':') == std::string_view::npos &&
                         std::string_view(document.document_element().attribute("xmlns").value()).ends_with("/1.1");
  if (xccdf_1_1) {
    controls::Diagnostics diagnostics;
    const auto stig = stig::read_xccdf_text(text, path, diagnostics);
    print_diagnostics(diagnostics);
    if (!stig) return false;
    report["kind"] = "DISA STIG, XCCDF 1.1 (compile it to check with it)";
    report["benchmark"] = stig_json(*stig);
  } else if (results) {
    output::ResultsFile file;
    if (!output::read_results(text, path, file, error)) {
      print_error(error);
      return false;
    }
    report["kind"] = root == "Benchmark" ? "XCCDF results" : "ARF results";
    report["benchmark"] = benchmark_json(file.content);
    report["results"] = results_json(file);
  } else {
    check::Content content;
    if (!check::load_content_text(std::move(text), path, {}, content, error)) {
      print_error(error);
      return false;
    }
    report["kind"] = content.data_stream ? "source data stream" : "XCCDF benchmark";
    report["benchmark"] = benchmark_json(content);
  }
  if (json != nullptr) {
    json->push_back(std::move(report));
    return true;
  }
  out << input::printable(path) << ": " << report["kind"].get<std::string>() << '\n';
  print_benchmark(out, report["benchmark"]);
  if (report.contains("results")) print_results(out, report["results"]);
  return true;
}

}  // namespace scapc::cli
