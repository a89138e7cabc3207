// The report's rule table: one row per rule-result per host, with what the filters match on in
// data attributes and each rule's details (evidence, description, fix, check, identifiers) in a
// <details> of its own, so the table reads without script and prints with everything open.
#include <set>

#include "html_parts.h"

namespace scapc::output::html {
namespace {

using xccdf::RuleResult;

// Sort key for the result column: what needs attention first.
int concern_rank(RuleResult result) {
  switch (result) {
    case RuleResult::Fail:
      return 0;
    case RuleResult::Error:
      return 1;
    case RuleResult::Unknown:
      return 2;
    case RuleResult::NotChecked:
      return 3;
    case RuleResult::Informational:
      return 4;
    case RuleResult::NotApplicable:
      return 5;
    case RuleResult::Fixed:
      return 6;
    case RuleResult::Pass:
      return 7;
    case RuleResult::NotSelected:
      return 8;
  }
  return 9;
}

std::string attribute(std::string_view name, std::string_view value) {
  return std::string(name) + "=\"" + escape(value) + "\"";
}

std::string joined_keys(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& key : keys) out += (out.empty() ? "" : " ") + key;
  return out;
}

std::string tag_title(const std::vector<Tag>& tags, const std::string& key) {
  for (const auto& tag : tags) {
    if (tag.key == key) return tag.title;
  }
  return key;
}

std::string tag_spans(const std::vector<std::string>& keys, const std::vector<Tag>& tags) {
  std::string out;
  for (const auto& key : keys) out += element("span", key, "class=\"tag\" " + attribute("title", tag_title(tags, key)));
  return out;
}

std::string option(std::string_view value, std::string_view label) {
  return element("option", label, attribute("value", value)) + "\n";
}

std::string tag_select(std::string_view name, std::string_view label, const std::vector<Tag>& tags) {
  std::string out = "<label>" + escape(label) + "<select name=\"" + std::string(name) + "\"" +
                    (tags.empty() ? " disabled" : "") + ">\n" + option("", "all");
  for (const auto& tag : tags) out += option(tag.key, tag.title + " (" + tag.key + ")");
  return out + "</select></label>\n";
}

void filters(const Assessment& run, const Model& model, std::string& out) {
  std::map<RuleResult, int> results;
  std::set<std::pair<int, std::string>> severities;
  for (const auto& host : *run.results) {
    for (const auto& rule : host.rules) {
      ++results[rule.result];
      if (rule.result != RuleResult::NotSelected) severities.insert({severity_rank(rule.severity), rule.severity});
    }
  }
  out +=
      "<form id=\"filters\" role=\"search\" hidden>\n<label>Search<input type=\"search\" name=\"q\" "
      "placeholder=\"rule id, title, version, evidence\" autocomplete=\"off\"></label>\n"
      "<label>Result<select name=\"result\">\n" +
      option("", "all selected");
  for (const auto& [result, count] : results) {
    out += option(check::to_string(result), std::string(check::to_string(result)) + " (" + std::to_string(count) + ")");
  }
  out += option("*", "all, with not selected") + "</select></label>\n<label>Severity<select name=\"severity\">\n" +
         option("", "all");
  for (const auto& severity : severities) out += option(severity.second, severity.second);
  out += "</select></label>\n" + tag_select("framework", "Framework", model.frameworks) +
         tag_select("role", "Role", model.roles) + "<label>Host<select name=\"host\">\n" + option("", "all");
  const auto labels = host_labels(*run.hosts);
  for (std::size_t i = 0; i < labels.size(); ++i) out += option(std::to_string(i), labels[i]);
  out += "</select></label>\n<button type=\"reset\">Clear</button>\n</form>\n";
}

std::string system_name(const std::string& system) {
  if (system.find("oval") != std::string::npos) return "OVAL";
  if (system.find("ocil") != std::string::npos) return "OCIL";
  return system;
}

std::string ident_system(const std::string& system) {
  if (system.ends_with("/cci")) return "CCI";
  if (system.ends_with("/legacy")) return "legacy id";
  if (system.find("cce") != std::string::npos) return "CCE";
  return system;
}

bool organization_finding(const check::RuleOutcome& outcome) {
  return outcome.organization_wide && (outcome.result == RuleResult::Fail || outcome.result == RuleResult::Error ||
                                       outcome.result == RuleResult::Unknown);
}

void evidence(const check::RuleOutcome& outcome, std::string& out) {
  out += "<h4>Evidence</h4>\n";
  if (organization_finding(outcome)) {
    // Shown once, under Organisation-wide findings; kept here hidden so that searching finds the row.
    out +=
        "<p>An organisation-wide finding: the objects it read are the organisation's, the same for every "
        "server. Its evidence is under <a href=\"#organization\">Organisation-wide findings</a>.</p>\n"
        "<ul class=\"evidence\" hidden>\n";
    for (const auto& message : outcome.messages) out += element("li", message) + "\n";
    out += "</ul>\n";
    return;
  }
  if (outcome.messages.empty()) {
    out += "<p class=\"muted\">No evidence recorded.</p>\n";
    return;
  }
  out += "<ul class=\"evidence\">\n";
  for (const auto& message : outcome.messages) out += element("li", message) + "\n";
  out += "</ul>\n";
}

void check_reference(const check::RuleOutcome& outcome, const xccdf::loaded::Item* item, const Model& model,
                     std::string& out) {
  out += "<h4>Check</h4>\n";
  if (outcome.checks.empty()) out += "<p class=\"muted\">No check was evaluated.</p>\n";
  for (const auto& check : outcome.checks) {
    out += "<p>" + escape(system_name(check.system)) + " " + element("code", check.href) +
           (check.name.empty() ? "" : " " + element("code", check.name)) + (check.negate ? " (negated)" : "") +
           (check.multi_check ? " (multi-check)" : "") + "</p>\n";
    for (const auto& exported : check.exports) {
      out += "<p class=\"muted\">Value " + element("code", exported.value_id) + " → " +
             element("code", exported.export_name) + "</p>\n";
    }
    const auto question = model.questions.find({check.href, check.name});
    if (question != model.questions.end()) out += question->second;
  }
  if (item == nullptr) return;
  for (const auto& check : item->rule.checks) {
    if (!check.content.empty()) out += element("div", tidy(check.content), "class=\"text\"") + "\n";
  }
}

// A script as written, less the blank lines XML layout puts around it (its indentation matters).
std::string without_blank_edges(const std::string& text) {
  const auto last = text.find_last_not_of(" \t\r\n");
  if (last == std::string::npos) return {};
  auto first = text.find_first_not_of(" \t\r\n");
  first = text.rfind('\n', first) == std::string::npos ? 0 : text.rfind('\n', first) + 1;
  return text.substr(first, last + 1 - first);
}

void description(const RuleInfo& info, std::string& out) {
  if (auto markup = xhtml(info.description); !markup.empty()) {
    out += "<h4>Description</h4>\n<div class=\"xhtml\">" + markup + "</div>\n";
  } else if (!info.item->description.empty()) {
    out += "<h4>Description</h4>\n" + element("div", tidy(info.item->description), "class=\"text\"") + "\n";
  }
}

void rule_text(const RuleInfo& info, std::string& out) {
  description(info, out);
  const auto& rule = info.item->rule;
  if (!rule.fixtext.empty()) out += "<h4>Fix</h4>\n" + element("div", tidy(rule.fixtext), "class=\"text\"") + "\n";
  if (!rule.fixes.empty()) {
    out += "<h4>Remediation script</h4>\n";
    for (const auto& fix : rule.fixes) out += element("pre", without_blank_edges(fix), "class=\"fix\"") + "\n";
  }
}

void identifiers(const xccdf::loaded::Item& item, std::string& out) {
  const auto& rule = item.rule;
  if (!rule.idents.empty()) {
    out += "<h4>Identifiers</h4>\n<ul>\n";
    for (const auto& ident : rule.idents) {
      out += "<li>" + element("code", ident.value) + " " +
             element("span", ident_system(ident.system), "class=\"muted\" " + attribute("title", ident.system)) +
             "</li>\n";
    }
    out += "</ul>\n";
  }
  if (!rule.references.empty()) {
    out += "<h4>References</h4>\n<ul>\n";
    for (const auto& reference : rule.references) out += element("li", reference) + "\n";
    out += "</ul>\n";
  }
}

void details(const check::RuleOutcome& outcome, const RuleInfo* info, const Model& model, std::string& out) {
  const auto* item = info == nullptr ? nullptr : info->item;
  const auto title = item == nullptr || item->title.empty() ? outcome.rule_id : item->title;
  out += "<details><summary class=\"ttl\">" + escape(title) + "</summary>\n<div class=\"detail\">\n";
  evidence(outcome, out);
  if (item != nullptr) rule_text(*info, out);
  check_reference(outcome, item, model, out);
  if (item != nullptr) identifiers(*item, out);
  out += "<p class=\"muted\">Weight " + decimal(outcome.weight) + ", role " + escape(outcome.role) + ".</p>\n";
  out += "</div></details>";
}

void row(const check::RuleOutcome& outcome, std::size_t host, const std::string& label, const Model& model,
         std::string& out) {
  const auto found = model.rules.find(outcome.rule_id);
  const auto* info = found == model.rules.end() ? nullptr : &found->second;
  static const std::vector<std::string> kNone;
  const auto& frameworks = info == nullptr ? kNone : info->frameworks;
  const auto& roles = info == nullptr ? kNone : info->roles;
  const std::string result = check::to_string(outcome.result);
  const bool known_severity = severity_rank(outcome.severity) < 5;

  out += "<tr " + attribute("data-result", result) + " " + attribute("data-severity", outcome.severity) + " " +
         attribute("data-host", std::to_string(host)) + " " + attribute("data-frameworks", joined_keys(frameworks)) +
         " " + attribute("data-roles", joined_keys(roles)) +
         (outcome.organization_wide ? " data-scope=\"organization\"" : "") +
         (outcome.result == RuleResult::NotSelected ? " hidden" : "") + ">\n";
  out += element("td", label, attribute("data-key", label));
  out += "<td data-key=\"" + std::to_string(concern_rank(outcome.result)) + "\"><span class=\"r r-" + result + "\">" +
         result + "</span></td>";
  out += element("td", outcome.severity,
                 "data-key=\"" + std::to_string(severity_rank(outcome.severity)) + "\"" +
                     (known_severity ? " class=\"sev-" + outcome.severity + "\"" : ""));
  const auto& version = outcome.version.empty() ? outcome.rule_id : outcome.version;
  out += "<td " + attribute("data-key", version) + ">" +
         (outcome.version.empty() ? "" : element("span", outcome.version, "class=\"ver\"") + "<br>") +
         element("code", outcome.rule_id, "class=\"rid\"") + "</td>\n";
  const auto title = info == nullptr || info->item == nullptr ? std::string() : info->item->title;
  out += "<td " + attribute("data-key", title) + ">";
  details(outcome, info, model, out);
  out += "</td>\n";
  out +=
      "<td " + attribute("data-key", joined_keys(frameworks)) + ">" + tag_spans(frameworks, model.frameworks) + "</td>";
  out += "<td " + attribute("data-key", joined_keys(roles)) + ">" + tag_spans(roles, model.roles) + "</td>\n</tr>\n";
}

std::string sortable(std::string_view label) {
  return "<th scope=\"col\"><button type=\"button\">" + std::string(label) + "</button></th>";
}

}  // namespace

void rule_table(const Assessment& run, const Model& model, std::string& out) {
  std::size_t selected = 0;
  std::size_t total = 0;
  for (const auto& host : *run.results) {
    for (const auto& rule : host.rules) {
      ++total;
      if (rule.result != RuleResult::NotSelected) ++selected;
    }
  }
  out += "<section id=\"results\">\n<h2>Rule results</h2>\n";
  filters(run, model, out);
  out += "<p>Showing <output id=\"shown\">" + std::to_string(selected) + "</output> of " + std::to_string(selected) +
         " selected rule-results" +
         (total > selected ? " (" + std::to_string(total - selected) + " not selected, hidden)" : std::string()) +
         ".</p>\n";
  out += "<table id=\"rules\">\n<thead><tr>" + sortable("Host") + sortable("Result") + sortable("Severity") +
         sortable("Rule") + sortable("Title") + sortable("Frameworks") + sortable("Roles") + "</tr></thead>\n<tbody>\n";
  const auto labels = host_labels(*run.hosts);
  for (std::size_t host = 0; host < run.results->size(); ++host) {
    for (const auto& outcome : (*run.results)[host].rules) row(outcome, host, labels[host], model, out);
  }
  out += "</tbody>\n</table>\n</section>\n";
}

}  // namespace scapc::output::html
