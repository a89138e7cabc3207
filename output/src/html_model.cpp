// What the HTML report derives from the benchmark beyond the run itself: each rule's framework and
// server-role tags (from which framework_/role_ profiles select it) and, per profile, the counts and
// default-model score its selection and weights give over this run's results.
#include <scapc/xccdf_scoring.h>
#include <scapc/xml_names.h>

#include <cctype>
#include <functional>

#include "html_parts.h"

namespace scapc::output::html {
namespace {

using xccdf::RuleResult;
using xccdf::loaded::Item;

constexpr std::string_view kFrameworkMarker = "_profile_framework_";
constexpr std::string_view kRoleMarker = "_profile_role_";

// The part of `id` after `marker`, usable as a space-separated token; empty when `id` has no marker.
std::string tag_key(const std::string& id, std::string_view marker) {
  const auto at = id.find(marker);
  if (at == std::string::npos) return {};
  std::string key = id.substr(at + marker.size());
  for (auto& c : key) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) c = '_';
  }
  return key;
}

const xccdf::loaded::ItemSettings* settings_of(const xccdf::loaded::Evaluation& evaluation, const std::string& id) {
  const auto found = evaluation.items.find(id);
  return found == evaluation.items.end() ? nullptr : &found->second;
}

bool selected_in(const xccdf::loaded::Evaluation& evaluation, const Item& item) {
  const auto* settings = settings_of(evaluation, item.id);
  return settings == nullptr ? item.selected : settings->selected;
}

double weight_in(const xccdf::loaded::Evaluation& evaluation, const Item& item) {
  const auto* settings = settings_of(evaluation, item.id);
  return settings == nullptr ? item.weight : settings->weight;
}

// Rules a profile selects: a group that is not selected deselects everything in it.
void for_each_selected_rule(const std::vector<Item>& items, const xccdf::loaded::Evaluation& evaluation,
                            bool parent_selected, const std::function<void(const Item&)>& visit) {
  for (const auto& item : items) {
    const bool selected = parent_selected && selected_in(evaluation, item);
    if (item.kind == Item::Kind::Group) {
      for_each_selected_rule(item.children, evaluation, selected, visit);
    } else if (selected) {
      visit(item);
    }
  }
}

// Each Rule's description element, by the rule's id.
void index_descriptions(const pugi::xml_node& parent, std::map<std::string, RuleInfo>& out) {
  for (const auto& child : parent.children()) {
    const auto name = xml::local_name(child);
    if (name == "Group") index_descriptions(child, out);
    if (name != "Rule") continue;
    const auto found = out.find(child.attribute("id").value());
    if (found != out.end()) found->second.description = xml::child(child, "description");
  }
}

// A rule's category is its STIG's title, else the title of the nearest group holding more than
// this one rule (DISA puts each rule in a group of its own), else the benchmark's title.
void index_rules(const std::vector<Item>& items, const std::string& category, const xccdf::loaded::Benchmark& benchmark,
                 std::map<std::string, RuleInfo>& out) {
  for (const auto& item : items) {
    if (item.kind == Item::Kind::Group) {
      const bool gathers = item.children.size() > 1 && !item.title.empty();
      index_rules(item.children, gathers ? item.title : category, benchmark, out);
      continue;
    }
    auto& info = out[item.id];
    info.item = &item;
    info.order = out.size();
    info.category = category;
    if (!item.rule.stig) continue;
    for (const auto& stig : benchmark.stigs) {
      if (stig.id == item.rule.stig->benchmark && !stig.title.empty()) info.category = stig.title;
    }
  }
}

// Adds `key` to the tags of every rule `profile` selects, and the tag to `tags`.
void tag_rules(const xccdf::loaded::Benchmark& benchmark, const ResolvedProfile& profile, const std::string& key,
               std::vector<Tag>& tags, std::vector<std::string> RuleInfo::*member,
               std::map<std::string, RuleInfo>& rules) {
  tags.push_back({key, profile.profile->title.empty() ? key : profile.profile->title});
  for_each_selected_rule(benchmark.items, profile.evaluation, true,
                         [&](const Item& rule) { (rules[rule.id].*member).push_back(key); });
}

bool counts_toward_score(RuleResult result) {
  return result == RuleResult::Pass || result == RuleResult::Fail || result == RuleResult::Error ||
         result == RuleResult::Unknown || result == RuleResult::Fixed;
}

bool evaluated(const std::vector<RuleResult>& results) {
  for (const auto result : results) {
    if (result != RuleResult::NotSelected) return true;
  }
  return false;
}

// The score tree as the profile sees the benchmark, holding only rules the run evaluated.
void score_items(const std::vector<Item>& items, const ResolvedProfile& profile, const ResultsByRule& results,
                 bool parent_selected, xccdf::ScoreNode& parent, ProfileSummary& summary) {
  for (const auto& item : items) {
    xccdf::ScoreNode node;
    node.rule = item.kind == Item::Kind::Rule;
    node.selected = parent_selected && selected_in(profile.evaluation, item);
    node.weight = weight_in(profile.evaluation, item);
    if (!node.rule) {
      score_items(item.children, profile, results, node.selected, node, summary);
    } else if (node.selected) {
      const auto found = results.find(item.id);
      if (found == results.end() || !evaluated(found->second)) {
        node.selected = false;
        ++summary.left_out;
      } else {
        node.results = found->second;
        ++summary.rules;
        for (const auto result : node.results) {
          ++summary.counts[result];
          if (counts_toward_score(result)) summary.score = 0;  // known to have a score, computed below
        }
      }
    }
    parent.children.push_back(std::move(node));
  }
}

}  // namespace

Model build_model(const check::Content& content) {
  const auto& benchmark = content.benchmark;
  Model model;
  index_rules(benchmark.items, benchmark.title.empty() ? benchmark.id : benchmark.title, benchmark, model.rules);
  index_descriptions(content.benchmark_node, model.rules);
  model.questions = ocil_questions(content);
  for (const auto& profile : benchmark.profiles) {
    ResolvedProfile resolved;
    resolved.profile = &profile;
    if (!xccdf::loaded::resolve(benchmark, {}, profile.id, resolved.evaluation, resolved.error)) {
      if (resolved.error.empty()) resolved.error = "the profile could not be resolved";
    }
    model.profiles.push_back(std::move(resolved));
  }
  for (const auto& resolved : model.profiles) {
    if (!resolved.error.empty()) continue;
    if (auto key = tag_key(resolved.profile->id, kFrameworkMarker); !key.empty()) {
      tag_rules(benchmark, resolved, key, model.frameworks, &RuleInfo::frameworks, model.rules);
    } else if (auto role = tag_key(resolved.profile->id, kRoleMarker); !role.empty()) {
      tag_rules(benchmark, resolved, role, model.roles, &RuleInfo::roles, model.rules);
    }
  }
  return model;
}

const xccdf::Score* default_score(const check::HostResult& result) {
  for (const auto& score : result.scores) {
    if (score.system == "urn:xccdf:scoring:default") return &score;
  }
  return nullptr;
}

ResultsByRule results_by_rule(const check::HostResult& result) {
  ResultsByRule out;
  for (const auto& rule : result.rules) out[rule.rule_id].push_back(rule.result);
  return out;
}

ProfileSummary summarize(const xccdf::loaded::Benchmark& benchmark, const ResolvedProfile& profile,
                         const ResultsByRule& results) {
  ProfileSummary summary;
  if (!profile.error.empty()) return summary;
  xccdf::ScoreNode root;
  score_items(benchmark.items, profile, results, true, root, summary);
  if (summary.score) {
    for (const auto& score : xccdf::score(root)) {
      if (score.system == "urn:xccdf:scoring:default") summary.score = score.value;
    }
  }
  return summary;
}

}  // namespace scapc::output::html
