// Profile resolution (IR 7275r4 §7.2.2): the benchmark's own settings, then each profile of the
// extends chain from the most general one down, each applying select, refine-rule, refine-value and
// set-value in that order, so a derived profile overrides what it inherits.
#include <scapc/input.h>
#include <scapc/xccdf_loaded.h>

#include <algorithm>
#include <set>

namespace scapc::xccdf::loaded {
namespace {

// "where: reason" when the place is known (profiles read from a file), the reason alone otherwise.
std::string located(const std::string& where, const std::string& reason) {
  return where.empty() ? reason : where + ": " + reason;
}

void collect_items(const std::vector<Item>& items, std::map<std::string, ItemSettings>& settings,
                   std::multimap<std::string, std::string>& clusters) {
  for (const auto& item : items) {
    ItemSettings& entry = settings[item.id];
    entry.selected = item.selected;
    entry.weight = item.weight;
    if (item.kind == Item::Kind::Rule) {
      entry.severity = item.rule.severity;
      entry.role = item.rule.role;
    }
    if (!item.cluster_id.empty()) clusters.emplace(item.cluster_id, item.id);
    collect_items(item.children, settings, clusters);
  }
}

// check-exports naming no Value: the rule's check would run without the value it depends on.
void check_exports(const Check& check, const std::string& rule_id, const Evaluation& evaluation,
                   std::vector<std::string>& warnings) {
  for (const auto& exported : check.exports) {
    if (!evaluation.values.contains(exported.value_id)) {
      warnings.push_back("Rule " + rule_id + ": check-export refers to no Value " + exported.value_id);
    }
  }
}

void check_exports(const CheckExpression& expression, const std::string& rule_id, const Evaluation& evaluation,
                   std::vector<std::string>& warnings) {
  if (!expression.complex) check_exports(expression.check, rule_id, evaluation, warnings);
  for (const auto& child : expression.children) check_exports(child, rule_id, evaluation, warnings);
}

void check_exports(const std::vector<Item>& items, const Evaluation& evaluation, std::vector<std::string>& warnings) {
  for (const auto& item : items) {
    for (const auto& check : item.rule.checks) check_exports(check, item.id, evaluation, warnings);
    if (item.rule.complex_check) check_exports(*item.rule.complex_check, item.id, evaluation, warnings);
    check_exports(item.children, evaluation, warnings);
  }
}

const Profile* find_profile(const Benchmark& benchmark, const std::vector<Profile>& tailoring, const std::string& id,
                            bool tailoring_first) {
  if (tailoring_first) {
    for (const auto& profile : tailoring) {
      if (profile.id == id) return &profile;
    }
  }
  for (const auto& profile : benchmark.profiles) {
    if (profile.id == id) return &profile;
  }
  return nullptr;
}

class Resolver {
 public:
  Resolver(const Benchmark& benchmark, Evaluation& out) : benchmark_(benchmark), out_(out) {
    collect_items(benchmark.items, out.items, clusters_);
    for (const auto& value : benchmark.values) {
      const auto found = value.values.find("");
      if (found != value.values.end()) {
        out.values[value.id] = found->second;
      } else if (!value.values.empty()) {
        out.values[value.id] = value.values.begin()->second;
      }
    }
  }

  void apply(const Profile& profile) {
    for (const auto& select : profile.selects) {
      for (auto* item : targets(profile, "select", select.idref)) item->selected = select.selected;
    }
    for (const auto& refine : profile.refine_rules) {
      for (auto* item : targets(profile, "refine-rule", refine.idref)) {
        if (refine.weight) item->weight = *refine.weight;
        if (refine.severity) item->severity = *refine.severity;
        if (refine.role) item->role = *refine.role;
        if (refine.selector) item->selector = *refine.selector;
      }
    }
    for (const auto& refine : profile.refine_values) refine_value(profile, refine);
    for (const auto& [idref, text] : profile.set_values) {
      if (!has_value(idref)) {
        out_.warnings.push_back("Profile " + profile.id + ": set-value refers to no Value " + idref);
        continue;
      }
      out_.values[idref] = text;
    }
  }

 private:
  std::vector<ItemSettings*> targets(const Profile& profile, const char* what, const std::string& idref) {
    std::vector<ItemSettings*> found;
    const auto item = out_.items.find(idref);
    if (item != out_.items.end()) {
      found.push_back(&item->second);
      return found;
    }
    const auto [first, last] = clusters_.equal_range(idref);
    for (auto it = first; it != last; ++it) found.push_back(&out_.items[it->second]);
    if (found.empty()) out_.warnings.push_back("Profile " + profile.id + ": " + what + " refers to no item " + idref);
    return found;
  }

  [[nodiscard]] bool has_value(const std::string& id) const {
    return std::any_of(benchmark_.values.begin(), benchmark_.values.end(),
                       [&id](const Value& value) { return value.id == id; });
  }

  void refine_value(const Profile& profile, const RefineValue& refine) {
    for (const auto& value : benchmark_.values) {
      if (value.id != refine.idref) continue;
      const auto selected = value.values.find(refine.selector);
      if (selected == value.values.end()) {
        out_.warnings.push_back("Profile " + profile.id + ": Value " + value.id + " has no selector '" +
                                refine.selector + "'; its default stays");
      } else {
        out_.values[value.id] = selected->second;
      }
      return;
    }
    out_.warnings.push_back("Profile " + profile.id + ": refine-value refers to no Value " + refine.idref);
  }

  const Benchmark& benchmark_;
  Evaluation& out_;
  std::multimap<std::string, std::string> clusters_;
};

// "; did you mean 'P'? profiles: A, B, …": the profiles there are, the likeliest first.
std::string profile_hint(const Benchmark& benchmark, const std::vector<Profile>& tailoring,
                         const std::string& profile_id) {
  std::vector<std::string> ids;
  for (const auto* list : {&tailoring, &benchmark.profiles}) {
    for (const auto& profile : *list) ids.push_back(profile.id);
  }
  if (ids.empty()) return "; it has no profiles (leave --profile out for the benchmark's defaults)";
  std::string hint;
  if (const auto likely = input::closest(profile_id, ids); !likely.empty()) hint = "; did you mean '" + likely + "'?";
  hint += " profiles: ";
  for (std::size_t i = 0; i < ids.size(); ++i) hint += (i == 0 ? "" : ", ") + ids[i];
  return hint;
}

}  // namespace

bool resolve(const Benchmark& benchmark, const std::vector<Profile>& tailoring, const std::string& profile_id,
             Evaluation& out, std::string& error) {
  out = Evaluation{};
  out.profile_id = profile_id;
  Resolver resolver(benchmark, out);
  check_exports(benchmark.items, out, out.warnings);
  if (profile_id.empty()) return true;

  // The chain from the requested profile up to its root; a tailoring profile may extend a
  // benchmark profile of the same id, so the lookup after the first step prefers the benchmark
  // when the id repeats.
  std::vector<const Profile*> chain;
  std::set<const Profile*> seen;
  const Profile* profile = find_profile(benchmark, tailoring, profile_id, true);
  if (profile == nullptr) {
    error = located(benchmark.where, "no profile '" + profile_id + "' in the benchmark" +
                                         (tailoring.empty() ? "" : " or the tailoring") +
                                         profile_hint(benchmark, tailoring, profile_id));
    return false;
  }
  while (profile != nullptr) {
    if (!seen.insert(profile).second) {
      error = located(profile->where, "Profile " + profile_id + ": extends forms a cycle through " + profile->id);
      return false;
    }
    chain.push_back(profile);
    if (profile->extends.empty()) break;
    const bool in_tailoring = profile >= tailoring.data() && profile < tailoring.data() + tailoring.size();
    const Profile* parent =
        find_profile(benchmark, tailoring, profile->extends, !(in_tailoring && profile->extends == profile->id));
    if (parent == nullptr) {
      error = located(profile->where,
                      "Profile " + profile->id + " extends '" + profile->extends + "', which does not exist");
      return false;
    }
    profile = parent;
  }
  std::reverse(chain.begin(), chain.end());
  for (const auto* step : chain) resolver.apply(*step);
  return true;
}

}  // namespace scapc::xccdf::loaded
