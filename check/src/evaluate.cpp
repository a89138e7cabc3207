// One host through the benchmark (IR 7275r4 §7.2.3): walk the selected items in document order,
// test platforms, pick and run each rule's check, and score. OVAL components are analysed once per
// host with the values every selected rule exports, as oscap does; a rule whose exports disagree
// with another's gets an analysis of its own.
#include <scapc/answers.h>
#include <scapc/check.h>
#include <scapc/waivers.h>
#include <scapc/xml_namespaces.h>
#include <scapc/xml_time.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "check_results.h"
#include "evidence.h"

namespace scapc::check {
namespace {

using xccdf::RuleResult;
using xccdf::loaded::Check;
using xccdf::loaded::CheckExpression;
using xccdf::loaded::Item;
using xccdf::loaded::PlatformTest;
using Variables = std::map<std::string, std::vector<std::string>>;

bool is_oval(const std::string& system) {
  return system == xccdf::kOvalSystem;
}
bool is_ocil(const std::string& system) {
  return system == xccdf::kOcilSystem || system == std::string_view(ns::kOcil);
}

// Three-valued: a platform whose check could not be evaluated neither applies nor fails to.
enum class Applicability { No, Undetermined, Yes };
Applicability and_applies(Applicability a, Applicability b) {
  return std::min(a, b);
}
Applicability or_applies(Applicability a, Applicability b) {
  return std::max(a, b);
}

struct Part {
  RuleResult result = RuleResult::NotChecked;
  CheckReference reference;
  std::vector<std::string> messages;
  bool organization_wide = false;  // an OVAL check that read organisation-wide data only
};

// One analysis of an OVAL component with one set of exported values.
struct ComponentAnalysis {
  std::shared_ptr<const oval::SystemCharacteristics> system;
  oval::Analysis analysis;
};

class HostEvaluator {
 public:
  HostEvaluator(const Content& content, const xccdf::loaded::Evaluation& evaluation, const Host& host,
                const EvaluateOptions& options, HostResult& out)
      : content_(content), evaluation_(evaluation), host_(host), options_(options), out_(out) {
    if (options.answers != nullptr) answer_sets_ = answers_for(*options.answers, host);
  }

  void run() {
    out_.start_time = options_.timestamp.empty() ? xml::date_time_now() : options_.timestamp;
    out_.warnings = host_.warnings;
    gather_exports(content_.benchmark.items, true);
    xccdf::ScoreNode root;
    items(content_.benchmark.items, true, platforms_apply(content_.benchmark.platforms), root);
    out_.scores = xccdf::score(root);
    if (!content_.benchmark.scoring_models.empty()) {
      std::erase_if(out_.scores, [this](const xccdf::Score& score) {
        const auto& models = content_.benchmark.scoring_models;
        return std::find(models.begin(), models.end(), score.system) == models.end();
      });
    }
    warn_if_nothing_applies();
    if (options_.oval_reports) report_oval();
    out_.end_time = options_.timestamp.empty() ? xml::date_time_now() : options_.timestamp;
  }

 private:
  [[nodiscard]] const xccdf::loaded::ItemSettings& settings(const std::string& id) const {
    return evaluation_.items.at(id);
  }

  [[nodiscard]] bool rule_selected(const Item& item, bool parent_selected) const {
    return parent_selected && settings(item.id).selected &&
           (options_.rules.empty() || options_.rules.contains(item.id));
  }

  // Check selection (§7.2.3.5.1): checks whose selector is the refined one, else the unnamed ones;
  // the first in a supported system.
  [[nodiscard]] const Check* selected_check(const Item& item) const {
    const auto& selector = settings(item.id).selector;
    for (const auto* wanted : {&selector, &kNoSelector}) {
      bool any = false;
      for (const auto& check : item.rule.checks) {
        if (check.selector != *wanted) continue;
        any = true;
        if (is_oval(check.system) || is_ocil(check.system)) return &check;
      }
      if (any) return nullptr;
    }
    return nullptr;
  }

  // The values every selected rule exports, per OVAL component: the first rule to export a name
  // decides its value for the shared analysis.
  void gather_exports(const std::vector<Item>& items, bool parent_selected) {
    for (const auto& item : items) {
      if (item.kind == Item::Kind::Group) {
        gather_exports(item.children, parent_selected && settings(item.id).selected);
        continue;
      }
      if (!rule_selected(item, parent_selected)) continue;
      if (item.rule.complex_check) {
        gather_exports(*item.rule.complex_check);
      } else if (const auto* check = selected_check(item)) {
        gather_exports(*check);
      }
    }
  }
  void gather_exports(const CheckExpression& expression) {
    if (!expression.complex) gather_exports(expression.check);
    for (const auto& child : expression.children) gather_exports(child);
  }
  void gather_exports(const Check& check) {
    if (const auto* component = oval_component(check)) {
      Variables variables;
      if (bind(check, variables, nullptr)) {
        auto& shared = shared_variables_[component->key];
        for (auto& [name, values] : variables) shared.emplace(name, std::move(values));
      }
    }
    share_exports(check);
  }

  // A check's exports also reach the OVAL variables its rule's platform reads (a site's
  // declarations): they are bound in every OVAL component that declares them, the CPE dictionary's
  // included, whether the check is OVAL or of another system (OCIL).
  void share_exports(const Check& check) {
    for (const auto& exported : check.exports) {
      const auto value = evaluation_.values.find(exported.value_id);
      if (value == evaluation_.values.end()) continue;
      const auto bind_into = [&](const OvalComponent& component) {
        if (oval::has_external_variable(*component.definitions, exported.export_name))
          shared_variables_[component.key].emplace(exported.export_name, std::vector<std::string>{value->second});
      };
      for (const auto& [href, component] : content_.oval) bind_into(component);
      for (const auto& [name, check_of_cpe] : content_.cpe_checks) bind_into(check_of_cpe.oval);
    }
  }

  // The first check-content-ref whose href names an OVAL component of the content.
  [[nodiscard]] const xccdf::loaded::ContentRef* oval_ref(const Check& check) const {
    if (!is_oval(check.system)) return nullptr;
    for (const auto& ref : check.content_refs) {
      if (content_.oval.contains(ref.href)) return &ref;
    }
    return nullptr;
  }

  [[nodiscard]] const OvalComponent* oval_component(const Check& check) const {
    const auto* ref = oval_ref(check);
    return ref == nullptr ? nullptr : &content_.oval.at(ref->href);
  }

  // check-export: the Value in effect becomes the external variable's value.
  bool bind(const Check& check, Variables& out, std::vector<std::string>* messages) const {
    for (const auto& exported : check.exports) {
      const auto value = evaluation_.values.find(exported.value_id);
      if (value == evaluation_.values.end()) {
        if (messages != nullptr)
          messages->push_back("check-export names Value " + exported.value_id + ", which has no value");
        return false;
      }
      out[exported.export_name] = {value->second};
    }
    return true;
  }

  ComponentAnalysis& analysis(const OvalComponent& component, const Variables& variables) {
    auto& shared = shared_variables_[component.key];
    const bool agrees = std::all_of(variables.begin(), variables.end(), [&shared](const auto& entry) {
      const auto found = shared.find(entry.first);
      return found != shared.end() && found->second == entry.second;
    });
    const Variables& used = agrees ? shared : variables;
    std::string key = component.key;
    if (!agrees) {
      for (const auto& [name, values] : variables) {
        key += "\n" + name;
        for (const auto& value : values) key += "=" + value;
      }
    }
    auto found = runs_.find(key);
    if (found != runs_.end()) return found->second;
    ComponentAnalysis& run = runs_[key];
    if (agrees) run_order_.push_back(key);
    run.system = host_.system
                     ? host_.system
                     : oval::collect_cmdlets(*component.definitions, host_.output, used, host_.host_name, host_.failed);
    run.analysis = oval::analyse(*component.definitions, *run.system, used);
    run_components_[key] = &component;
    return run;
  }

  void items(const std::vector<Item>& list, bool parent_selected, Applicability parent_applicable,
             xccdf::ScoreNode& parent) {
    for (const auto& item : list) {
      if (item.kind == Item::Kind::Group) {
        xccdf::ScoreNode node;
        node.selected = parent_selected && settings(item.id).selected;
        node.weight = settings(item.id).weight;
        const auto applicable =
            node.selected ? and_applies(parent_applicable, platforms_apply(item.platforms)) : parent_applicable;
        items(item.children, node.selected, applicable, node);
        parent.children.push_back(std::move(node));
      } else {
        rule(item, parent_selected, parent_applicable, parent);
      }
    }
  }

  void rule(const Item& item, bool parent_selected, Applicability parent_applicable, xccdf::ScoreNode& parent) {
    const auto& effective = settings(item.id);
    RuleOutcome outcome;
    outcome.rule_id = item.id;
    outcome.weight = effective.weight;
    outcome.severity = effective.severity;
    outcome.role = effective.role;
    outcome.version = item.rule.version;
    xccdf::ScoreNode node;
    node.rule = true;
    node.weight = effective.weight;
    node.selected = rule_selected(item, parent_selected);

    std::vector<Part> parts;
    const auto own = node.selected ? platforms_apply(item.platforms) : Applicability::No;
    const auto applicable = node.selected ? and_applies(parent_applicable, own) : Applicability::No;
    if (node.selected && !item.platforms.empty()) {
      ++with_platform_;
      if (own == Applicability::No) {
        not_applying_.insert(item.platforms.begin(), item.platforms.end());
        ++not_applicable_;
      }
    }
    if (!node.selected) {
      parts.push_back({RuleResult::NotSelected, {}, {}});
    } else if (applicable == Applicability::No) {
      parts.push_back({RuleResult::NotApplicable, {}, {"the target is not one of the rule's platforms"}});
    } else if (applicable == Applicability::Undetermined) {
      std::vector<std::string> why{
          "whether the rule's platform applies could not be determined (its applicability check is unknown or error)"};
      why_undetermined(item.platforms, why);
      parts.push_back({RuleResult::Unknown, {}, std::move(why)});
    } else if (effective.role == "unchecked") {
      parts.push_back({RuleResult::NotChecked, {}, {"the rule's role is unchecked"}});
    } else if (item.rule.complex_check) {
      parts.push_back(expression(*item.rule.complex_check));
    } else if (const auto* check = selected_check(item)) {
      parts = this->check(*check);
    } else {
      parts.push_back({RuleResult::NotChecked, {}, {"no check in a system this checker evaluates (OVAL, OCIL)"}});
    }

    const bool evaluated = !parts.front().reference.system.empty();
    // Results without an evaluation still name the check they would have run, as oscap's do.
    const auto* unrun = parts.front().reference.system.empty() ? selected_check(item) : nullptr;
    if (unrun != nullptr && !unrun->content_refs.empty()) {
      const auto& ref = unrun->content_refs.front();
      parts.front().reference = {unrun->system, ref.href, ref.name, unrun->negate, unrun->multi_check, unrun->exports};
    }
    for (auto& part : parts) {
      RuleOutcome result = outcome;
      result.result = part.result;
      if (!part.reference.system.empty()) result.checks.push_back(part.reference);
      result.messages = std::move(part.messages);
      result.organization_wide = part.organization_wide;
      // An unchecked rule is not answered either; an unscored one's answer is informational.
      if (effective.role != "unchecked") apply_answers(answer_sets_, content_.benchmark, item, evaluated, result);
      if (effective.role == "unscored" && result.result != RuleResult::NotSelected &&
          result.result != RuleResult::NotApplicable && result.result != RuleResult::NotChecked) {
        result.result = RuleResult::Informational;
      }
      if (options_.waivers != nullptr) apply_waivers(*options_.waivers, item, host_, result);
      node.results.push_back(result.result);
      out_.rules.push_back(std::move(result));
    }
    parent.children.push_back(std::move(node));
  }

  Part expression(const CheckExpression& expression) {
    if (!expression.complex) {
      auto parts = check(expression.check);
      Part combined = parts.front();
      for (std::size_t i = 1; i < parts.size(); ++i) {
        combined.result = both(combined.result, parts[i].result);
        combined.messages.insert(combined.messages.end(), parts[i].messages.begin(), parts[i].messages.end());
        combined.organization_wide = combined.organization_wide && parts[i].organization_wide;
      }
      combined.reference.multi_check = false;
      return combined;
    }
    Part out;
    bool first = true;
    for (const auto& child : expression.children) {
      auto part = this->expression(child);
      out.result = first ? part.result
                         : (expression.and_operator ? both(out.result, part.result) : either(out.result, part.result));
      out.organization_wide = (first || out.organization_wide) && part.organization_wide;
      first = false;
      if (out.reference.system.empty()) out.reference = part.reference;
      out.messages.insert(out.messages.end(), part.messages.begin(), part.messages.end());
    }
    out.result = negated(out.result, expression.negate);
    return out;
  }

  std::vector<Part> check(const Check& check) {
    if (is_ocil(check.system)) return {ocil(check)};
    const auto* ref = oval_ref(check);
    if (ref == nullptr) {
      std::string hrefs;
      for (const auto& ref : check.content_refs) hrefs += (hrefs.empty() ? "" : ", ") + ref.href;
      return {{RuleResult::NotChecked, {}, {"no OVAL content found for " + (hrefs.empty() ? "the check" : hrefs)}}};
    }
    const auto* component = &content_.oval.at(ref->href);
    CheckReference reference{check.system, ref->href, ref->name, check.negate, check.multi_check, check.exports};
    Variables variables;
    std::vector<std::string> messages;
    if (!bind(check, variables, &messages)) return {{RuleResult::Unknown, reference, messages}};
    ComponentAnalysis& run = analysis(*component, variables);

    std::vector<std::string> names;
    if (!ref->name.empty()) {
      names.push_back(ref->name);
    } else {
      names = oval::definition_ids(*component->definitions);
    }
    std::vector<Part> parts;
    for (const auto& name : names) {
      Part part{RuleResult::Error, reference, {}};
      part.reference.name = name;
      const auto found = run.analysis.definitions.find(name);
      if (found == run.analysis.definitions.end()) {
        part.messages.push_back("OVAL definition " + name + " is not in " + ref->href);
      } else {
        part.result =
            negated(from_oval(found->second, oval::definition_class(*component->definitions, name)), check.negate);
        auto evidence = definition_evidence(*component->definitions, *run.system, run.analysis, name, host_);
        part.messages = std::move(evidence.lines);
        part.organization_wide = evidence.organization_wide;
      }
      parts.push_back(std::move(part));
    }
    if (parts.empty()) return {{RuleResult::NotChecked, reference, {ref->href + " has no definitions"}}};
    if (check.multi_check && ref->name.empty()) return parts;
    Part all = parts.front();
    all.reference.name = ref->name;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      all.result = both(all.result, parts[i].result);
      all.messages.insert(all.messages.end(), parts[i].messages.begin(), parts[i].messages.end());
      all.organization_wide = all.organization_wide && parts[i].organization_wide;
    }
    return {all};
  }

  [[nodiscard]] Part ocil(const Check& check) const {
    for (const auto& ref : check.content_refs) {
      if (!content_.ocil.contains(ref.href)) continue;
      Part part{RuleResult::NotChecked, {check.system, ref.href, ref.name, check.negate, false, {}}, {}};
      const auto answer = options_.ocil_answers.find(ref.name);
      if (answer == options_.ocil_answers.end() || !parse_result(answer->second, part.result)) {
        part.messages.push_back("questionnaire " + ref.name + " is answered by a person (give --ocil-results)");
        return part;
      }
      part.result = negated(part.result, check.negate);
      part.messages.push_back("questionnaire " + ref.name + " answered " + answer->second + " in the OCIL results");
      return part;
    }
    return {RuleResult::NotChecked, {}, {"no OCIL questionnaire found for the check"}};
  }

  // Content for a role or version the host does not have: every selected rule that names a
  // platform is not applicable. One warning says so, naming the platforms.
  void warn_if_nothing_applies() {
    if (with_platform_ == 0 || not_applicable_ < with_platform_) return;
    std::string names;
    std::set<std::string> seen;
    for (const auto& idref : not_applying_) {
      const auto test = !idref.empty() && idref.front() == '#' ? content_.benchmark.platform_tests.find(idref.substr(1))
                                                               : content_.benchmark.platform_tests.end();
      const auto name =
          test != content_.benchmark.platform_tests.end() && !test->second.title.empty() ? test->second.title : idref;
      if (!seen.insert(name).second) continue;
      if (seen.size() > 3) {
        names += "; …";
        break;
      }
      names += (names.empty() ? "" : "; ") + name;
    }
    const bool no_dictionary = content_.cpe_checks.empty() && !content_.data_stream;
    out_.warnings.push_back("none of the " + std::to_string(with_platform_) +
                            " selected rules with a platform applies to this host, which is not what they are "
                            "written for (" +
                            names + "): check the content and profile against the server's role and version" +
                            (no_dictionary ? ", and give the CPE dictionary that checks the platforms (--cpe)" : ""));
  }

  // An item applies when any of its platforms matches (no platforms: everywhere).
  Applicability platforms_apply(const std::vector<std::string>& platforms) {
    if (platforms.empty()) return Applicability::Yes;
    auto result = Applicability::No;
    for (const auto& idref : platforms) result = or_applies(result, platform(idref));
    return result;
  }

  Applicability platform(const std::string& idref) {
    const auto cached = platform_cache_.find(idref);
    if (cached != platform_cache_.end()) return cached->second;
    auto result = Applicability::No;
    if (!idref.empty() && idref.front() == '#') {
      const auto test = content_.benchmark.platform_tests.find(idref.substr(1));
      if (test == content_.benchmark.platform_tests.end()) {
        out_.warnings.push_back("platform " + idref + " is not defined in the benchmark; treated as not matching");
      } else {
        result = platform(test->second);
      }
    } else {
      result = cpe_name(idref);
    }
    return platform_cache_[idref] = result;
  }

  Applicability platform(const PlatformTest& test) {
    switch (test.kind) {
      case PlatformTest::Kind::FactRef:
        return cpe_name(test.name);
      case PlatformTest::Kind::CheckFactRef: {
        const auto component = content_.oval.find(test.href);
        if (component == content_.oval.end()) {
          out_.warnings.push_back("platform check " + test.href + " is not in the content; treated as not matching");
          return Applicability::No;
        }
        return definition_applies(component->second, test.definition);
      }
      case PlatformTest::Kind::Logical:
        break;
    }
    if (test.children.empty()) return Applicability::No;
    auto result = test.and_operator ? Applicability::Yes : Applicability::No;
    for (const auto& child : test.children) {
      const auto value = platform(child);
      result = test.and_operator ? and_applies(result, value) : or_applies(result, value);
    }
    if (!test.negate || result == Applicability::Undetermined) return result;
    return result == Applicability::Yes ? Applicability::No : Applicability::Yes;
  }

  // A CPE name the dictionary does not check never matches, as in oscap.
  Applicability cpe_name(const std::string& name) {
    const auto check = content_.cpe_checks.find(name);
    if (check == content_.cpe_checks.end()) {
      if (unchecked_cpes_.insert(name).second)
        out_.warnings.push_back("CPE " + name + " has no check in the content's dictionary; treated as not matching");
      return Applicability::No;
    }
    return definition_applies(check->second.oval, check->second.definition);
  }

  // Unlike oscap, which treats an unknown platform as not applicable, data that was never collected
  // leaves applicability undetermined: a rule is not reported notapplicable on no evidence.
  Applicability definition_applies(const OvalComponent& component, const std::string& definition) {
    ComponentAnalysis& run = analysis(component, {});
    const auto found = run.analysis.definitions.find(definition);
    if (found == run.analysis.definitions.end()) return Applicability::No;
    if (found->second == oval::Result::True) return Applicability::Yes;
    if (found->second == oval::Result::False) return Applicability::No;
    auto& why = undetermined_why_[{component.key, definition}];
    if (why.empty())
      why = definition_evidence(*component.definitions, *run.system, run.analysis, definition, host_).lines;
    return Applicability::Undetermined;
  }

  // The evidence of the platform checks that left these platforms undetermined (a cmdlet that
  // failed, and the reason the collector recorded), each check's once.
  void why_undetermined(const std::vector<std::string>& platforms, std::vector<std::string>& out) {
    std::set<std::pair<std::string, std::string>> seen;
    const auto add = [&](const std::string& key, const std::string& definition) {
      const auto found = undetermined_why_.find({key, definition});
      if (found == undetermined_why_.end() || !seen.insert(found->first).second) return;
      out.insert(out.end(), found->second.begin(), found->second.end());
    };
    const auto cpe = [&](const std::string& name) {
      if (const auto check = content_.cpe_checks.find(name); check != content_.cpe_checks.end())
        add(check->second.oval.key, check->second.definition);
    };
    std::function<void(const PlatformTest&)> walk = [&](const PlatformTest& test) {
      if (test.kind == PlatformTest::Kind::FactRef) cpe(test.name);
      if (test.kind == PlatformTest::Kind::CheckFactRef) {
        if (const auto component = content_.oval.find(test.href); component != content_.oval.end())
          add(component->second.key, test.definition);
      }
      for (const auto& child : test.children) walk(child);
    };
    for (const auto& idref : platforms) {
      if (idref.empty() || idref.front() != '#') {
        cpe(idref);
      } else if (const auto test = content_.benchmark.platform_tests.find(idref.substr(1));
                 test != content_.benchmark.platform_tests.end()) {
        walk(test->second);
      }
    }
  }

  // One OVAL results report per component analysed with the shared values, for ARF and
  // --oval-results. The last use of the analyses: they are moved into the reports.
  void report_oval() {
    for (const auto& key : run_order_) {
      ComponentAnalysis& run = runs_.at(key);
      const auto* component = run_components_.at(key);
      std::string href;
      for (const auto& [candidate, oval] : content_.oval) {
        if (oval.key == component->key) {
          href = candidate;
          break;
        }
      }
      out_.oval_reports.push_back(
          {href, component->key,
           oval::results_report(component->definitions, run.system, std::move(run.analysis), out_.start_time)});
    }
  }

  inline static const std::string kNoSelector;
  const Content& content_;
  const xccdf::loaded::Evaluation& evaluation_;
  const Host& host_;
  // Platform checks (component key, definition) that were neither true nor false, with their evidence.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> undetermined_why_;
  const EvaluateOptions& options_;
  std::vector<const AnswerSet*> answer_sets_;  // --answers for this host
  HostResult& out_;
  std::map<std::string, Variables> shared_variables_;
  std::map<std::string, ComponentAnalysis> runs_;
  std::vector<std::string> run_order_;
  std::map<std::string, const OvalComponent*> run_components_;
  std::map<std::string, Applicability> platform_cache_;
  std::size_t with_platform_ = 0;         // selected rules that name a platform
  std::size_t not_applicable_ = 0;        // of them, those whose platform does not match
  std::set<std::string> not_applying_;    // their platform idrefs
  std::set<std::string> unchecked_cpes_;  // CPE names already warned of
};

}  // namespace

HostResult evaluate(const Content& content, const xccdf::loaded::Evaluation& evaluation, const Host& host,
                    const EvaluateOptions& options) {
  HostResult out;
  HostEvaluator(content, evaluation, host, options, out).run();
  return out;
}

}  // namespace scapc::check
