#include <scapc/compiler.h>
#include <scapc/controls/placeholders.h>
#include <scapc/ds.h>
#include <scapc/pattern.h>

#include <algorithm>
#include <set>

#include "ids.h"
#include "oval_builder.h"
#include "oval_fields.h"
#include "platform_builder.h"
#include "profiles.h"

namespace scapc::compiler {
namespace {

using detail::XccdfIds;

constexpr const char* kProduct = "scapc";

bool is_ordered_number(controls::ValueType type) {
  return type == controls::ValueType::Int || type == controls::ValueType::TimeSpan ||
         type == controls::ValueType::Bytes;
}

// The site values a check compares with, and those that name what a Windows object reads (a
// folder's path).
void collect_value_refs(const controls::Check& check, std::set<std::string>& refs) {
  controls::for_each_condition(check, [&](const controls::Condition& condition) {
    if (!condition.value_ref.empty()) refs.insert(condition.value_ref);
  });
  controls::for_each_query(check, [&](const controls::Query& query) {
    for (const auto& entity : query.entities) {
      if (!entity.value_ref.empty()) refs.insert(entity.value_ref);
    }
  });
}

// Site values travel to OVAL as the items carry them: seconds and bytes, not Exchange's text.
xccdf::Value xccdf_value(const controls::SiteValue& value, const XccdfIds& ids) {
  using controls::ValueType;
  xccdf::Value out;
  out.id = ids.value(value.id);
  out.type = is_ordered_number(value.type) ? "number" : "string";
  out.title = value.title;
  if (value.type == ValueType::TimeSpan) out.title += " (seconds)";
  if (value.type == ValueType::Bytes) out.title += " (bytes)";
  out.description = {value.description};
  if (value.type == ValueType::TimeSpan || value.type == ValueType::Bytes) {
    out.description.push_back("The catalog's default is " + value.default_value.text + ".");
  }
  out.default_value = detail::oval_text(value.default_value);
  for (const auto& [selector, setting] : value.selectors) out.selectors[selector] = detail::oval_text(setting);
  if (value.lower_bound) out.lower_bound = detail::oval_text(*value.lower_bound);
  if (value.upper_bound) out.upper_bound = detail::oval_text(*value.upper_bound);
  for (const auto& choice : value.choices) out.choices.push_back(detail::oval_text(choice));
  if (value.type == ValueType::Boolean && out.choices.empty()) out.choices = {"true", "false"};
  return out;
}

// The script template with {{value}} placeholders as <sub> references to the Values.
std::vector<xccdf::TextPart> fix_content(const controls::Control& control, const XccdfIds& ids) {
  const auto& text = control.remediation.script_template;
  std::vector<xccdf::TextPart> parts;
  std::size_t position = 0;
  for (const auto& placeholder : controls::find_placeholders(text)) {
    parts.push_back({text.substr(position, placeholder.position - position), ""});
    const auto& name = placeholder.name;
    const auto* value = &*std::find_if(control.values.begin(), control.values.end(),
                                       [&](const controls::SiteValue& v) { return v.id == name; });
    // A bare number would be read as ticks by PowerShell's TimeSpan conversion.
    const bool seconds = value->type == controls::ValueType::TimeSpan;
    if (seconds) parts.push_back({"([TimeSpan]::FromSeconds(", ""});
    parts.push_back({"", ids.value(name)});
    if (seconds) parts.push_back({"))", ""});
    position = placeholder.position + placeholder.length;
  }
  parts.push_back({text.substr(position), ""});
  // oscap joins the fixes of a profile into one script: end each on its own line.
  if (!text.empty() && text.back() != '\n') parts.push_back({"\n", ""});
  return parts;
}

xccdf::Rule base_rule(const controls::Control& control, const XccdfIds& ids) {
  xccdf::Rule rule;
  rule.id = ids.rule(control);
  rule.weight = std::to_string(control.severity_weight) + ".0";
  rule.severity = control.severity == controls::Severity::High     ? "high"
                  : control.severity == controls::Severity::Medium ? "medium"
                                                                   : "low";
  rule.version = control.id;
  rule.title = control.title;
  rule.description = {control.description};
  if (!control.considerations.empty()) rule.description.push_back("Considerations: " + control.considerations);
  for (const auto& reference : control.references) rule.references.push_back({reference.url, reference.name});
  rule.fixtext = control.remediation.description;
  if (!control.remediation.script_template.empty()) {
    rule.fix = xccdf::Fix{"fix-" + detail::ncname_part(control.id), xccdf::kPowerShellFix, fix_content(control, ids)};
    if (!rule.fixtext.empty()) rule.fixtext_fixref = rule.fix->id;
  }
  // STIG rules: DISA's ids and weight, and the CCIs (and, for rules of their own, legacy ids).
  if (control.from_stig) {
    const auto& stig = control.stig_rules.front();
    rule.version = stig.stig_id;
    if (!stig.weight.empty()) rule.weight = stig.weight;
    if (stig.severity == "high" || stig.severity == "medium" || stig.severity == "low") rule.severity = stig.severity;
    if (!stig.discussion.empty()) rule.description = {stig.discussion};
    if (!stig.benchmark_id.empty()) {
      rule.stig = xccdf::StigRuleSource{stig.benchmark_id, stig.vuln_id, stig.check_id, stig.check_text, {}};
      for (const auto& [name, text] : stig.description_fields) {
        if (!text.empty()) rule.stig->fields[name] = text;
      }
    }
  }
  std::set<std::string> idents;
  if (!control.from_stig) {
    for (const auto& reference : control.stig_references) {
      if (reference.same_check && idents.insert(reference.vuln_id).second) {
        rule.idents.push_back({xccdf::kSameCheckIdent, reference.vuln_id});
      }
    }
  }
  for (const auto& stig : control.stig_rules) {
    for (const auto& cci : stig.ccis) {
      if (idents.insert(cci).second) rule.idents.push_back({"http://cyber.mil/cci", cci});
    }
    if (!control.from_stig) continue;
    for (const auto& legacy : stig.legacy_ids) {
      if (idents.insert(legacy).second) rule.idents.push_back({"http://cyber.mil/legacy", legacy});
    }
  }
  return rule;
}

// Paragraphs of a STIG text (blank lines separate them).
std::vector<std::string> paragraphs_of(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += (current.empty() ? "" : "\n") + line;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

ocil::Questionnaire questionnaire_for(const controls::Control& control, int number, const std::string& ns) {
  const auto id = [&](const char* kind) { return "ocil:" + ns + ":" + kind + ":" + std::to_string(number); };
  ocil::Questionnaire questionnaire;
  questionnaire.id = id("questionnaire");
  questionnaire.test_action_id = id("testaction");
  questionnaire.question_id = id("question");
  questionnaire.title = control.id + ": " + control.title;
  questionnaire.description = control.description;
  questionnaire.question = "Does the server meet this requirement: " + control.title + "?";
  if (control.from_stig) {
    // A person follows DISA's check text; each paragraph is a step.
    const auto& stig = control.stig_rules.front();
    questionnaire.title = stig.vuln_id + " " + stig.stig_id + ": " + control.title;
    questionnaire.question = "Following the check below, is the server free of this finding: " + control.title + "?";
    questionnaire.instructions = paragraphs_of(stig.check_text);
    if (!control.manual_reason.empty()) {
      questionnaire.instructions.push_back("Not checked automatically because " + control.manual_reason + ".");
    }
    return questionnaire;
  }
  if (!control.remediation.description.empty()) {
    questionnaire.instructions.push_back("If it does not, the fix is: " + control.remediation.description);
  }
  return questionnaire;
}

}  // namespace

std::string check_options(const Options& options) {
  static const input::Pattern reverse_dns(R"([A-Za-z0-9][A-Za-z0-9.-]*)");
  static const input::Pattern name(R"([A-Za-z0-9][A-Za-z0-9.-]*)");
  static const input::Pattern timestamp(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})");
  // Ids are built from these, so length comes first.
  for (const auto* option : {&options.id_namespace, &options.name, &options.timestamp}) {
    if (option->size() > 256) return "'" + option->substr(0, 40) + "...' is longer than 256 characters";
  }
  if (!reverse_dns.matches(options.id_namespace)) {
    return "id namespace '" + options.id_namespace + "' must be reverse DNS: letters, digits, '.', '-' (no '_')";
  }
  if (!name.matches(options.name)) {
    return "name '" + options.name + "' must be letters, digits, '.', '-'";
  }
  if (!timestamp.matches(options.timestamp)) {
    return "timestamp '" + options.timestamp + "' must be YYYY-MM-DDThh:mm:ss";
  }
  return {};
}

Result compile(const controls::Catalog& catalog, const Options& options) {
  Result result;
  auto& content = result.content;
  const XccdfIds ids{options.id_namespace};
  const auto oval_href = options.oval_href.empty() ? options.name + "-oval.xml" : options.oval_href;
  const auto ocil_href = options.ocil_href.empty() ? options.name + "-ocil.xml" : options.ocil_href;

  detail::Counter variable_ids("oval", options.id_namespace, "var");
  detail::VariableIds variables;
  for (const auto& control : catalog.controls) {
    for (const auto& value : control.values) {
      // A STIG rule that borrows a catalog control's check shares its site values.
      if (variables.contains(value.id)) continue;
      variables[value.id] = variable_ids.next();
      content.oval.variables.push_back({variables[value.id], detail::oval_datatype(value.type), value.title});
      content.benchmark.values.push_back(xccdf_value(value, ids));
    }
  }

  detail::OvalBuilder oval(content.oval, options.id_namespace, variables, variable_ids);
  detail::PlatformBuilder platform_builder(content.benchmark, content.cpe, content.oval, oval, variable_ids, ids,
                                           oval_href);
  std::map<std::string, std::size_t> group_of_category;
  int questionnaires = 0;
  for (const auto& control : catalog.controls) {
    auto rule = base_rule(control, ids);
    std::vector<xccdf::CheckExport> site_exports;
    if (control.verify && control.check) {
      xccdf::Check check{xccdf::kOvalSystem, {}, oval_href, oval.compliance(control)};
      std::set<std::string> refs;
      collect_value_refs(*control.check, refs);
      for (const auto& ref : refs) check.exports.push_back({ids.value(ref), variables.at(ref)});
      rule.platforms = platform_builder.platforms(control, oval.applicability(control), site_exports);
      check.exports.insert(check.exports.end(), site_exports.begin(), site_exports.end());
      rule.checks.push_back(std::move(check));
      for (auto& error : oval.take_errors()) result.errors.push_back(std::move(error));
    } else {
      // No machine check: a person answers; nothing is left out of the benchmark. The check still
      // exports the site's declarations its platform reads.
      content.ocil.questionnaires.push_back(questionnaire_for(control, ++questionnaires, options.id_namespace));
      rule.platforms = platform_builder.platforms(control, std::nullopt, site_exports);
      rule.checks.push_back({xccdf::kOcilSystem, site_exports, ocil_href, content.ocil.questionnaires.back().id});
      if (!control.verify) rule.role = "unscored";
    }
    // Catalog controls are grouped by category; STIG rules of their own by V-ID, as DISA does.
    const auto* stig = control.from_stig ? &control.stig_rules.front() : nullptr;
    const auto group_key = stig != nullptr ? "V:" + stig->vuln_id : "C:" + control.category;
    auto [entry, fresh] = group_of_category.emplace(group_key, content.benchmark.groups.size());
    if (fresh && stig != nullptr) {
      content.benchmark.groups.push_back({XccdfIds::stig_group(stig->vuln_id),
                                          true,
                                          stig->group_title.empty() ? stig->vuln_id : stig->group_title,
                                          {stig->vuln_id + " of " + stig->benchmark_title + "."},
                                          {}});
    } else if (fresh) {
      content.benchmark.groups.push_back({ids.group(control.category),
                                          true,
                                          control.category,
                                          {"Controls in the category " + control.category + "."},
                                          {}});
    }
    content.benchmark.groups[entry->second].rules.push_back(std::move(rule));
  }

  auto& benchmark = content.benchmark;
  for (const auto& stig : catalog.stigs) {
    benchmark.stigs.push_back({stig.id, stig.title, stig.description, stig.version, stig.release_info, stig.filename});
  }
  // Content made from one DISA STIG is that STIG's benchmark: DISA's id, version and release, so
  // that its results land on the STIG's revision (catalog controls beside it keep their own ids).
  const auto* only_stig =
      benchmark.stigs.size() == 1 && !benchmark.stigs.front().id.empty() ? &benchmark.stigs.front() : nullptr;
  benchmark.id = only_stig != nullptr ? XccdfIds::stig_benchmark(only_stig->id) : ids.benchmark(options.name);
  if (only_stig != nullptr) benchmark.release_info = only_stig->release_info;
  benchmark.status_date = options.timestamp.substr(0, 10);
  benchmark.title = !options.title.empty()                              ? options.title
                    : !catalog.title.empty()                            ? catalog.title
                    : only_stig != nullptr && !only_stig->title.empty() ? only_stig->title
                                                                        : "Microsoft Exchange Server security controls";
  benchmark.description = {catalog.description.empty()
                               ? "Compiled by scapc from " + std::to_string(catalog.controls.size()) + " controls."
                               : catalog.description};
  benchmark.version = !options.version.empty()                              ? options.version
                      : only_stig != nullptr && !only_stig->version.empty() ? only_stig->version
                      : !catalog.version.empty()                            ? catalog.version
                                                                            : "1.0";
  benchmark.version_time = options.timestamp;
  benchmark.metadata = {kProduct, kProduct, "scapc compiler " SCAPC_VERSION,
                        options.source.empty() ? "control catalog" : options.source};
  benchmark.profiles = detail::build_profiles(catalog, ids);

  content.oval.product_name = kProduct;
  content.oval.product_version = SCAPC_VERSION;
  content.oval.timestamp = options.timestamp;
  content.ocil.product_name = kProduct;
  content.ocil.product_version = SCAPC_VERSION;
  content.ocil.timestamp = options.timestamp;
  return result;
}

pugi::xml_document data_stream(const Content& content, const Options& options) {
  const auto xccdf = xccdf::to_document(content.benchmark);
  const auto oval = oval::to_document(content.oval);
  const auto ocil = ocil::to_document(content.ocil);
  const auto cpe = xccdf::cpe_dictionary(content.cpe);
  std::vector<ds::Component> components;
  if (content.has_cpe()) {
    components.push_back({ds::Component::Role::Dictionary,
                          options.cpe_name.empty() ? options.name + "-cpe-dictionary.xml" : options.cpe_name, &cpe});
  }
  components.push_back({ds::Component::Role::Checklist, options.name + "-xccdf.xml", &xccdf});
  if (content.has_oval()) {
    components.push_back({ds::Component::Role::Check,
                          options.oval_href.empty() ? options.name + "-oval.xml" : options.oval_href, &oval});
  }
  if (content.has_ocil()) {
    components.push_back({ds::Component::Role::Check,
                          options.ocil_href.empty() ? options.name + "-ocil.xml" : options.ocil_href, &ocil});
  }
  return ds::compose(components, {options.id_namespace, options.name, options.timestamp});
}

}  // namespace scapc::compiler
