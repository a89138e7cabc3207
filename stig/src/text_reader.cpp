// STIG rules as text: the STIG Viewer page layout ("Check Text ( C-… )", "Fix Text (F-…)") and the
// legacy layout (Title / Discussion / Check Content / Fix Text / Additional Identifiers).
#include <scapc/input.h>
#include <scapc/pattern.h>
#include <scapc/stig.h>

#include <array>
#include <fstream>
#include <map>
#include <span>
#include <sstream>

#include "text.h"

namespace scapc::stig {
namespace {

using detail::trim_copy;

// Lines between a heading and the next heading of `headings`.
std::map<std::string, std::string> sections(const std::vector<std::string>& lines,
                                            std::span<const input::Pattern> headings,
                                            const std::vector<std::string>& names) {
  std::map<std::string, std::string> out;
  std::string current;
  for (const auto& raw : lines) {
    const auto line = trim_copy(raw);
    bool heading = false;
    for (std::size_t i = 0; i < headings.size(); ++i) {
      input::Match match;
      if (headings[i].matches(line, match)) {
        current = names[i];
        out[current + "#"] = match.str(1);
        heading = true;
        break;
      }
    }
    if (!heading && !current.empty()) out[current] += raw + "\n";
  }
  for (auto& [name, text] : out) text = trim_copy(text);
  return out;
}

std::string severity_word(const std::string& text) {
  const auto lowered = detail::lower(text);
  if (lowered.find("cat iii") != std::string::npos || lowered == "low") return "low";
  if (lowered.find("cat ii") != std::string::npos || lowered == "medium") return "medium";
  if (lowered.find("cat i") != std::string::npos || lowered == "high") return "high";
  return "medium";
}

std::vector<std::string> ccis_in(const std::string& text) {
  static const input::Pattern cci(R"(CCI-\d{6})");
  std::vector<std::string> out;
  for (auto& found : cci.all(text)) {
    if (std::find(out.begin(), out.end(), found) == out.end()) out.push_back(std::move(found));
  }
  return out;
}

std::optional<Benchmark> read_page(const std::vector<std::string>& lines, const std::string& name,
                                   controls::Diagnostics& diagnostics) {
  static const std::array<input::Pattern, 6> headings{input::Pattern("Overview"),
                                                      input::Pattern("Description"),
                                                      input::Pattern("STIG Date"),
                                                      input::Pattern("Details"),
                                                      input::Pattern(R"(Check Text \(\s*(C-[^ )]+)\s*\))"),
                                                      input::Pattern(R"(Fix Text \(\s*(F-[^ )]+)\s*\))")};
  auto parts = sections(lines, headings, {"overview", "description", "date", "details", "check", "fix"});
  controls::StigRule rule;
  // The title is the last text line before "Overview".
  for (const auto& line : lines) {
    if (trim_copy(line) == "Overview") break;
    if (!trim_copy(line).empty()) rule.title = trim_copy(line);
  }
  static const input::Pattern ids(R"((V-\d+)\s+(\S+)\s+(SV-\S+_rule)\s+(.*))");
  input::Match match;
  const auto overview = parts["overview"];
  if (!ids.finds(overview, match)) {
    diagnostics.error(name, "", "STIG page text without a 'V-… STIG-ID SV-…_rule severity' line under Overview");
    return std::nullopt;
  }
  rule.vuln_id = match.str(1);
  rule.stig_id = match.str(2);
  rule.rule_id = match.str(3);
  const auto severity = trim_copy(match.str(4));
  rule.severity = severity_word(severity.substr(severity.rfind(' ') + 1));
  rule.weight = "10.0";
  rule.discussion = parts["description"];
  rule.check_id = parts["check#"];
  rule.check_text = parts["check"];
  rule.fix_id = parts["fix#"];
  rule.fix_text = parts["fix"];
  rule.ccis = ccis_in(parts["details"]);
  Benchmark benchmark;
  benchmark.source = name;
  benchmark.format = "STIG page text";
  static const input::Pattern dated(R"((.*?)\s+(\d{4}-\d{2}-\d{2})\s*$)");
  const auto date = parts["date"];
  if (dated.matches(date, match)) {
    benchmark.title = match.str(1);
    benchmark.status_date = match.str(2);
  } else {
    benchmark.title = parts["date"];
  }
  benchmark.id = rule.stig_id.substr(0, rule.stig_id.find('-')) + "_STIG_page";
  rule.benchmark_id = benchmark.id;
  rule.benchmark_title = benchmark.title;
  if (rule.check_text.empty()) diagnostics.error(name, "", "STIG page text without 'Check Text ( C-… )'");
  if (rule.check_text.empty()) return std::nullopt;
  benchmark.rules.push_back(std::move(rule));
  return benchmark;
}

std::optional<Benchmark> read_legacy(const std::vector<std::string>& lines, const std::string& name,
                                     controls::Diagnostics& diagnostics) {
  static const std::array<input::Pattern, 6> headings{
      input::Pattern(R"(Check: (.*))"), input::Pattern("Title"),    input::Pattern("Discussion"),
      input::Pattern("Check Content"),  input::Pattern("Fix Text"), input::Pattern("Additional Identifiers")};
  auto parts = sections(lines, headings, {"header", "title", "discussion", "check", "fix", "identifiers"});
  controls::StigRule rule;
  const auto header = parts["header#"];  // "EMG2-038 Exch2K3"
  rule.stig_id = header.substr(0, header.find(' '));
  rule.title = parts["title"];
  rule.discussion = parts["discussion"];
  rule.check_text = parts["check"];
  rule.fix_text = parts["fix"];
  rule.severity = severity_word(rule.title);
  rule.weight = "10.0";
  static const input::Pattern rule_id(R"(Rule ID:\s*(SV-\S+))");
  static const input::Pattern vuln_id(R"(Vulnerability ID:\s*(V-\d+))");
  static const input::Pattern group_title(R"(Group Title:[ \t]*([^\n]*))");
  input::Match match;
  const auto identifiers = parts["identifiers"];
  if (rule_id.finds(identifiers, match)) rule.rule_id = match.str(1);
  if (vuln_id.finds(identifiers, match)) rule.vuln_id = match.str(1);
  if (group_title.finds(identifiers, match)) rule.group_title = trim_copy(match.str(1));
  rule.ccis = ccis_in(identifiers);
  if (rule.stig_id.empty() || rule.check_text.empty() || rule.vuln_id.empty()) {
    diagnostics.error(name, "",
                      "legacy STIG text needs 'Check: <STIG ID>', 'Check Content' and 'Vulnerability ID: V-…'");
    return std::nullopt;
  }
  Benchmark benchmark;
  benchmark.source = name;
  benchmark.format = "legacy STIG text";
  // The product line follows the header: "Microsoft Exchange Server 2003:".
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (trim_copy(lines[i]).rfind("Check:", 0) == 0) {
      benchmark.title = trim_copy(lines[i + 1]);
      if (!benchmark.title.empty() && benchmark.title.back() == ':') benchmark.title.pop_back();
      break;
    }
  }
  benchmark.id = rule.stig_id.substr(0, rule.stig_id.find('-')) + "_legacy_STIG";
  rule.benchmark_id = benchmark.id;
  rule.benchmark_title = benchmark.title;
  benchmark.rules.push_back(std::move(rule));
  return benchmark;
}

}  // namespace

std::optional<Benchmark> read_text(std::string_view text, const std::string& name, controls::Diagnostics& diagnostics) {
  // The readers below match their patterns line by line; STIG text lines are far shorter.
  if (const auto longest = input::longest_line(text); longest.length > input::kMaxRegexSubject) {
    controls::Diagnostic diagnostic;
    diagnostic.file = name;
    diagnostic.line = static_cast<int>(longest.number);
    diagnostic.message = "a line of " + std::to_string(longest.length) + " characters is not STIG text (the limit is " +
                         std::to_string(input::kMaxRegexSubject) + ")";
    diagnostics.add(std::move(diagnostic));
    return std::nullopt;
  }
  // The text ends up in XCCDF, so it must be what XML can hold.
  if (const auto fault = input::find_text_fault(text, true); fault.offset != std::string_view::npos) {
    controls::Diagnostic diagnostic;
    diagnostic.file = name;
    detail::locate(text, fault.offset, diagnostic.line, diagnostic.column);
    diagnostic.message = fault.reason;
    diagnostics.add(std::move(diagnostic));
    return std::nullopt;
  }
  const auto lines = detail::split_lines(detail::normalize_newlines(text));
  const bool page = std::any_of(lines.begin(), lines.end(),
                                [](const std::string& l) { return trim_copy(l).rfind("Check Text (", 0) == 0; });
  const bool legacy =
      std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return trim_copy(l) == "Check Content"; });
  if (page) return read_page(lines, name, diagnostics);
  if (legacy) return read_legacy(lines, name, diagnostics);
  diagnostics.error(name, "", "not a STIG: no XCCDF Benchmark, no 'Check Text (C-…)' page, no 'Check Content' section");
  return std::nullopt;
}

std::optional<Benchmark> read(const std::filesystem::path& path, controls::Diagnostics& diagnostics) {
  std::string text;
  if (std::string error; !input::read_file(path, text, error)) {
    diagnostics.error(path.string(), "", error.substr(path.string().size() + 2));
    return std::nullopt;
  }
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && text[first] == '<') return read_xccdf_text(text, path.string(), diagnostics);
  return read_text(text, path.string(), diagnostics);
}

}  // namespace scapc::stig
