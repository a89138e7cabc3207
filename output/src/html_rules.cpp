// The report's rule table: one row per rule, grouped by category, with its results on every host
// (how many hosts it is open on, a strip of one cell per host), what the filters match on in data
// attributes, and the rule's details (each host's result and evidence, then the rule's description,
// fix, check and identifiers, once) in a <details> of its own, so the table reads without script and
// prints with everything open.
#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
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

// A host's result on a rule and its evidence: an item of the rule's "Results by host".
std::string host_entry(const HostView& host, const check::RuleOutcome& outcome) {
  const std::string result = check::to_string(outcome.result);
  std::string out = "<li " + attribute("data-host", std::to_string(host.index)) + " " +
                    attribute("data-result", result) + (outcome.result == RuleResult::NotSelected ? " hidden" : "") +
                    "><span class=\"r r-" + result + "\">" + result + "</span> " + element("b", host.label) + "\n";
  if (const auto& waiver = outcome.waiver) {
    out += "<p class=\"waived\">Waived: evaluated " + element("b", check::to_string(waiver->evaluated)) + ". " +
           escape(waiver_remark(*waiver)) + "</p>\n";
  }
  evidence(outcome, out);
  return out + "</li>\n";
}

// A host's most concerning result on a rule as one letter of the rule's per-host stream.
char letter(RuleResult result) {
  return static_cast<char>('a' + static_cast<int>(result));
}

RuleResult from_letter(char letter) {
  return static_cast<RuleResult>(letter - 'a');
}

std::string sortable(std::string_view label) {
  return "<th scope=\"col\"><button type=\"button\">" + std::string(label) + "</button></th>";
}

constexpr std::size_t kConcernRanks = 10;

}  // namespace

// Everything the table shows of one rule. Its severity, STIG ID, weight and role are as its first
// host has them; the check as the first host that evaluated it did: every host runs the same check.
struct RuleTable::Row {
  std::string id;
  const RuleInfo* info = nullptr;
  std::string severity;
  std::string version;
  double weight = 0;
  std::string role;
  bool organization_wide = false;
  std::optional<std::string> check;
  int open = 0;      // hosts where it fails
  int selected = 0;  // hosts where it was selected
  // Each host's result and evidence, in host order, per concern_rank of the result: the row lists
  // hosts by result, the most concerning first.
  std::array<Spool::Stream, kConcernRanks> by_result{};
  Spool::Stream per_host = Spool::kNone;  // a letter per host: its most concerning result here
};

RuleTable::RuleTable(const Model& model, Spool& spool) : model_(model), spool_(spool) {}

RuleTable::~RuleTable() = default;

void RuleTable::add(const HostView& host) {
  std::vector<RuleResult> worst(rows_.size(), RuleResult::NotSelected);
  std::vector<bool> met(rows_.size(), false);
  for (const auto& outcome : host.result->rules) {
    ++results_[outcome.result];
    if (outcome.result != RuleResult::NotSelected) {
      const auto category = category_of_severity(outcome.severity);
      if (category.empty()) uncategorised_ = true;
      if (!category.empty()) categories_.insert(category);
    }
    const auto [entry, fresh] = index_.emplace(outcome.rule_id, rows_.size());
    if (fresh) {
      auto row = std::make_unique<Row>();
      row->id = outcome.rule_id;
      const auto found = model_.rules.find(outcome.rule_id);
      row->info = found == model_.rules.end() ? nullptr : &found->second;
      row->severity = outcome.severity;
      row->version = outcome.version;
      row->weight = outcome.weight;
      row->role = outcome.role;
      row->organization_wide = outcome.organization_wide;
      row->by_result.fill(Spool::kNone);
      row->per_host = spool_.open();
      spool_.append(row->per_host, std::string(hosts_, letter(RuleResult::NotSelected)));
      rows_.push_back(std::move(row));
      worst.push_back(RuleResult::NotSelected);
      met.push_back(false);
    }
    const auto at = entry->second;
    auto& row = *rows_[at];
    if (!row.check && outcome.result != RuleResult::NotSelected) {
      std::string markup;
      check_reference(outcome, row.info == nullptr ? nullptr : row.info->item, model_, markup);
      row.check = std::move(markup);
    }
    if (!met[at] || concern_rank(outcome.result) < concern_rank(worst[at])) worst[at] = outcome.result;
    met[at] = true;
    auto& stream = row.by_result[static_cast<std::size_t>(concern_rank(outcome.result))];
    if (stream == Spool::kNone) stream = spool_.open();
    spool_.append(stream, host_entry(host, outcome));
  }
  for (std::size_t at = 0; at < rows_.size(); ++at) {
    auto& row = *rows_[at];
    spool_.append(row.per_host, std::string(1, letter(worst[at])));
    if (worst[at] != RuleResult::NotSelected) ++row.selected;
    if (is_open(worst[at])) ++row.open;
  }
  ++hosts_;
}

void RuleTable::filters(const std::vector<std::string>& labels, std::string& out) const {
  out +=
      "<form id=\"filters\" role=\"search\" hidden>\n<label>Search<input type=\"search\" name=\"q\" "
      "placeholder=\"rule id, title, STIG ID, V-ID, evidence\" autocomplete=\"off\"></label>\n"
      "<label>Status<select name=\"result\">\n" +
      option("", "any selected");
  for (const auto& [result, count] : results_) {
    out += option(check::to_string(result),
                  std::string(check::to_string(result)) + " (" + std::to_string(count) + " rule-results)");
  }
  out += option("*", "any, with not selected") + "</select></label>\n<label>Category<select name=\"cat\">\n" +
         option("", "all");
  for (const auto* category : {"I", "II", "III"}) {
    if (categories_.contains(category)) out += option(category, std::string("CAT ") + category);
  }
  if (uncategorised_) out += option("-", "no category");
  out += "</select></label>\n" + tag_select("framework", "Framework", model_.frameworks) +
         tag_select("role", "Role", model_.roles) + "<label>Host<select name=\"host\">\n" + option("", "all");
  for (std::size_t i = 0; i < labels.size(); ++i) out += option(std::to_string(i), labels[i]);
  out += "</select></label>\n<button type=\"reset\">Clear</button>\n</form>\n";
}

// By category (in the order the run first met each), then most hosts open, severity, STIG ID.
std::vector<const RuleTable::Row*> RuleTable::in_table_order() const {
  std::map<std::string, std::size_t> category_order;
  std::vector<const Row*> rows;
  for (const auto& row : rows_) {
    rows.push_back(row.get());
    if (row->info != nullptr) category_order.emplace(row->info->category, row->info->order);
  }
  const auto category_rank = [&](const Row* row) {
    return row->info == nullptr ? std::size_t(-1) : category_order.at(row->info->category);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row* a, const Row* b) {
    return std::tuple(category_rank(a), -a->open, severity_rank(a->severity), a->version) <
           std::tuple(category_rank(b), -b->open, severity_rank(b->severity), b->version);
  });
  return rows;
}

namespace {

std::string open_cell(int open, int selected, const std::vector<RuleResult>& per_host) {
  // Ascending sort puts the most hosts open first.
  std::array<char, 16> key{};
  std::snprintf(key.data(), key.size(), "%09d", 999999999 - open);
  std::string out = "<td class=\"open\" data-key=\"" + std::string(key.data()) + "\">";
  if (selected == 0) return out + "<span class=\"muted\">not selected</span></td>";
  out += "<span class=\"" + std::string(open > 0 ? "sev-high" : "muted") + "\">open on " + std::to_string(open) +
         " of " + std::to_string(selected) + "</span>";
  // One cell per host, coloured by its result: the rule across the fleet at a glance.
  out += "<span class=\"strip\" aria-hidden=\"true\">";
  for (const auto result : per_host) {
    if (result != RuleResult::NotSelected) out += "<i class=\"s-" + std::string(check::to_string(result)) + "\"></i>";
  }
  return out + "</span></td>";
}

}  // namespace

bool RuleTable::write_row(const Row& row, ReportSink& sink, std::string& error) {
  static const std::vector<std::string> kNone;
  const auto* item = row.info == nullptr ? nullptr : row.info->item;
  const auto& frameworks = row.info == nullptr ? kNone : row.info->frameworks;
  const auto& roles = row.info == nullptr ? kNone : row.info->roles;
  const auto category = category_of_severity(row.severity);
  std::string letters;
  if (!spool_.read(row.per_host, letters, error)) return false;
  std::vector<RuleResult> per_host;
  std::string results;
  for (const char c : letters) {
    per_host.push_back(from_letter(c));
    results += (results.empty() ? "" : " ") + std::string(check::to_string(per_host.back()));
  }
  const std::string vuln = item != nullptr && item->rule.stig ? item->rule.stig->vuln_id : std::string();

  std::string out = "<tr " + attribute("data-rule", row.id) + " " + attribute("data-results", results) + " " +
                    attribute("data-severity", row.severity) + " " + attribute("data-cat", category) + " " +
                    attribute("data-frameworks", joined_keys(frameworks)) + " " +
                    attribute("data-roles", joined_keys(roles)) +
                    (row.organization_wide ? " data-scope=\"organization\"" : "") +
                    (row.selected == 0 ? " hidden" : "") + ">\n" + open_cell(row.open, row.selected, per_host);
  const bool known_severity = severity_rank(row.severity) < 5;
  out += element("td", category.empty() ? row.severity : "CAT " + category + " (" + row.severity + ")",
                 "data-key=\"" + std::to_string(severity_rank(row.severity)) + "\"" +
                     (known_severity ? " class=\"sev-" + row.severity + "\"" : ""));
  out += "<td " + attribute("data-key", row.version) + ">" + element("span", row.version, "class=\"ver\"") + "</td>" +
         element("td", vuln, attribute("data-key", vuln) + " class=\"vid\"") + "\n";
  const auto title = item == nullptr || item->title.empty() ? row.id : item->title;
  out += "<td " + attribute("data-key", title) + "><details><summary class=\"ttl\">" + escape(title) +
         "</summary>\n<div class=\"detail\">\n<h4>Results by host</h4>\n<ul class=\"hosts\">\n";
  if (!sink.write(out, error)) return false;
  for (const auto stream : row.by_result) {
    if (stream != Spool::kNone && !spool_.write(stream, error)) return false;
  }
  out = "</ul>\n";
  if (item != nullptr) rule_text(*row.info, out);
  if (row.check) out += *row.check;
  if (item != nullptr) identifiers(*item, out);
  out += "<p class=\"muted\">Weight " + decimal(row.weight) + ", role " + escape(row.role) + ".</p>\n";
  out += "</div></details>" + element("code", row.id, "class=\"rid\"") + "</td>\n";
  out += "<td " + attribute("data-key", joined_keys(frameworks)) + ">" + tag_spans(frameworks, model_.frameworks) +
         "</td>";
  out += "<td " + attribute("data-key", joined_keys(roles)) + ">" + tag_spans(roles, model_.roles) + "</td>\n</tr>\n";
  return sink.write(out, error);
}

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

bool RuleTable::write(const std::vector<std::string>& labels, ReportSink& sink, std::string& error) {
  const auto rows = in_table_order();
  const auto selected = std::count_if(rows.begin(), rows.end(), [](const Row* row) { return row->selected > 0; });
  std::string out = "<section id=\"results\">\n<h2>Rules</h2>\n";
  filters(labels, out);
  out += "<p>Showing <output id=\"shown\">" + std::to_string(selected) + "</output> of " + std::to_string(selected) +
         " rules selected on at least one host" +
         (rows.size() > static_cast<std::size_t>(selected)
              ? " (" + std::to_string(rows.size() - static_cast<std::size_t>(selected)) + " not selected, hidden)"
              : std::string()) +
         ".</p>\n";
  out += "<table id=\"rules\">\n<thead><tr>" + sortable("Open") + sortable("Severity") + sortable("STIG ID") +
         sortable("V-ID") + sortable("Rule") + sortable("Frameworks") + sortable("Roles") + "</tr></thead>\n";
  std::string category;
  bool open_body = false;
  for (const auto* row : rows) {
    const auto here = row->info == nullptr ? std::string("Rules not in the benchmark") : row->info->category;
    if (!open_body || here != category) {
      if (open_body) out += "</tbody>\n";
      category = here;
      open_body = true;
      out += "<tbody>\n<tr class=\"cat\"><th colspan=\"7\" scope=\"rowgroup\">" + escape(category) + "</th></tr>\n";
    }
    if (!sink.write(out, error) || !write_row(*row, sink, error)) return false;
    out.clear();
  }
  if (open_body) out += "</tbody>\n";
  out += "</table>\n</section>\n";
  return sink.write(out, error);
}

}  // namespace scapc::output::html
