// Reading OCIL 2.0 results back into XCCDF result words, as an XCCDF checker for the OCIL system.
//
// For each questionnaire or test action the result recorded by the tool that filled it in wins
// (questionnaire_result, then test_action_result); only without one is it computed here from the
// question_results, with the handlers of the questionnaire's test actions and OCIL's truth tables.
#include <scapc/input.h>
#include <scapc/ocil_results.h>
#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <scapc/pattern.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace scapc::ocil {
namespace {

// Questionnaires nest through test_action_refs; a deeper chain than this is broken content, and
// is answered ERROR rather than followed until the stack runs out.
constexpr std::size_t kMaxNesting = 256;

enum class Result { Pass, Fail, Error, Unknown, NotTested, NotApplicable };

struct ResultWord {
  std::string_view ocil;
  std::string_view xccdf;
  Result result;
};

constexpr std::array<ResultWord, 6> kResultWords{{
    {"PASS", "pass", Result::Pass},
    {"FAIL", "fail", Result::Fail},
    {"ERROR", "error", Result::Error},
    {"UNKNOWN", "unknown", Result::Unknown},
    {"NOT_TESTED", "notchecked", Result::NotTested},
    {"NOT_APPLICABLE", "notapplicable", Result::NotApplicable},
}};

constexpr std::string_view kResultList = "PASS, FAIL, ERROR, UNKNOWN, NOT_TESTED, NOT_APPLICABLE";

// ---- Small XML helpers: OCIL names are matched by local name, whatever the prefix.

using xml::local_name;

// xsd:token and friends: the whitespace around a value is not part of it.
std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (auto c : node.children()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

std::string_view attribute(const pugi::xml_node& node, const char* name) {
  return trimmed(node.attribute(name).value());
}

std::string_view text(const pugi::xml_node& node) {
  return trimmed(node.child_value());
}

std::optional<bool> parse_boolean(std::string_view word) {
  word = trimmed(word);
  if (word == "true" || word == "1") return true;
  if (word == "false" || word == "0") return false;
  return std::nullopt;
}

bool flag(const pugi::xml_node& node, const char* name) {
  return parse_boolean(node.attribute(name).value()).value_or(false);
}

// xsi:nil="true" under any prefix.
bool is_nil(const pugi::xml_node& node) {
  for (auto a : node.attributes()) {
    if (xml::local_part(a.name()) == "nil" && parse_boolean(a.value()).value_or(false)) return true;
  }
  return false;
}

// ---- Results and their algebra.

std::optional<Result> parse_result(std::string_view word) {
  word = trimmed(word);
  for (const auto& entry : kResultWords) {
    if (entry.ocil == word) return entry.result;
  }
  return std::nullopt;
}

std::string xccdf_word(Result result) {
  for (const auto& entry : kResultWords) {
    if (entry.result == result) return std::string(entry.xccdf);
  }
  return "error";
}

// OCIL negate toggles PASS and FAIL only; exceptional results stay as they are.
Result negated(Result result) {
  if (result == Result::Pass) return Result::Fail;
  if (result == Result::Fail) return Result::Pass;
  return result;
}

// The truth tables of the OCIL 2.0 schema (ResultType documentation in ocil-2.0.xsd), read as
// precedence orders. They differ from XCCDF's: ERROR outranks UNKNOWN, and NOT_TESTED sits
// between the exceptional results and the decisive one.
//   AND: any FAIL -> FAIL, else ERROR, else UNKNOWN, else NOT_TESTED, else PASS (if any),
//        else NOT_APPLICABLE (all were), else (nothing) NOT_TESTED.
//   OR:  any PASS -> PASS, else ERROR, else UNKNOWN, else NOT_TESTED, else FAIL (if any),
//        else NOT_APPLICABLE (all were), else (nothing) NOT_TESTED.
Result combine(bool is_and, const std::vector<Result>& results) {
  const auto any = [&](Result wanted) { return std::find(results.begin(), results.end(), wanted) != results.end(); };
  const Result decisive = is_and ? Result::Fail : Result::Pass;
  const Result otherwise = is_and ? Result::Pass : Result::Fail;
  for (const Result result :
       {decisive, Result::Error, Result::Unknown, Result::NotTested, otherwise, Result::NotApplicable}) {
    if (any(result)) return result;
  }
  return Result::NotTested;
}

// ---- xsd:decimal, compared exactly (no rounding through a binary floating point type).

struct Decimal {
  bool negative = false;
  std::string integer;   // no leading zeros
  std::string fraction;  // no trailing zeros
};

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Decimal> parse_decimal(std::string_view text) {
  text = trimmed(text);
  Decimal decimal;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    decimal.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto point = text.find('.');
  const auto integer = text.substr(0, point);
  const auto fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (integer.empty() && fraction.empty()) return std::nullopt;
  if (!all_digits(integer) || !all_digits(fraction)) return std::nullopt;
  decimal.integer = std::string(integer.substr(std::min(integer.find_first_not_of('0'), integer.size())));
  decimal.fraction = std::string(fraction.substr(0, fraction.find_last_not_of('0') + 1));
  if (decimal.integer.empty() && decimal.fraction.empty()) decimal.negative = false;  // -0 is 0
  return decimal;
}

int sign(int value) {
  return (value > 0) - (value < 0);
}

int compare(const Decimal& a, const Decimal& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int magnitude = 0;
  if (a.integer.size() != b.integer.size()) {
    magnitude = a.integer.size() < b.integer.size() ? -1 : 1;
  } else if (const int integer = a.integer.compare(b.integer); integer != 0) {
    magnitude = sign(integer);
  } else {
    magnitude = sign(a.fraction.compare(b.fraction));  // digit strings after the point order as text
  }
  return a.negative ? -magnitude : magnitude;
}

// ---- Where things are in the results text, for "file:line:" diagnostics.

struct BadInput {
  std::string message;
};

class Source {
 public:
  Source(std::string_view text, const std::string& name) : name_(name) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(static_cast<std::ptrdiff_t>(i + 1));
    }
  }

  std::string at(std::ptrdiff_t offset) const {
    const auto line =
        offset < 0 ? 1 : std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin();
    return name_ + ":" + std::to_string(line);
  }

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& reason) const {
    throw BadInput{at(node.offset_debug()) + ": " + reason};
  }

 private:
  const std::string& name_;
  std::vector<std::ptrdiff_t> line_starts_;
};

std::string quoted(std::string_view text) {
  return "'" + std::string(text) + "'";
}

pugi::xml_node load_results_root(pugi::xml_document& document, std::string_view xml, const std::string& file,
                                 const Source& source) {
  if (std::string error; !input::parse_xml(xml, file, document, error)) throw BadInput{error};
  const auto root = document.document_element();
  const std::string_view name(root.name());
  const auto colon = name.find(':');
  const std::string xmlns = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  const std::string_view uri = root.attribute(xmlns.c_str()).value();
  if (local_name(root) != "ocil" || uri != std::string_view(ns::kOcil)) {
    source.fail(root, "root element " + quoted(name) + " in namespace " + quoted(uri) + " is not OCIL 2.0 'ocil' in " +
                          quoted(std::string_view(ns::kOcil)));
  }
  return root;
}

// ---- The questionnaire document: everything by id.

using Index = std::map<std::string, pugi::xml_node, std::less<>>;

struct Definitions {
  Index questionnaires;
  Index test_actions;
  Index questions;
  Index choice_groups;
  Index variables;
};

void index_by_id(const pugi::xml_node& section, Definitions& definitions, Index& index) {
  for (auto node : section.children()) {
    if (node.type() != pugi::node_element) continue;
    auto& into = local_name(node) == "choice_group" ? definitions.choice_groups : index;
    into.emplace(std::string(attribute(node, "id")), node);  // the first of a duplicated id wins
  }
}

Definitions index_definitions(const pugi::xml_node& root) {
  Definitions definitions;
  index_by_id(child(root, "questionnaires"), definitions, definitions.questionnaires);
  index_by_id(child(root, "test_actions"), definitions, definitions.test_actions);
  index_by_id(child(root, "questions"), definitions, definitions.questions);
  index_by_id(child(root, "variables"), definitions, definitions.variables);
  return definitions;
}

bool has_choice(const pugi::xml_node& holder, std::string_view choice) {
  for (auto c : holder.children()) {
    if (local_name(c) == "choice" && attribute(c, "id") == choice) return true;
  }
  return false;
}

// A choice question offers its own choices and those of the choice groups it names.
bool offers_choice(const Definitions& definitions, const pugi::xml_node& question, std::string_view choice) {
  if (has_choice(question, choice)) return true;
  for (auto c : question.children()) {
    if (local_name(c) != "choice_group_ref") continue;
    const auto group = definitions.choice_groups.find(text(c));
    if (group != definitions.choice_groups.end() && has_choice(group->second, choice)) return true;
  }
  return false;
}

// ---- What the results record.

struct Answer {
  std::string question_kind;          // "boolean_question", "choice_question", ...
  std::optional<Result> exceptional;  // the response when it is not ANSWERED
  std::string value;                  // "true"/"false", a choice id, a decimal, or the string
};

struct Recorded {
  std::map<std::string, Result, std::less<>> questionnaires;
  std::map<std::string, Result, std::less<>> test_actions;
  std::map<std::string, Answer, std::less<>> questions;
};

class ResultsReader {
 public:
  ResultsReader(const Source& source, const Definitions& definitions) : source_(source), definitions_(definitions) {}

  Recorded read(const pugi::xml_node& results) {
    for (auto node : child(results, "questionnaire_results").children()) {
      if (node.type() == pugi::node_element) read_recorded_result(node, "questionnaire", recorded_.questionnaires);
    }
    for (auto node : child(results, "test_action_results").children()) {
      if (node.type() == pugi::node_element) read_recorded_result(node, "test_action", recorded_.test_actions);
    }
    for (auto node : child(results, "question_results").children()) {
      if (node.type() == pugi::node_element) read_question_result(node);
    }
    return std::move(recorded_);
  }

 private:
  std::string_view required_attribute(const pugi::xml_node& node, const char* name) const {
    const auto value = attribute(node, name);
    if (value.empty()) source_.fail(node, std::string(local_name(node)) + " has no " + name);
    return value;
  }

  Result result_attribute(const pugi::xml_node& node) const {
    const auto word = required_attribute(node, "result");
    const auto result = parse_result(word);
    if (!result) {
      source_.fail(node, std::string(local_name(node)) + " result " + quoted(word) + " is not an OCIL result (" +
                             std::string(kResultList) + ")");
    }
    return *result;
  }

  // questionnaire_result @questionnaire_ref, or test_action_result @test_action_ref (which may
  // name a questionnaire too: questionnaires nest as test actions).
  void read_recorded_result(const pugi::xml_node& node, const std::string& kind,
                            std::map<std::string, Result, std::less<>>& into) {
    const std::string element = kind + "_result";
    const std::string reference = kind + "_ref";
    if (local_name(node) != element) source_.fail(node, "unexpected element " + quoted(node.name()));
    const auto id = required_attribute(node, reference.c_str());
    const bool known =
        definitions_.questionnaires.contains(id) || (kind == "test_action" && definitions_.test_actions.contains(id));
    if (!known) source_.fail(node, element + " names unknown " + kind + " " + quoted(id));
    const auto result = result_attribute(node);
    if (!into.emplace(std::string(id), result).second) source_.fail(node, "a second " + element + " for " + quoted(id));
  }

  void read_question_result(const pugi::xml_node& node) {
    const auto element = local_name(node);
    constexpr std::string_view kSuffix = "_result";
    if (!element.ends_with("_question_result")) source_.fail(node, "unexpected element " + quoted(node.name()));
    const std::string kind(element.substr(0, element.size() - kSuffix.size()));
    const auto id = required_attribute(node, "question_ref");
    const auto question = definitions_.questions.find(id);
    if (question == definitions_.questions.end())
      source_.fail(node, std::string(element) + " names unknown question " + quoted(id));
    if (local_name(question->second) != kind) {
      source_.fail(
          node, std::string(element) + " answers " + quoted(id) + ", a " + std::string(local_name(question->second)));
    }
    Answer answer{kind, response(node), {}};
    if (!answer.exceptional) answer.value = answered_value(node, question->second);
    if (!recorded_.questions.emplace(std::string(id), std::move(answer)).second) {
      source_.fail(node, "a second result for question " + quoted(id));
    }
  }

  // @response: ANSWERED (the default) or one of the exceptional results.
  std::optional<Result> response(const pugi::xml_node& node) const {
    const auto word = attribute(node, "response");
    if (word.empty() || word == "ANSWERED") return std::nullopt;
    const auto result = parse_result(word);
    if (!result || *result == Result::Pass || *result == Result::Fail) {
      source_.fail(node, "response " + quoted(word) + " is not ANSWERED, UNKNOWN, ERROR, NOT_TESTED or NOT_APPLICABLE");
    }
    return result;
  }

  std::string answered_value(const pugi::xml_node& node, const pugi::xml_node& question) const {
    const auto answer = child(node, "answer");
    const auto kind = local_name(question);
    const bool missing = !answer || is_nil(answer) || (kind == "choice_question" && !answer.attribute("choice_ref"));
    if (missing) {
      source_.fail(node, std::string(local_name(node)) + " for " + quoted(attribute(node, "question_ref")) +
                             " has no answer though its response is ANSWERED");
    }
    if (kind == "boolean_question") return boolean_answer(answer);
    if (kind == "choice_question") return choice_answer(answer, question);
    if (kind == "numeric_question") return numeric_answer(answer);
    return answer.child_value();  // xsd:string: kept as given, spaces and all
  }

  std::string boolean_answer(const pugi::xml_node& answer) const {
    const auto value = parse_boolean(answer.child_value());
    if (!value) source_.fail(answer, "answer " + quoted(text(answer)) + " is not a boolean (true, false, 1, 0)");
    return *value ? "true" : "false";
  }

  std::string choice_answer(const pugi::xml_node& answer, const pugi::xml_node& question) const {
    const auto choice = attribute(answer, "choice_ref");
    if (!offers_choice(definitions_, question, choice)) {
      source_.fail(answer,
                   "choice " + quoted(choice) + " is not a choice of question " + quoted(attribute(question, "id")));
    }
    return std::string(choice);
  }

  std::string numeric_answer(const pugi::xml_node& answer) const {
    if (!parse_decimal(answer.child_value())) {
      source_.fail(answer, "answer " + quoted(text(answer)) + " is not a decimal number");
    }
    return std::string(text(answer));
  }

  const Source& source_;
  const Definitions& definitions_;
  Recorded recorded_;
};

// ---- Computing results from the answers.

// Patterns come from check content: they run with match and depth limits, so a catastrophic one
// fails rather than hangs. OCIL asks whether the answer "matches" a PCRE, so it is a search, not
// an anchored match. nullopt: the pattern does not compile or runs out of limits.
std::optional<bool> pattern_found(std::string_view pattern, const std::string& subject) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  const std::unique_ptr<pcre2_code, decltype(&pcre2_code_free)> compiled(
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_UTF, &code, &offset, nullptr),
      pcre2_code_free);
  if (!compiled) return std::nullopt;
  const std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
      pcre2_match_data_create_from_pattern(compiled.get(), nullptr), pcre2_match_data_free);
  if (!data) return std::nullopt;
  const int rc = pcre2_match(compiled.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                             data.get(), input::pattern_limits());
  if (rc >= 0) return true;
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  return std::nullopt;
}

struct Outcome {
  Result result = Result::NotTested;
  bool answered = false;  // some recorded result or answer went into it
};

// Whether a handler's condition holds for an answer; Broken when the content cannot be evaluated
// (a bad pattern or number, a variable this reader cannot resolve).
enum class Match { No, Yes, Broken };

Match match_if(bool holds) {
  return holds ? Match::Yes : Match::No;
}

class Evaluator {
 public:
  Evaluator(const Definitions& definitions, const Recorded& recorded)
      : definitions_(definitions), recorded_(recorded) {}

  Outcome questionnaire(const std::string& id) {
    if (const auto found = recorded_.questionnaires.find(id); found != recorded_.questionnaires.end()) {
      return {found->second, true};
    }
    const auto node = definitions_.questionnaires.find(id);
    if (node == definitions_.questionnaires.end()) return {Result::Error, false};
    return guarded(questionnaire_memo_, id, [&] { return actions(child(node->second, "actions")); });
  }

 private:
  // Memoized, so shared test actions are evaluated once; cut at loops and at kMaxNesting.
  template <class Compute>
  Outcome guarded(std::map<std::string, Outcome>& memo, const std::string& id, Compute compute) {
    if (const auto found = memo.find(id); found != memo.end()) return found->second;
    if (in_progress_.contains(id)) return {Result::Error, false};  // a loop: ERROR, but no answer of its own
    // Too deep to follow: the answer is an ERROR, whatever answers lie beyond. (Which of a chain's
    // questionnaires get it depends on where the walk started; only broken content nests so far.)
    if (in_progress_.size() >= kMaxNesting) return {Result::Error, true};
    in_progress_.insert(id);
    const Outcome outcome = compute();
    in_progress_.erase(id);
    memo.emplace(id, outcome);
    return outcome;
  }

  // A questionnaire's <actions operation="AND|OR" negate="…"> over its test_action_refs, in order.
  Outcome actions(const pugi::xml_node& actions) {
    const auto operation = attribute(actions, "operation");
    if (!actions || (!operation.empty() && operation != "AND" && operation != "OR")) return {Result::Error, false};
    std::vector<Result> results;
    bool answered = false;
    for (auto ref : actions.children()) {
      if (local_name(ref) != "test_action_ref") continue;
      const auto outcome = reference(ref);
      results.push_back(outcome.result);
      answered = answered || outcome.answered;
    }
    const Result combined = combine(operation != "OR", results);
    return {flag(actions, "negate") ? negated(combined) : combined, answered};
  }

  // A test_action_ref names a test action or a questionnaire, and may negate its result.
  Outcome reference(const pugi::xml_node& ref) {
    const std::string id(text(ref));
    Outcome outcome = definitions_.questionnaires.contains(id) ? questionnaire(id) : test_action(id);
    if (flag(ref, "negate")) outcome.result = negated(outcome.result);
    return outcome;
  }

  Outcome test_action(const std::string& id) {
    if (const auto found = recorded_.test_actions.find(id); found != recorded_.test_actions.end()) {
      return {found->second, true};
    }
    const auto node = definitions_.test_actions.find(id);
    if (node == definitions_.test_actions.end()) return {Result::Error, false};
    return guarded(test_action_memo_, id, [&] { return question_test_action(node->second); });
  }

  Outcome question_test_action(const pugi::xml_node& action) {
    const auto answer = recorded_.questions.find(attribute(action, "question_ref"));
    if (answer == recorded_.questions.end()) return handler_or(action, "when_not_tested", Result::NotTested, false);
    if (const auto exceptional = answer->second.exceptional) {
      return handler_or(action, exceptional_handler(*exceptional), *exceptional, true);
    }
    // A test action of another kind than the question it reads cannot interpret the answer.
    if (local_name(action) != answer->second.question_kind + "_test_action") return {Result::Error, true};
    const auto handler = matching_handler(action, answer->second);
    if (!handler) return {Result::Error, true};  // an unexpected response is an ERROR in OCIL
    return follow(handler, true);
  }

  static const char* exceptional_handler(Result result) {
    switch (result) {
      case Result::Unknown:
        return "when_unknown";
      case Result::NotApplicable:
        return "when_not_applicable";
      case Result::Error:
        return "when_error";
      default:
        return "when_not_tested";
    }
  }

  Outcome handler_or(const pugi::xml_node& action, const char* name, Result otherwise, bool answered) {
    const auto handler = child(action, name);
    return handler ? follow(handler, answered) : Outcome{otherwise, answered};
  }

  // A handler ends in a <result> or moves on to another test action.
  Outcome follow(const pugi::xml_node& handler, bool answered) {
    if (const auto result = child(handler, "result")) {
      return {parse_result(result.child_value()).value_or(Result::Error), answered};
    }
    if (const auto ref = child(handler, "test_action_ref")) {
      Outcome outcome = reference(ref);
      outcome.answered = outcome.answered || answered;
      return outcome;
    }
    return {Result::Error, answered};
  }

  // The first handler, in document order, whose condition holds; none when none does or when
  // one before it cannot be evaluated.
  pugi::xml_node matching_handler(const pugi::xml_node& action, const Answer& answer) {
    for (auto handler : action.children()) {
      const Match match = condition(handler, answer);
      if (match == Match::Broken) return {};
      if (match == Match::Yes) return handler;
    }
    return {};
  }

  Match condition(const pugi::xml_node& handler, const Answer& answer) {
    const auto name = local_name(handler);
    if (name == "when_true") return match_if(answer.value == "true");
    if (name == "when_false") return match_if(answer.value == "false");
    if (name == "when_choice") return chosen(handler, answer.value);
    if (name == "when_equals") return equals_any(handler, answer.value);
    if (name == "when_range") return in_any_range(handler, answer.value);
    if (name == "when_pattern") return pattern_any(handler, answer.value);
    return Match::No;
  }

  static Match chosen(const pugi::xml_node& handler, const std::string& choice) {
    for (auto ref : handler.children()) {
      if (local_name(ref) == "choice_ref" && text(ref) == choice) return Match::Yes;
    }
    return Match::No;
  }

  // The text of a value, or of the constant_variable its @var_ref names. Local and external
  // variables take values this reader does not have: nullopt.
  std::optional<std::string> operand(const pugi::xml_node& node, std::string_view var_ref) const {
    if (var_ref.empty()) return std::string(node.child_value());
    const auto variable = definitions_.variables.find(var_ref);
    if (variable == definitions_.variables.end() || local_name(variable->second) != "constant_variable") {
      return std::nullopt;
    }
    return std::string(child(variable->second, "value").child_value());
  }

  Match equals_any(const pugi::xml_node& handler, const std::string& answer) const {
    const auto wanted = parse_decimal(answer);
    std::vector<std::optional<std::string>> values;
    if (const auto var_ref = attribute(handler, "var_ref"); !var_ref.empty())
      values.push_back(operand(handler, var_ref));
    for (auto value : handler.children()) {
      if (local_name(value) == "value") values.push_back(operand(value, {}));
    }
    for (const auto& value : values) {
      const auto number = value ? parse_decimal(*value) : std::nullopt;
      if (!number || !wanted) return Match::Broken;
      if (compare(*number, *wanted) == 0) return Match::Yes;
    }
    return Match::No;
  }

  Match in_any_range(const pugi::xml_node& handler, const std::string& answer) const {
    const auto value = parse_decimal(answer);
    if (!value) return Match::Broken;
    for (auto range : handler.children()) {
      if (local_name(range) != "range") continue;
      const Match low = within_bound(child(range, "min"), *value, -1);
      const Match high = within_bound(child(range, "max"), *value, 1);
      if (low == Match::Broken || high == Match::Broken) return Match::Broken;
      if (low == Match::Yes && high == Match::Yes) return Match::Yes;
    }
    return Match::No;
  }

  // `side` is -1 for a min bound, 1 for a max; an absent bound holds. Bounds are inclusive
  // unless @inclusive says otherwise.
  Match within_bound(const pugi::xml_node& bound, const Decimal& value, int side) const {
    if (!bound) return Match::Yes;
    const auto written = operand(bound, attribute(bound, "var_ref"));
    const auto limit = written ? parse_decimal(*written) : std::nullopt;
    if (!limit) return Match::Broken;
    const int order = compare(value, *limit) * side;  // < 0: on the inside of the bound
    const bool inclusive = parse_boolean(bound.attribute("inclusive").value()).value_or(true);
    return match_if(order < 0 || (order == 0 && inclusive));
  }

  Match pattern_any(const pugi::xml_node& handler, const std::string& answer) const {
    for (auto pattern : handler.children()) {
      if (local_name(pattern) != "pattern") continue;
      const auto expression = operand(pattern, attribute(pattern, "var_ref"));
      const auto found = expression ? pattern_found(*expression, answer) : std::nullopt;
      if (!found) return Match::Broken;
      if (*found) return Match::Yes;
    }
    return Match::No;
  }

  const Definitions& definitions_;
  const Recorded& recorded_;
  std::map<std::string, Outcome> questionnaire_memo_;
  std::map<std::string, Outcome> test_action_memo_;
  std::set<std::string> in_progress_;
};

pugi::xml_node definitions_root(const pugi::xml_document& questionnaires, const pugi::xml_node& results_root) {
  const auto root = questionnaires.document_element();
  if (!root) return results_root;  // a results document that carries its own questionnaires
  if (local_name(root) != "ocil") {
    throw BadInput{"OCIL questionnaires: root element " + quoted(root.name()) + " is not 'ocil'"};
  }
  return root;
}

}  // namespace

bool answer_questionnaires(const pugi::xml_document& questionnaires, std::string_view results_xml,
                           const std::string& results_name, std::map<std::string, std::string>& answers,
                           std::string& error) {
  try {
    const Source source(results_xml, results_name);
    pugi::xml_document results_document;
    const auto results_root = load_results_root(results_document, results_xml, results_name, source);
    const auto results = child(results_root, "results");
    if (!results) source.fail(results_root, "the OCIL document has no results element");
    const auto definitions = index_definitions(definitions_root(questionnaires, results_root));
    const auto recorded = ResultsReader(source, definitions).read(results);

    Evaluator evaluator(definitions, recorded);
    std::map<std::string, std::string> found;
    for (const auto& [id, node] : definitions.questionnaires) {
      const auto outcome = evaluator.questionnaire(id);
      if (outcome.answered) found.emplace(id, xccdf_word(outcome.result));
    }
    for (auto& [id, word] : found) answers[id] = std::move(word);
    return true;
  } catch (const BadInput& bad) {
    error = bad.message;
    return false;
  }
}

}  // namespace scapc::ocil
