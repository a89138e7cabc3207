// The report's scoreboard: a chart per framework, server role and DISA category over every host, and
// one per host, each a donut of pass, open, not reviewed and not applicable drawn as inline SVG (no
// fetch, no script), with the counts in words beside it, so that a score never hides how much was
// not reviewed.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

#include "html_parts.h"

namespace scapc::output::html {

using xccdf::RuleResult;

// Rule-results by what a reader asks of them. Not selected ones are not counted. (Outside the
// anonymous namespace: Scoreboard::Chart holds one.)
struct Tally {
  int pass = 0;
  int open = 0;
  int unreviewed = 0;
  int not_applicable = 0;

  void add(RuleResult result) {
    if (result == RuleResult::Pass || result == RuleResult::Fixed) ++pass;
    if (is_open(result)) ++open;
    if (is_unreviewed(result)) ++unreviewed;
    if (result == RuleResult::NotApplicable) ++not_applicable;
  }
  [[nodiscard]] int total() const { return pass + open + unreviewed + not_applicable; }
};

namespace {

std::string number(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.2f", value);
  return text.data();
}

// A ring of circumference 100 (r = 100 / 2π): each part is a dash of its share, drawn after the
// parts before it.
std::string donut(const Tally& tally, const std::string& centre) {
  std::string out =
      "<svg class=\"donut\" viewBox=\"0 0 36 36\" width=\"96\" height=\"96\" role=\"img\" aria-hidden=\"true\">"
      "<circle class=\"d-empty\" cx=\"18\" cy=\"18\" r=\"15.9155\" fill=\"none\" stroke-width=\"4\"/>";
  const int total = tally.total();
  double offset = 0;
  const std::array<std::pair<const char*, int>, 4> parts = {{{"d-pass", tally.pass},
                                                             {"d-open", tally.open},
                                                             {"d-unreviewed", tally.unreviewed},
                                                             {"d-na", tally.not_applicable}}};
  for (const auto& [name, count] : parts) {
    if (count == 0 || total == 0) continue;
    const double share = 100.0 * count / total;
    out += "<circle class=\"" + std::string(name) +
           "\" cx=\"18\" cy=\"18\" r=\"15.9155\" fill=\"none\" stroke-width=\"4\" stroke-dasharray=\"" + number(share) +
           " " + number(100 - share) + "\" stroke-dashoffset=\"" + number(25 - offset) + "\"/>";
    offset += share;
  }
  return out + "<text x=\"18\" y=\"20.5\" text-anchor=\"middle\" class=\"d-centre\">" + escape(centre) +
         "</text></svg>";
}

// Passed share of the rules decided either way; "–" when none was.
std::string passed_share(const Tally& tally) {
  const int decided = tally.pass + tally.open;
  if (decided == 0) return "–";
  return std::to_string(std::lround(100.0 * tally.pass / decided)) + "%";
}

std::string counts_line(const Tally& tally) {
  return "<span class=\"c-open\">" + std::to_string(tally.open) + " open</span> · <span class=\"c-pass\">" +
         std::to_string(tally.pass) + " pass</span> · <span class=\"c-unreviewed\">" +
         std::to_string(tally.unreviewed) + " not reviewed</span> · " + std::to_string(tally.not_applicable) + " n/a";
}

// `title` is markup.
void card(const std::string& title, const std::string& attributes, const Tally& tally, const std::string& centre,
          const std::string& extra, std::string& out) {
  out += "<figure class=\"card\" " + attributes + ">" + donut(tally, centre) + "<figcaption><strong>" + title +
         "</strong><br>" + counts_line(tally) + extra + "</figcaption></figure>\n";
}

bool has_key(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

// A chart over every host, by which rules it holds.
struct Scoreboard::Chart {
  std::string title;
  std::string kind;
  std::function<bool(const check::RuleOutcome&, const RuleInfo*)> holds;
  Tally tally;
};

Scoreboard::Scoreboard(const Model& model, Spool& spool) : model_(model), spool_(spool), host_cards_(spool.open()) {
  charts_.push_back({"Every rule", "all", [](const check::RuleOutcome&, const RuleInfo*) { return true; }, {}});
  for (const auto& tag : model.frameworks) {
    charts_.push_back({tag.title,
                       "framework",
                       [key = tag.key](const check::RuleOutcome&, const RuleInfo* info) {
                         return info != nullptr && has_key(info->frameworks, key);
                       },
                       {}});
  }
  for (const auto& tag : model.roles) {
    charts_.push_back({tag.title,
                       "role",
                       [key = tag.key](const check::RuleOutcome&, const RuleInfo* info) {
                         return info != nullptr && has_key(info->roles, key);
                       },
                       {}});
  }
  for (const auto* category : {"I", "II", "III"}) {
    charts_.push_back({std::string("CAT ") + category,
                       "cat",
                       [category = std::string(category)](const check::RuleOutcome& outcome, const RuleInfo*) {
                         return category_of_severity(outcome.severity) == category;
                       },
                       {}});
  }
}

Scoreboard::~Scoreboard() = default;

void Scoreboard::add(const HostView& host) {
  const auto& result = *host.result;
  Tally tally;
  std::map<std::string, int> open_by_category;
  for (const auto& outcome : result.rules) {
    if (outcome.result == RuleResult::NotSelected) continue;
    const auto found = model_.rules.find(outcome.rule_id);
    const auto* info = found == model_.rules.end() ? nullptr : &found->second;
    for (auto& chart : charts_) {
      if (chart.holds(outcome, info)) chart.tally.add(outcome.result);
    }
    tally.add(outcome.result);
    if (is_open(outcome.result)) ++open_by_category[category_of_severity(outcome.severity)];
  }
  const auto* score = default_score(result);
  const auto centre = score == nullptr ? passed_share(tally) : score_text(score->value);
  std::string extra = "<br>";
  for (const auto* category : {"I", "II", "III"}) {
    const int open = open_by_category[category];
    extra += "<span class=\"cat-count" + std::string(open > 0 ? " c-open" : "") + "\">CAT " + category + ": " +
             std::to_string(open) + "</span> ";
  }
  extra += "<br><span class=\"muted\">score " + (score == nullptr ? std::string("–") : score_text(score->value)) +
           " with " + std::to_string(tally.unreviewed) + " not reviewed</span>";
  const auto waived = std::count_if(result.rules.begin(), result.rules.end(),
                                    [](const check::RuleOutcome& outcome) { return outcome.waiver.has_value(); });
  if (waived > 0) extra += "<br><span class=\"waived\">" + std::to_string(waived) + " waived</span>";
  const auto id = std::to_string(host.index);
  std::string out;
  card("<a href=\"#host-" + id + "\">" + escape(host.label) + "</a>", "data-host=\"" + id + "\"", tally, centre, extra,
       out);
  spool_.append(host_cards_, out);
}

bool Scoreboard::write(ReportSink& sink, std::string& error) {
  std::string out =
      "<section id=\"scoreboard\">\n<h2>Scoreboard</h2>\n<p class=\"muted\">Each ring: rule-results that pass "
      "(green), are open (red), were not reviewed (amber: manual, error or unknown) and do not apply (grey). "
      "The centre gives the share passed of those decided, or the host's score.</p>\n";
  out += "<h3>All hosts</h3>\n<div class=\"cards\" id=\"fleet-cards\">\n";
  for (const auto& chart : charts_) {
    if (chart.tally.total() == 0 && chart.kind != "all") continue;
    card(escape(chart.title), "data-chart=\"" + chart.kind + "\"", chart.tally, passed_share(chart.tally), "", out);
  }
  out += "</div>\n<h3>Each host</h3>\n<div class=\"cards\" id=\"host-cards\">\n";
  return sink.write(out, error) && spool_.write(host_cards_, error) && sink.write("</div>\n</section>\n", error);
}

}  // namespace scapc::output::html
