// The report's rule table: one row per rule, grouped by category, with its results on every host
// (how many hosts it is open on, a strip of one cell per host), what the filters match on in data
// attributes, and the rule's details (each host's result and evidence, then the rule's description,
// fix, check and identifiers, once) in a <details> of its own, so the table reads without script and
// prints with everything open.
#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <tuple>

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
  std::set<std::string> categories;
  bool uncategorised = false;
  for (const auto& host : *run.results) {
    for (const auto& rule : host.rules) {
      ++results[rule.result];
      if (rule.result == RuleResult::NotSelected) continue;
      const auto category = category_of_severity(rule.severity);
      if (category.empty()) uncategorised = true;
      if (!category.empty()) categories.insert(category);
    }
  }
  out +=
      "<form id=\"filters\" role=\"search\" hidden>\n<label>Search<input type=\"search\" name=\"q\" "
      "placeholder=\"rule id, title, STIG ID, V-ID, evidence\" autocomplete=\"off\"></label>\n"
      "<label>Status<select name=\"result\">\n" +
      option("", "any selected");
  for (const auto& [result, count] : results) {
    out += option(check::to_string(result),
                  std::string(check::to_string(result)) + " (" + std::to_string(count) + " rule-results)");
  }
  out += option("*", "any, with not selected") + "</select></label>\n<label>Category<select name=\"cat\">\n" +
         option("", "all");
  for (const auto* category : {"I", "II", "III"}) {
    if (categories.contains(category)) out += option(category, std::string("CAT ") + category);
  }
  if (uncategorised) out += option("-", "no category");
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

// A host's result on a rule, with its evidence.
struct HostOutcome {
  std::size_t host = 0;
  const check::RuleOutcome* outcome = nullptr;
};

// Everything the table shows of one rule: its results on every host, in host order.
struct RuleRow {
  std::string id;
  const RuleInfo* info = nullptr;
  std::vector<HostOutcome> outcomes;
  std::vector<RuleResult> per_host;  // the host's most concerning result; NotSelected where it has none
  int open = 0;                      // hosts where it fails
  int selected = 0;                  // hosts where it was selected
};

void rule_text_once(const RuleRow& row, const Model& model, std::string& out) {
  const auto* item = row.info == nullptr ? nullptr : row.info->item;
  if (item != nullptr) rule_text(*row.info, out);
  // The check as evaluated on the first host that evaluated it: every host runs the same check.
  for (const auto& entry : row.outcomes) {
    if (entry.outcome->result == RuleResult::NotSelected) continue;
    check_reference(*entry.outcome, item, model, out);
    break;
  }
  if (item != nullptr) identifiers(*item, out);
  const auto& first = *row.outcomes.front().outcome;
  out += "<p class=\"muted\">Weight " + decimal(first.weight) + ", role " + escape(first.role) + ".</p>\n";
}

void host_results(const RuleRow& row, const std::vector<std::string>& labels, std::string& out) {
  auto entries = row.outcomes;
  std::stable_sort(entries.begin(), entries.end(), [](const HostOutcome& a, const HostOutcome& b) {
    return concern_rank(a.outcome->result) < concern_rank(b.outcome->result);
  });
  out += "<h4>Results by host</h4>\n<ul class=\"hosts\">\n";
  for (const auto& entry : entries) {
    const std::string result = check::to_string(entry.outcome->result);
    out += "<li " + attribute("data-host", std::to_string(entry.host)) + " " + attribute("data-result", result) +
           (entry.outcome->result == RuleResult::NotSelected ? " hidden" : "") + "><span class=\"r r-" + result +
           "\">" + result + "</span> " + element("b", labels[entry.host]) + "\n";
    if (const auto& waiver = entry.outcome->waiver) {
      out += "<p class=\"waived\">Waived: evaluated " + element("b", check::to_string(waiver->evaluated)) + ". " +
             escape(waiver_remark(*waiver)) + "</p>\n";
    }
    evidence(*entry.outcome, out);
    out += "</li>\n";
  }
  out += "</ul>\n";
}

std::string open_cell(const RuleRow& row) {
  // Ascending sort puts the most hosts open first.
  std::array<char, 16> key{};
  std::snprintf(key.data(), key.size(), "%09d", 999999999 - row.open);
  std::string out = "<td class=\"open\" data-key=\"" + std::string(key.data()) + "\">";
  if (row.selected == 0) return out + "<span class=\"muted\">not selected</span></td>";
  out += "<span class=\"" + std::string(row.open > 0 ? "sev-high" : "muted") + "\">open on " +
         std::to_string(row.open) + " of " + std::to_string(row.selected) + "</span>";
  // One cell per host, coloured by its result: the rule across the fleet at a glance.
  out += "<span class=\"strip\" aria-hidden=\"true\">";
  for (const auto result : row.per_host) {
    if (result != RuleResult::NotSelected) out += "<i class=\"s-" + std::string(check::to_string(result)) + "\"></i>";
  }
  return out + "</span></td>";
}

void row_markup(const RuleRow& row, const std::vector<std::string>& labels, const Model& model, std::string& out) {
  static const std::vector<std::string> kNone;
  const auto* item = row.info == nullptr ? nullptr : row.info->item;
  const auto& frameworks = row.info == nullptr ? kNone : row.info->frameworks;
  const auto& roles = row.info == nullptr ? kNone : row.info->roles;
  const auto& first = *row.outcomes.front().outcome;
  const auto& severity = first.severity;
  const auto category = category_of_severity(severity);
  std::string results;
  for (const auto result : row.per_host)
    results += (results.empty() ? "" : " ") + std::string(check::to_string(result));
  const std::string vuln = item != nullptr && item->rule.stig ? item->rule.stig->vuln_id : std::string();

  out += "<tr " + attribute("data-rule", row.id) + " " + attribute("data-results", results) + " " +
         attribute("data-severity", severity) + " " + attribute("data-cat", category) + " " +
         attribute("data-frameworks", joined_keys(frameworks)) + " " + attribute("data-roles", joined_keys(roles)) +
         (first.organization_wide ? " data-scope=\"organization\"" : "") + (row.selected == 0 ? " hidden" : "") +
         ">\n" + open_cell(row);
  const bool known_severity = severity_rank(severity) < 5;
  out += element("td", category.empty() ? severity : "CAT " + category + " (" + severity + ")",
                 "data-key=\"" + std::to_string(severity_rank(severity)) + "\"" +
                     (known_severity ? " class=\"sev-" + severity + "\"" : ""));
  out += "<td " + attribute("data-key", first.version) + ">" + element("span", first.version, "class=\"ver\"") +
         "</td>" + element("td", vuln, attribute("data-key", vuln) + " class=\"vid\"") + "\n";
  const auto title = item == nullptr || item->title.empty() ? row.id : item->title;
  out += "<td " + attribute("data-key", title) + "><details><summary class=\"ttl\">" + escape(title) +
         "</summary>\n<div class=\"detail\">\n";
  host_results(row, labels, out);
  rule_text_once(row, model, out);
  out += "</div></details>" + element("code", row.id, "class=\"rid\"") + "</td>\n";
  out +=
      "<td " + attribute("data-key", joined_keys(frameworks)) + ">" + tag_spans(frameworks, model.frameworks) + "</td>";
  out += "<td " + attribute("data-key", joined_keys(roles)) + ">" + tag_spans(roles, model.roles) + "</td>\n</tr>\n";
}

// The rules of the run, each with its results on every host, in the order the table shows them:
// by category (in document order), then most hosts open, severity, STIG ID.
std::vector<RuleRow> rule_rows(const Assessment& run, const Model& model) {
  std::map<std::string, std::size_t> index;
  std::vector<RuleRow> rows;
  const auto hosts = run.results->size();
  for (std::size_t host = 0; host < hosts; ++host) {
    for (const auto& outcome : (*run.results)[host].rules) {
      auto [entry, fresh] = index.emplace(outcome.rule_id, rows.size());
      if (fresh) {
        RuleRow row;
        row.id = outcome.rule_id;
        const auto found = model.rules.find(outcome.rule_id);
        row.info = found == model.rules.end() ? nullptr : &found->second;
        row.per_host.assign(hosts, RuleResult::NotSelected);
        rows.push_back(std::move(row));
      }
      auto& row = rows[entry->second];
      row.outcomes.push_back({host, &outcome});
      auto& worst = row.per_host[host];
      if (worst == RuleResult::NotSelected || concern_rank(outcome.result) < concern_rank(worst)) {
        worst = outcome.result;
      }
    }
  }
  std::map<std::string, std::size_t> category_order;
  for (auto& row : rows) {
    for (const auto result : row.per_host) {
      if (result != RuleResult::NotSelected) ++row.selected;
      if (is_open(result)) ++row.open;
    }
    if (row.info != nullptr) category_order.emplace(row.info->category, row.info->order);
  }
  const auto category_rank = [&](const RuleRow& row) {
    return row.info == nullptr ? std::size_t(-1) : category_order.at(row.info->category);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const RuleRow& a, const RuleRow& b) {
    const auto& first_a = *a.outcomes.front().outcome;
    const auto& first_b = *b.outcomes.front().outcome;
    return std::tuple(category_rank(a), -a.open, severity_rank(first_a.severity), first_a.version) <
           std::tuple(category_rank(b), -b.open, severity_rank(first_b.severity), first_b.version);
  });
  return rows;
}

std::string sortable(std::string_view label) {
  return "<th scope=\"col\"><button type=\"button\">" + std::string(label) + "</button></th>";
}

}  // namespace

std::string category_of_severity(std::string_view severity) {
  if (severity == "high") return "I";
  if (severity == "medium") return "II";
  if (severity == "low") return "III";
  return {};
}

bool is_open(RuleResult result) {
  return result == RuleResult::Fail;
}

bool is_unreviewed(RuleResult result) {
  return result == RuleResult::NotChecked || result == RuleResult::Error || result == RuleResult::Unknown ||
         result == RuleResult::Informational;
}

void rule_table(const Assessment& run, const Model& model, std::string& out) {
  const auto rows = rule_rows(run, model);
  const auto selected = std::count_if(rows.begin(), rows.end(), [](const RuleRow& row) { return row.selected > 0; });
  const auto labels = host_labels(*run.hosts);
  out += "<section id=\"results\">\n<h2>Rules</h2>\n";
  filters(run, model, out);
  out += "<p>Showing <output id=\"shown\">" + std::to_string(selected) + "</output> of " + std::to_string(selected) +
         " rules selected on at least one host" +
         (rows.size() > static_cast<std::size_t>(selected)
              ? " (" + std::to_string(rows.size() - static_cast<std::size_t>(selected)) + " not selected, hidden)"
              : std::string()) +
         ".</p>\n";
  const std::string head = "<thead><tr>" + sortable("Open") + sortable("Severity") + sortable("STIG ID") +
                           sortable("V-ID") + sortable("Rule") + sortable("Frameworks") + sortable("Roles") +
                           "</tr></thead>\n";
  out += "<table id=\"rules\">\n" + head;
  std::string category;
  bool open_body = false;
  for (const auto& row : rows) {
    const auto here = row.info == nullptr ? std::string("Rules not in the benchmark") : row.info->category;
    if (!open_body || here != category) {
      if (open_body) out += "</tbody>\n";
      category = here;
      open_body = true;
      out += "<tbody>\n<tr class=\"cat\"><th colspan=\"7\" scope=\"rowgroup\">" + escape(category) + "</th></tr>\n";
    }
    row_markup(row, labels, model, out);
  }
  if (open_body) out += "</tbody>\n";
  out += "</table>\n</section>\n";
}

}  // namespace scapc::output::html
