#include "profiles.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace scapc::compiler::detail {
namespace {

struct ProfileSpec {
  std::string name;      // id part
  std::string selector;  // Values with a selector of this name are refined to it
  std::string title;
  std::string description;
  std::function<bool(const controls::Control&)> member;
};

std::string framework_title(const std::string& framework) {
  if (framework == "DISA") return "DISA STIG";
  if (framework == "CIS") return "CIS Microsoft Exchange Server Benchmark";
  if (framework == "BSI") return "BSI IT-Grundschutz (APP.5.2)";
  if (framework == "NIS2") return "NIS2 Directive";
  if (framework == "ISM") return "Australian ISM";
  if (framework == "ANSSI") return "ANSSI recommendations";
  if (framework == "CISA") return "CISA guidance";
  return framework;
}

xccdf::Profile make_profile(const ProfileSpec& spec, const controls::Catalog& catalog, const XccdfIds& ids) {
  xccdf::Profile profile;
  profile.id = ids.profile(spec.name);
  profile.title = spec.title;
  profile.description = {spec.description};
  std::set<std::string> refined;
  for (const auto& control : catalog.controls) {
    const bool member = spec.member(control);
    // Every rule is listed, so the profile means the same whatever the rules' defaults are.
    profile.selects.push_back({ids.rule(control), member});
    if (!member) continue;
    for (const auto& value : control.values) {
      for (const auto& [selector, setting] : value.selectors) {
        if (slug(selector) == spec.selector && refined.insert(value.id).second) {
          profile.refine_values.push_back({ids.value(value.id), selector});
        }
      }
    }
  }
  return profile;
}

}  // namespace

std::vector<xccdf::Profile> build_profiles(const controls::Catalog& catalog, const XccdfIds& ids) {
  std::vector<ProfileSpec> specs;
  specs.push_back({"all", "all", "All controls", "Every control of the catalog, at its default values.",
                   [](const controls::Control&) { return true; }});

  std::set<std::string> frameworks;
  for (const auto& control : catalog.controls) frameworks.insert(control.frameworks.begin(), control.frameworks.end());
  for (const auto& framework : frameworks) {
    specs.push_back({"framework_" + slug(framework), slug(framework), framework_title(framework),
                     "Controls that implement " + framework_title(framework) + " requirements.",
                     [framework](const controls::Control& c) {
                       return std::find(c.frameworks.begin(), c.frameworks.end(), framework) != c.frameworks.end();
                     }});
  }
  for (const auto& [role, title] : {std::pair<std::string, std::string>{"Mailbox", "Exchange Mailbox servers"},
                                    {"Edge", "Exchange Edge Transport servers"}}) {
    specs.push_back({"role_" + slug(role), slug(role), title, "Controls that apply to " + title + ".",
                     [role = role](const controls::Control& c) {
                       return std::find(c.roles.begin(), c.roles.end(), role) != c.roles.end();
                     }});
  }
  for (const auto& [severity, title] :
       {std::pair<controls::Severity, std::string>{controls::Severity::High, "High severity (CAT I)"},
        {controls::Severity::Medium, "Medium severity (CAT II)"},
        {controls::Severity::Low, "Low severity (CAT III)"}}) {
    specs.push_back({"severity_" + slug(controls::to_string(severity)), slug(controls::to_string(severity)), title,
                     "Controls whose severity is " + std::string(controls::to_string(severity)) + ".",
                     [severity = severity](const controls::Control& c) { return c.severity == severity; }});
  }

  // One profile per DISA STIG compiled in, holding that STIG's rules.
  std::map<std::string, std::string> stigs;  // benchmark id -> title
  for (const auto& control : catalog.controls) {
    if (control.from_stig)
      stigs.emplace(control.stig_rules.front().benchmark_id, control.stig_rules.front().benchmark_title);
  }
  for (const auto& [id, title] : stigs) {
    const auto name = title.empty() ? id : title;
    specs.push_back(
        {"stig_" + slug(id), slug(id), name, "Rules of " + name + ", automated where the check text allows.",
         [id = id](const controls::Control& c) { return c.from_stig && c.stig_rules.front().benchmark_id == id; }});
  }

  std::vector<xccdf::Profile> profiles;
  profiles.reserve(specs.size());
  for (const auto& spec : specs) profiles.push_back(make_profile(spec, catalog, ids));
  return profiles;
}

}  // namespace scapc::compiler::detail
