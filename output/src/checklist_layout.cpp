// Which STIGs lay out a checklist: those given (--stig), else those a benchmark compiled by scapc was
// made from, rebuilt from its metadata so that a checklist needs nothing but the content.
#include <scapc/checklist.h>

#include <array>
#include <cstdio>

namespace scapc::output {
namespace {

using xccdf::loaded::Item;

constexpr std::string_view kDisaRulePrefix = "xccdf_mil.disa.stig_rule_";

std::string weight_text(double weight) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.1f", weight);
  return text.data();
}

controls::StigRule stig_rule_of(const Item& rule, const Item* group, const xccdf::StigBenchmark& benchmark) {
  const auto& source = *rule.rule.stig;
  controls::StigRule out;
  out.benchmark_id = benchmark.id;
  out.benchmark_title = benchmark.title;
  out.vuln_id = source.vuln_id;
  // A rule with no DISA rule id (legacy STIG text) is named by its own id.
  const auto& id = rule.id;
  out.rule_id = id.rfind(kDisaRulePrefix, 0) == 0 ? id.substr(kDisaRulePrefix.size()) : id;
  out.stig_id = rule.rule.version;
  out.group_title = group != nullptr ? group->title : std::string();
  out.severity = rule.rule.severity;
  out.weight = weight_text(rule.weight);
  out.title = rule.title;
  out.discussion = rule.description;
  out.description_fields = source.fields;
  out.check_id = source.check_id;
  out.check_text = source.check_text;
  out.fix_text = rule.rule.fixtext;
  for (const auto& ident : rule.rule.idents) {
    if (ident.value.rfind("CCI-", 0) == 0) out.ccis.push_back(ident.value);
    if (ident.system == "http://cyber.mil/legacy") out.legacy_ids.push_back(ident.value);
  }
  return out;
}

void collect_rules(const std::vector<Item>& items, const Item* group, const xccdf::StigBenchmark& benchmark,
                   std::vector<controls::StigRule>& out) {
  for (const auto& item : items) {
    if (item.kind == Item::Kind::Group) {
      collect_rules(item.children, &item, benchmark, out);
    } else if (item.rule.stig && item.rule.stig->benchmark == benchmark.id) {
      out.push_back(stig_rule_of(item, group, benchmark));
    }
  }
}

}  // namespace

std::vector<stig::Benchmark> stigs_in_content(const xccdf::loaded::Benchmark& benchmark) {
  std::vector<stig::Benchmark> out;
  for (const auto& source : benchmark.stigs) {
    stig::Benchmark stig;
    stig.source = source.filename;
    stig.format = "scapc content";
    stig.id = source.id;
    stig.title = source.title;
    stig.description = source.description;
    stig.version = source.version;
    stig.release_info = source.release_info;
    collect_rules(benchmark.items, nullptr, source, stig.rules);
    if (!stig.rules.empty()) out.push_back(std::move(stig));
  }
  return out;
}

bool checklist_layout(const xccdf::loaded::Benchmark& benchmark, std::vector<stig::Benchmark> given,
                      const std::string& requested, ChecklistLayout& out, std::string& error) {
  out.stigs = given.empty() ? stigs_in_content(benchmark) : std::move(given);
  if (requested.empty()) {
    out.rules = out.stigs.empty() ? ChecklistRules::Benchmark : ChecklistRules::Stig;
  } else if (requested == "benchmark") {
    out.rules = ChecklistRules::Benchmark;
  } else if (requested == "stig" || requested == "both") {
    out.rules = requested == "stig" ? ChecklistRules::Stig : ChecklistRules::Both;
    if (out.stigs.empty()) {
      error = "--checklist " + requested + ": " + benchmark.id +
              " was not compiled from a DISA STIG; name the STIG with --stig, or use --checklist benchmark";
      return false;
    }
  } else {
    error = "--checklist: '" + requested + "' is none of stig, benchmark, both";
    return false;
  }
  return true;
}

}  // namespace scapc::output
