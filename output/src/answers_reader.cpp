// Earlier assessments as answers: what each file format records of a person's answer (status,
// finding details, comments) and of the question it answered (the STIG release, the check text).
#include <scapc/answers_file.h>
#include <scapc/check_run.h>
#include <scapc/checklist.h>
#include <scapc/input.h>
#include <scapc/results_file.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace scapc::output {
namespace {

using xccdf::loaded::Item;

// What scapc itself adds to a carried answer, left out so that answers do not grow each quarter.
constexpr std::string_view kCarriedLine = "answer carried forward from ";
constexpr std::string_view kCarriedComment = "Carried forward by scapc from ";
constexpr std::string_view kEvaluatedComment = "Evaluated by scapc ";
constexpr std::string_view kCommentsLine = "comments: ";

// A checklist rule scapc decided (an automated check, the rule's platform) or a waiver set: no
// person's answer, and one a waiver set would outlive the waiver.
bool decided_by_scapc(const std::string& comments) {
  std::istringstream lines(comments);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(kEvaluatedComment, 0) == 0 || line.rfind("Waiver: ", 0) == 0) return true;
  }
  return false;
}

std::string without_scapc_lines(const std::string& text) {
  std::istringstream lines(text);
  std::string out;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(kCarriedComment, 0) == 0 || line.rfind(kEvaluatedComment, 0) == 0) continue;
    out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

// A rule answered twice in one file (two checklists of one STIG, a hand-merged file) keeps its
// answer only when both say the same.
void add_to(std::map<std::string, check::PreviousAnswer>& answers, const std::string& key,
            const check::PreviousAnswer& answer) {
  const auto [found, fresh] = answers.emplace(key, answer);
  if (fresh) return;
  auto& first = found->second;
  if (first.result != answer.result || first.finding_details != answer.finding_details ||
      first.comments != answer.comments) {
    first.conflicting = true;
  }
}

void add(check::AnswerSet& set, const check::PreviousAnswer& answer) {
  if (!answer.vuln_id.empty()) add_to(set.by_vuln, answer.vuln_id, answer);
  for (const auto* key : {&answer.rule_version, &answer.rule_id}) {
    if (!key->empty()) add_to(set.by_rule, *key, answer);
  }
}

bool from_checklist(const std::string& path, const std::string& text, check::PreviousAnswers& out,
                    std::vector<std::string>& warnings, std::string& error) {
  Checklist checklist;
  const bool json = input::starts_like_json(text);
  if (!(json ? read_cklb(text, path, checklist, error, &warnings) : read_ckl(text, path, checklist, error))) {
    return false;
  }
  check::AnswerSet set;
  set.source = path;
  const auto& asset = checklist.asset;
  set.host = !asset.host_fqdn.empty() ? asset.host_fqdn : !asset.host_name.empty() ? asset.host_name : asset.host_ip;
  for (const auto& stig : checklist.stigs) {
    const auto release = check::release_name(stig.version, stig.release_info);
    for (const auto& rule : stig.rules) {
      const auto result = result_of_ckl_status(rule.status);
      if (result.empty() || decided_by_scapc(rule.comments)) continue;
      add(set, {rule.vuln_num, rule.rule_ver, rule.rule_id, result, rule.status, rule.finding_details,
                without_scapc_lines(rule.comments), release, rule.check_content});
    }
  }
  out.sets.push_back(std::move(set));
  return true;
}

// scapc's results say so when a rule's platform or role decided it, not an answer.
bool decided_without_check(const check::RuleOutcome& outcome) {
  return std::any_of(outcome.messages.begin(), outcome.messages.end(), [](const std::string& message) {
    return message == "the target is not one of the rule's platforms" || message == "the rule's role is unchecked";
  });
}

bool from_results(const std::string& path, const std::string& text, check::PreviousAnswers& out, std::string& error) {
  ResultsFile results;
  if (!read_results(text, path, results, error)) return false;
  const auto rules = xccdf::loaded::rules_by_id(results.content.benchmark);
  const auto& benchmark = results.content.benchmark;
  for (std::size_t i = 0; i < results.hosts.size(); ++i) {
    check::AnswerSet set;
    set.source = path;
    set.host = check::host_identity(results.hosts[i]);
    for (const auto& outcome : results.results[i].rules) {
      // A waived result is the waiver's: what was evaluated is the answer, if it was one.
      const auto word = std::string(check::to_string(outcome.waiver ? outcome.waiver->evaluated : outcome.result));
      const bool answer =
          word == "pass" || word == "fail" || word == "notapplicable" || word == "informational" || word == "fixed";
      if (!answer || check::decided_by_oval(outcome) || decided_without_check(outcome)) continue;
      check::PreviousAnswer previous;
      previous.rule_id = outcome.rule_id;
      previous.rule_version = outcome.version;
      previous.result = word;
      previous.status = word;
      // Without the rule in the file's benchmark, no V-ID: before 2020 DISA's SV number was not it.
      previous.release = check::release_name(benchmark.version, "");
      if (const auto found = rules.find(outcome.rule_id); found != rules.end()) {
        const auto& rule = *found->second;
        previous.vuln_id = check::vuln_id_of(rule);
        if (previous.rule_version.empty()) previous.rule_version = rule.rule.version;
        previous.release = check::release_of(benchmark, rule);
        if (rule.rule.stig) previous.check_text = rule.rule.stig->check_text;
      }
      for (const auto& message : outcome.messages) {
        if (message.rfind(kCarriedLine, 0) == 0) continue;
        if (message.rfind(kCommentsLine, 0) == 0) {
          previous.comments = message.substr(kCommentsLine.size());
          continue;
        }
        previous.finding_details += (previous.finding_details.empty() ? "" : "\n") + message;
      }
      add(set, previous);
    }
    out.sets.push_back(std::move(set));
  }
  return true;
}

}  // namespace

bool read_answers(const std::string& path, const check::Content& content, check::PreviousAnswers& out,
                  std::vector<std::string>& warnings, std::string& error) {
  std::string text;
  if (!input::read_file(path, text, error)) return false;
  if (input::starts_like_json(text) || text.find("<CHECKLIST") != std::string::npos) {
    return from_checklist(path, text, out, warnings, error);
  }
  pugi::xml_document document;
  if (!input::parse_xml(text, path, document, error)) return false;
  if (xml::local_name(document.document_element()) == "ocil") {
    check::AnswerSet set;
    set.source = path;
    std::string warning;
    if (!check::load_ocil_answers(content, path, set.by_questionnaire, warning, error)) return false;
    if (!warning.empty()) warnings.push_back(input::printable(path) + ": warning: " + warning);
    out.sets.push_back(std::move(set));
    return true;
  }
  document.reset();
  return from_results(path, text, out, error);
}

}  // namespace scapc::output
