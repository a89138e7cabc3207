// Two releases of a STIG, rule by rule (matched by V-ID, DISA's identity across releases), and
// text differences as unified diffs for a person to read.
#include <scapc/input.h>
#include <scapc/stig.h>

#include <algorithm>
#include <map>

namespace scapc::stig {
namespace {

// A re-wrapped paragraph is not a change.
std::string normalised(std::string_view text) {
  return input::collapse_whitespace(text);
}

std::string cci_list(std::vector<std::string> ccis) {
  std::sort(ccis.begin(), ccis.end());
  std::string out;
  for (const auto& cci : ccis) out += normalised(cci) + " ";
  return out;
}

std::vector<std::string> differing_fields(const controls::StigRule& before, const controls::StigRule& after) {
  std::vector<std::string> out;
  const auto differ = [](const std::string& a, const std::string& b) { return normalised(a) != normalised(b); };
  if (differ(before.title, after.title)) out.emplace_back("title");
  if (differ(before.severity, after.severity)) out.emplace_back("severity");
  if (differ(before.check_text, after.check_text)) out.emplace_back("check");
  if (differ(before.fix_text, after.fix_text)) out.emplace_back("fix");
  if (differ(before.stig_id, after.stig_id)) out.emplace_back("ruleVersion");
  if (cci_list(before.ccis) != cci_list(after.ccis)) out.emplace_back("cci");
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = end + 1;
  }
  return out;
}

struct Edit {
  char kind;  // ' ', '-', '+'
  std::string_view line;
  std::size_t old_line;  // 1-based position in each text before this edit
  std::size_t new_line;
};

// A shortest edit script by the longest common subsequence of lines (texts are short).
std::vector<Edit> edits(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<std::vector<std::size_t>> common(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::vector<Edit> out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out.push_back({' ', a[i], i + 1, j + 1});
      ++i;
      ++j;
    } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
      out.push_back({'-', a[i], i + 1, j + 1});  // removals before additions, as diff prints them
      ++i;
    } else {
      out.push_back({'+', b[j], i + 1, j + 1});
      ++j;
    }
  }
  return out;
}

}  // namespace

ReleaseDiff diff_releases(const Benchmark& before, const Benchmark& after) {
  ReleaseDiff out;
  std::map<std::string, const controls::StigRule*> old_rules;
  for (const auto& rule : before.rules) old_rules.emplace(rule.vuln_id, &rule);
  std::map<std::string, const controls::StigRule*> new_rules;
  for (const auto& rule : after.rules) new_rules.emplace(rule.vuln_id, &rule);
  for (const auto& rule : after.rules) {
    const auto found = old_rules.find(rule.vuln_id);
    if (found == old_rules.end()) {
      out.added.push_back(&rule);
    } else if (auto fields = differing_fields(*found->second, rule); !fields.empty()) {
      out.changed.push_back({found->second, &rule, std::move(fields)});
    }
  }
  for (const auto& rule : before.rules) {
    if (!new_rules.contains(rule.vuln_id)) out.removed.push_back(&rule);
  }
  return out;
}

std::string unified_diff(std::string_view before, std::string_view after, const std::string& before_label,
                         const std::string& after_label) {
  constexpr std::size_t kContext = 3;
  const auto script = edits(lines_of(before), lines_of(after));
  std::string out;
  std::size_t at = 0;
  while (at < script.size()) {
    // The next change, and the hunk around it: changes closer than twice the context join it.
    while (at < script.size() && script[at].kind == ' ') ++at;
    if (at == script.size()) break;
    const std::size_t first = at >= kContext ? at - kContext : 0;
    std::size_t last = at;
    std::size_t quiet = 0;
    for (std::size_t k = at; k < script.size(); ++k) {
      if (script[k].kind == ' ') {
        if (++quiet > 2 * kContext) break;
      } else {
        quiet = 0;
        last = k;
      }
    }
    const std::size_t end = std::min(script.size(), last + 1 + kContext);
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    for (std::size_t k = first; k < end; ++k) {
      if (script[k].kind != '+') ++old_count;
      if (script[k].kind != '-') ++new_count;
    }
    if (out.empty()) out = "--- " + before_label + "\n+++ " + after_label + "\n";
    const auto start = [](std::size_t line, std::size_t count) { return count == 0 ? line - 1 : line; };
    out += "@@ -" + std::to_string(start(script[first].old_line, old_count)) + "," + std::to_string(old_count) + " +" +
           std::to_string(start(script[first].new_line, new_count)) + "," + std::to_string(new_count) + " @@\n";
    for (std::size_t k = first; k < end; ++k) {
      out += script[k].kind;
      out += script[k].line;
      out += '\n';
    }
    at = end;
  }
  return out;
}

}  // namespace scapc::stig
