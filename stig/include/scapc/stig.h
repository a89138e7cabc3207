// DISA STIG content: readers for XCCDF benchmarks (1.1 and 1.2), STIG Viewer page text and legacy
// STIG text; synthesis of machine checks from check text; joining STIG rules with a catalog.
#pragma once

#include <scapc/controls.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scapc::stig {

struct Benchmark {
  std::string source;  // file it was read from
  std::string format;  // "XCCDF 1.1", "XCCDF 1.2", "STIG page text", "legacy STIG text"
  std::string id;
  std::string title;
  std::string description;
  std::string version;
  std::string release_info;  // "Release: 6 Benchmark Date: 30 Jan 2025"
  std::string status_date;
  std::vector<std::string> profiles;  // MAC/classification profile ids
  std::vector<controls::StigRule> rules;
};

// Any STIG input: XCCDF by its root element, otherwise text in one of the two text layouts.
std::optional<Benchmark> read(const std::filesystem::path& path, controls::Diagnostics& diagnostics);
std::optional<Benchmark> read_xccdf_text(std::string_view xml, const std::string& name,
                                         controls::Diagnostics& diagnostics);
std::optional<Benchmark> read_text(std::string_view text, const std::string& name, controls::Diagnostics& diagnostics);

// A machine check for a STIG rule, or the reason there is none.
struct Synthesis {
  std::optional<controls::Check> check;
  std::vector<controls::SiteValue> values;
  std::string reason;  // manual: why; automated: which patterns were recognised
  std::string note;    // automated: where the title says otherwise than the check text, which decides
};

Synthesis synthesize(const controls::StigRule& rule);

// The catalog with the STIG rules added, each as a control of its own decided by its own check text
// (automated when the text allows). A catalog control that references a rule by V-ID gets the rule's
// CCIs and is compared with it (Control::join_notes); its check is used for the rule only
// when the rule's text cannot be synthesized and the reference says "sameCheck". Mismatches between
// a reference's STIG ID and the STIG's are warnings.
controls::Catalog join(const controls::Catalog& catalog, const std::vector<Benchmark>& benchmarks,
                       controls::Diagnostics& diagnostics);

// Two releases of a STIG compared rule by rule, matched by V-ID. A rule changed when any of its
// title, severity, check text, fix text, STIG ID (ruleVersion) or CCIs differ once white space is
// normalised (runs as one space) and CCIs are sorted.
struct RuleChange {
  const controls::StigRule* before = nullptr;
  const controls::StigRule* after = nullptr;
  std::vector<std::string> fields;  // "title", "severity", "check", "fix", "ruleVersion", "cci"
};

struct ReleaseDiff {
  std::vector<const controls::StigRule*> added;    // in the new release's order
  std::vector<const controls::StigRule*> removed;  // in the old release's order
  std::vector<RuleChange> changed;                 // in the new release's order
  [[nodiscard]] bool same() const { return added.empty() && removed.empty() && changed.empty(); }
};

// Pointers into the two benchmarks, which must outlive the result.
ReleaseDiff diff_releases(const Benchmark& before, const Benchmark& after);

// The lines of two texts as a unified diff (three lines of context), "" when they are equal.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& before_label,
                         const std::string& after_label);

}  // namespace scapc::stig
