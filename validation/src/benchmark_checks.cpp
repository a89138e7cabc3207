// XCCDF Benchmark references the XSD leaves to schematron (IR 7275r4 §6.5.3, Table 22): what a
// Profile selects, refines or sets must exist, and be of the right kind. Holds for XCCDF 1.1 too.
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "checks.h"
#include "xml_tree.h"

namespace scapc::validation::detail {
namespace {

enum class ItemKind { Rule, Group, Value };

const char* kind_name(ItemKind kind) {
  switch (kind) {
    case ItemKind::Rule:
      return "Rule";
    case ItemKind::Group:
      return "Group";
    case ItemKind::Value:
      return "Value";
  }
  return "";
}

struct Items {
  std::unordered_map<std::string, ItemKind> by_id;
  // A cluster-id stands for every item carrying it (select, refine-rule and refine-value accept one).
  std::unordered_set<std::string> cluster_ids;
};

Items collect_items(const DescendantIndex& below, std::string_view uri) {
  Items items;
  const auto kinds = std::to_array<std::pair<std::string_view, ItemKind>>(
      {{"Rule", ItemKind::Rule}, {"Group", ItemKind::Group}, {"Value", ItemKind::Value}});
  for (const auto& [name, kind] : kinds) {
    for (const xmlNode* item : below.of(uri, name)) {
      items.by_id.emplace(attribute(item, "id"), kind);
      if (has_attribute(item, "cluster-id")) items.cluster_ids.insert(attribute(item, "cluster-id"));
    }
  }
  return items;
}

struct ProfileReference {
  std::string_view element;
  bool rule_or_group;  // otherwise a Value
  bool cluster_allowed;
};
constexpr auto kProfileReferences = std::to_array<ProfileReference>({
    {"select", true, true},
    {"refine-rule", true, true},
    {"refine-value", false, true},
    {"set-value", false, false},
});

void check_profile(const xmlNode* profile, std::string_view uri, const Items& items, const Findings& findings) {
  for (const ProfileReference& reference : kProfileReferences) {
    const std::string wanted = reference.rule_or_group ? "a Rule or Group" : "a Value";
    for (const xmlNode* node : children(profile, uri, reference.element)) {
      const std::string idref = attribute(node, "idref");
      const std::string where =
          "Profile '" + attribute(profile, "id") + "' " + std::string(reference.element) + " idref '" + idref + "'";
      const auto found = items.by_id.find(idref);
      if (found == items.by_id.end()) {
        if (reference.cluster_allowed && items.cluster_ids.contains(idref)) continue;
        findings.error(node, where + " names no " + (reference.rule_or_group ? "Rule or Group" : "Value") +
                                 (reference.cluster_allowed ? " (nor a cluster-id)" : "") + " in the Benchmark");
        continue;
      }
      const bool is_value = found->second == ItemKind::Value;
      if (is_value == reference.rule_or_group) {
        std::string message = where;
        message.append(" names a ").append(kind_name(found->second)).append("; ");
        message.append(reference.element).append(" needs ").append(wanted);
        findings.error(node, message);
      }
    }
  }
}

}  // namespace

void check_benchmark(const xmlNode* benchmark, const Findings& findings) {
  const std::string_view uri = namespace_uri(benchmark);
  const DescendantIndex below(benchmark);
  const Items items = collect_items(below, uri);
  for (const xmlNode* profile : children(benchmark, uri, "Profile")) check_profile(profile, uri, items, findings);

  // The XSD's valueIdKeyRef covers this whenever the Benchmark was validated.
  if (findings.xsd_checked_references) return;
  for (const xmlNode* item : below.of(uri, "check-export")) {
    const std::string value_id = attribute(item, "value-id");
    const auto found = items.by_id.find(value_id);
    if (found != items.by_id.end() && found->second == ItemKind::Value) continue;
    const xmlNode* rule = ancestor(item, uri, "Rule");
    findings.error(item, "check-export value-id '" + value_id + "'" +
                             (rule == nullptr ? std::string() : " of Rule '" + attribute(rule, "id") + "'") +
                             " names no Value in the Benchmark");
  }
}

}  // namespace scapc::validation::detail
