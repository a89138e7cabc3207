// Evaluation of definitions over collected items: criteria operators, test existence and check,
// state operators, entity and record comparisons with var_ref/var_check and entity_check.
#include <scapc/parallel.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analysis_model.h"
#include "compare.h"
#include "compared_values.h"

namespace scapc::oval {
namespace {

struct Counts {
  int t = 0, f = 0, e = 0, u = 0, ne = 0, na = 0;
  void add(Result r) {
    switch (r) {
      case Result::True:
        ++t;
        break;
      case Result::False:
        ++f;
        break;
      case Result::Error:
        ++e;
        break;
      case Result::Unknown:
        ++u;
        break;
      case Result::NotEvaluated:
        ++ne;
        break;
      case Result::NotApplicable:
        ++na;
        break;
    }
  }
  [[nodiscard]] int applicable() const { return t + f + e + u + ne; }  // all but not applicable
  [[nodiscard]] int total() const { return applicable() + na; }
  [[nodiscard]] bool clean() const { return e == 0 && u == 0 && ne == 0; }
  [[nodiscard]] Result worst() const {  // error > unknown > not evaluated > not applicable
    if (e > 0) return Result::Error;
    if (u > 0) return Result::Unknown;
    if (ne > 0) return Result::NotEvaluated;
    return Result::NotApplicable;
  }
};

// OperatorEnumeration truth tables (oval-common-schema.xsd); not applicable is ignored unless alone.
Result combine(std::string_view op, const Counts& c) {
  if (c.applicable() == 0) return Result::NotApplicable;
  if (op == "OR") {
    if (c.t > 0) return Result::True;
    return c.clean() ? Result::False : c.worst();
  }
  if (op == "ONE") {
    if (c.t >= 2) return Result::False;
    if (!c.clean()) return c.worst();
    return c.t == 1 ? Result::True : Result::False;
  }
  if (op == "XOR") {
    if (!c.clean()) return c.worst();
    return c.t % 2 == 1 ? Result::True : Result::False;
  }
  // AND
  if (c.f > 0) return Result::False;
  return c.clean() ? Result::True : c.worst();
}

// CheckEnumeration over per-item (or per-value) results.
Result check(std::string_view check, const Counts& c) {
  if (c.applicable() == 0) return Result::NotApplicable;
  if (check == "at least one") {
    if (c.t > 0) return Result::True;
    return c.clean() ? Result::False : c.worst();
  }
  if (check == "only one") {
    if (c.t >= 2) return Result::False;
    if (!c.clean()) return c.worst();
    return c.t == 1 ? Result::True : Result::False;
  }
  if (check == "none satisfy" || check == "none exist") {
    if (c.t > 0) return Result::False;
    return c.clean() ? Result::True : c.worst();
  }
  // all
  if (c.f > 0) return Result::False;
  return c.clean() ? Result::True : c.worst();
}

Counts counted(const std::vector<Result>& results) {
  Counts c;
  for (auto r : results) c.add(r);
  return c;
}
Result combine(std::string_view op, const std::vector<Result>& results) {
  return combine(op, counted(results));
}

Result existence(std::string_view rule, int exists, int missing, int errors, int not_collected) {
  if (rule == "all_exist") {
    if (exists >= 1 && missing == 0 && errors == 0 && not_collected == 0) return Result::True;
    if (missing >= 1 || (exists == 0 && errors == 0 && not_collected == 0)) return Result::False;
    return errors > 0 ? Result::Error : Result::Unknown;
  }
  if (rule == "any_exist") return exists == 0 && errors > 0 ? Result::Error : Result::True;
  if (rule == "none_exist") {
    if (exists >= 1) return Result::False;
    if (errors > 0) return Result::Error;
    return not_collected > 0 ? Result::Unknown : Result::True;
  }
  if (rule == "only_one_exists") {
    if (exists >= 2) return Result::False;
    if (errors > 0) return Result::Error;
    if (not_collected > 0) return Result::Unknown;
    return exists == 1 ? Result::True : Result::False;
  }
  // at_least_one_exists
  if (exists >= 1) return Result::True;
  if (errors > 0) return Result::Error;
  return not_collected > 0 ? Result::Unknown : Result::False;
}

// Over an incomplete object, whether the existence check is determined true: more items cannot
// undo "any_exist", nor "at_least_one_exists" once an item exists; they could undo the others.
bool existence_determined(std::string_view rule, int exists) {
  return rule == "any_exist" || (rule == "at_least_one_exists" && exists >= 1);
}

}  // namespace

namespace detail {
// One test's evaluation, made before the definitions are walked and published into the Analysis
// when a definition first reaches the test, so messages keep the order a lazy walk gives them.
struct TestOutcome {
  Result result = Result::NotEvaluated;
  std::vector<std::string> messages;
  std::optional<std::vector<std::pair<std::string, Result>>> tested;
  bool reported = false;  // moved into the Analysis
};

// Tests are independent of each other, so they can be evaluated on several cores in chunks taken
// in turn; a thread is added for every this many tests, below which it costs more than it saves.
constexpr std::size_t kTestsPerThread = 256;
constexpr std::size_t kTestsPerChunk = 64;

class Evaluator {
 public:
  Evaluator(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
            const std::map<std::string, std::vector<std::string>>& externals, Analysis& out)
      : definitions_(definitions), system_(system), externals_(externals), out_(out) {}

  // Every definition, in document order. Only this sizes the result vectors: an evaluator made
  // for one object filter while collecting (item_satisfies, once per item) never needs them.
  void all_definitions(unsigned threads) {
    definition_results_.assign(definitions_.definitions.size(), std::nullopt);
    definition_in_progress_.assign(definitions_.definitions.size(), false);
    evaluate_all_tests(threads);
    for (std::uint32_t i = 0; i < definitions_.definitions.size(); ++i) definition(i);
  }

  // Whether an item satisfies a state (also used to apply object filters when collecting).
  Result state_on_item(std::string_view state_ref, const Item& item, std::string_view context) {
    const auto found = definitions_.states.find(state_ref);
    if (found == definitions_.states.end()) {
      out_.messages.emplace_back(context).append(": no such state ").append(state_ref);
      return Result::Error;
    }
    std::vector<Entity> scratch;
    return state_on_entities(found->second, detail::item_entities(item, scratch), context);
  }

 private:
  // The definition at `index` in DefinitionsDocument::definitions.
  Result definition(std::uint32_t index) {
    if (const auto known = definition_results_[index]) return *known;
    const auto& entry = definitions_.definitions[index];
    if (depth_ >= detail::kMaxReferenceChain) {
      out_.messages.emplace_back(entry.id)
          .append(": extend_definition chain longer than ")
          .append(std::to_string(detail::kMaxReferenceChain));
      return Result::Error;
    }
    if (definition_in_progress_[index]) {
      out_.messages.emplace_back(entry.id).append(": extend_definition cycle");
      return Result::Error;
    }
    definition_in_progress_[index] = true;
    ++depth_;
    Result result = Result::NotEvaluated;
    if (entry.has_criteria) {
      result = criteria(entry.criteria);
    } else {
      out_.messages.emplace_back(entry.id).append(": no criteria");
    }
    --depth_;
    definition_in_progress_[index] = false;
    out_.definitions.insert_or_assign(std::string(entry.id), result);
    definition_results_[index] = result;
    return result;
  }

  Result state_on_entities(const State& state, const std::vector<Entity>& entities, std::string_view context) {
    if (state.entities.empty()) return Result::True;  // a state without entities accepts every item
    // Counted as they come: a vector per state and per entity was most of evaluating's allocations.
    Counts results;
    for (const auto& entity : state.entities) results.add(entity_on_item(entity, entities, context));
    return combine(state.op, results);
  }

  Result criteria(const Criteria& node) {
    switch (node.kind) {
      case Criteria::Kind::Criterion:
        return negated(test(node), node.negate);
      case Criteria::Kind::ExtendDefinition:
        if (node.definition == kUnresolved) {
          out_.messages.emplace_back(node.ref).append(": no such definition");
          return negated(Result::Error, node.negate);
        }
        return negated(definition(node.definition), node.negate);
      case Criteria::Kind::Criteria: {
        Counts results;
        for (const auto& child : node.children) results.add(criteria(child));
        return negated(combine(node.op, results), node.negate);
      }
    }
    return Result::Error;
  }

  Result test(const Criteria& criterion) {
    if (criterion.test == nullptr) {
      // Not in the document: an error, reported once however many criteria name it.
      if (out_.tests.find(criterion.ref) == out_.tests.end()) {
        out_.messages.emplace_back(criterion.ref).append(": no such test");
        out_.tests.emplace(std::string(criterion.ref), Result::Error);
      }
      return Result::Error;
    }
    const auto& test = *criterion.test;
    auto& outcome = outcomes_[test.index];
    if (outcome.reported) return outcome.result;
    outcome.reported = true;
    for (auto& message : outcome.messages) out_.messages.push_back(std::move(message));
    if (outcome.tested) out_.tested_items.emplace(std::string(test.id), std::move(*outcome.tested));
    out_.tests.insert_or_assign(std::string(test.id), outcome.result);
    return outcome.result;
  }

  void evaluate_all_tests(unsigned most_threads) {
    std::vector<const Test*> tests(definitions_.tests.size());
    for (const auto& [id, test] : definitions_.tests) tests[test.index] = &test;
    outcomes_.assign(tests.size(), {});
    std::atomic<std::size_t> next{0};
    // Each thread has an evaluator of its own (scratch vectors, variables being resolved) writing
    // into an Analysis of its own, from which each test's messages and items are moved out.
    const auto threads = std::max<std::size_t>(1, std::min<std::size_t>(most_threads, tests.size() / kTestsPerThread));
    parallel::workers(threads, [&](std::size_t) {
      Analysis local;
      Evaluator evaluator(definitions_, system_, externals_, local);
      for (auto start = next.fetch_add(kTestsPerChunk); start < tests.size(); start = next.fetch_add(kTestsPerChunk)) {
        for (auto i = start; i < std::min(start + kTestsPerChunk, tests.size()); ++i) {
          auto& outcome = outcomes_[tests[i]->index];
          try {
            outcome.result = evaluator.evaluate_test(*tests[i]);
          } catch (...) {
            next = tests.size();  // the other workers stop after their chunk
            throw;
          }
          outcome.messages = std::move(local.messages);
          local.messages.clear();
          if (!local.tested_items.empty()) {
            outcome.tested = std::move(local.tested_items.begin()->second);
            local.tested_items.clear();
          }
        }
      }
    });
  }

  // A test's messages with each repeated one kept once and counted: an object of 40,000 items
  // lacking a field the state compares gave 40,000 copies of the same line, 60 MB of a check's
  // memory, which the results and the evidence then searched through.
  Result evaluate_test(const Test& test) {
    const auto first = out_.messages.size();
    repeats_.clear();
    folded_ = first;
    const auto result = evaluate_test_items(test);
    fold_repeated_messages();
    for (auto i = first; i < out_.messages.size(); ++i) {
      const auto count = repeats_.at(out_.messages[i]);
      if (count > 1) out_.messages[i].append(" (").append(std::to_string(count)).append(" times)");
    }
    return result;
  }

  // Messages not yet folded that repeat an earlier one of the test are removed and counted in
  // repeats_.
  void fold_repeated_messages() {
    auto& messages = out_.messages;
    auto kept = folded_;
    for (auto i = kept; i < messages.size(); ++i) {
      auto [found, added] = repeats_.try_emplace(messages[i], 1);
      if (!added) {
        ++found->second;
        continue;
      }
      if (kept != i) messages[kept] = std::move(messages[i]);
      ++kept;
    }
    messages.resize(kept);
    folded_ = kept;
  }

  Result evaluate_test_items(const Test& test) {
    const auto id = test.id;
    if (test.type == "unknown_test") return Result::Unknown;
    if (!definitions_.object_ids.contains(test.object_ref)) {
      out_.messages.emplace_back(id).append(": no such object ").append(test.object_ref);
      return Result::Error;
    }
    const auto object = system_.objects.find(test.object_ref);
    if (object == system_.objects.end()) {
      out_.messages.emplace_back(id)
          .append(": object ")
          .append(test.object_ref)
          .append(" is not in the system characteristics");
      return Result::Unknown;
    }
    // What a flag other than complete and incomplete gives, as TestType (oval-results-schema.xsd)
    // states it, whatever the check_existence, the check and the states.
    const auto& flag = object->second.flag;
    const auto& rule = test.check_existence;
    if (flag == "error") return Result::Error;
    if (flag == "not collected") return Result::Unknown;
    if (flag == "not applicable") return Result::NotApplicable;
    if (flag == "does not exist") {
      return rule == "none_exist" || rule == "any_exist" ? Result::True : Result::False;
    }
    const bool bare = test.state_refs.empty();

    auto& items = items_;
    items.clear();
    int exists = 0;
    int missing = 0;
    int errors = 0;
    int not_collected = 0;
    const auto& refs = object->second.item_refs;
    for (std::size_t i = 0; i < refs.size(); ++i) {
      const Item* item = object->second.items[i];
      if (item == nullptr) {
        out_.messages.emplace_back(id).append(": item ").append(refs[i]).append(" is missing");
        fold_repeated_messages();
        ++errors;
        continue;
      }
      // Items that exist, or whose collection failed, are checked against the states (a failed one
      // gives error or unknown); an item that does not exist is only counted for existence.
      const auto& status = item->status;
      if (status == "exists") {
        ++exists;
        items.push_back(item);
      } else if (status == "does not exist") {
        ++missing;
      } else if (status == "error") {
        ++errors;
        items.push_back(item);
      } else {
        ++not_collected;
        items.push_back(item);
      }
    }
    // An incomplete object may hold more items than were collected. TestType: its test is unknown,
    // except 1) none_exist with an item that exists is false, 2) only_one_exists with more than one
    // is false, 3) when no result but true has been determined by the existence check, a check that
    // evaluates false is false and "at least one" that evaluates true is true (docs/oval-engine.md).
    const bool incomplete = flag == "incomplete";
    auto result = existence(rule, exists, missing, errors, not_collected);
    if (incomplete) {
      if (rule == "none_exist" && exists >= 1) return Result::False;
      if (rule == "only_one_exists" && exists >= 2) return Result::False;
      if (result != Result::True || !existence_determined(rule, exists)) return Result::Unknown;
      if (bare) return result;
    }
    if (result != Result::True || bare) return result;
    if (items.empty()) return incomplete ? Result::Unknown : result;

    auto& tested = out_.tested_items[std::string(id)];
    tested.reserve(items.size());
    // One item's entities at a time, decoded once for all its states, and only those the states
    // compare: a file_item has 23, a state typically looks at one to three.
    auto& compared = compared_;
    compared.clear();
    bool all_states_known = true;
    for (const auto* state : test.states) {
      if (state == nullptr) {
        all_states_known = false;
        continue;
      }
      for (const auto& entity : state->entities) compared.emplace_back(entity.name);
    }
    Counts per_item;
    for (const auto* item : items) {
      Counts per_state;
      if (item->status == "exists") {
        const auto& entities = detail::item_entities(*item, scratch_, all_states_known ? &compared : nullptr);
        for (std::size_t s = 0; s < test.states.size(); ++s) {
          const auto* state = test.states[s];
          if (state == nullptr) {
            out_.messages.emplace_back(id).append(": no such state ").append(test.state_refs[s]);
            per_state.add(Result::Error);
          } else {
            per_state.add(state_on_entities(*state, entities, id));
          }
        }
      } else {
        per_state.add(item->status == "error" ? Result::Error : Result::Unknown);
      }
      const auto item_result = combine(test.state_operator, per_state);
      per_item.add(item_result);
      tested.emplace_back(item->id, item_result);
      fold_repeated_messages();
    }
    result = check(test.check, per_item);
    if (incomplete && result != Result::False && !(result == Result::True && test.check == "at least one")) {
      return Result::Unknown;
    }
    return result;
  }

  // A state entity against the item entities of the same name.
  Result entity_on_item(const Entity& state, const std::vector<Entity>& item_entities, std::string_view test_id) {
    Counts results;
    bool matched = false;
    bool erroneous = false;
    for (const auto& entity : item_entities) {
      if (entity.name != state.name) continue;
      if (entity.status == "error") erroneous = true;
      if (entity.status != "exists") continue;
      matched = true;
      results.add(state.record ? record_on_record(state, entity, test_id) : value_on_value(state, entity, test_id));
    }
    if (!matched) {
      if (erroneous) return Result::Error;
      if (state.record || !state.fields.empty()) return Result::Error;
      // An item without the entity says nothing about it (oscap agrees): unknown, not false.
      out_.messages.emplace_back(test_id).append(": the item has no '").append(state.name).append("'");
      return state.check_existence == "none_exist" ? Result::True : Result::Unknown;
    }
    return check(state.entity_check, results);
  }

  // Each state field against the item's fields of its name, as entity_on_item does for entities.
  Result record_on_record(const Entity& state, const Entity& item, std::string_view test_id) {
    Counts results;
    for (const auto& field : state.fields) {
      Counts per_field;
      for (const auto& candidate : item.fields) {
        if (candidate.name == field.name && candidate.status == "exists")
          per_field.add(value_on_value(field, candidate, test_id));
      }
      if (per_field.total() == 0) {
        // A state field the item lacks is an error (OVAL 5.11 EntityStateFieldType).
        out_.messages.emplace_back(test_id).append(": the record has no field '").append(field.name).append("'");
        results.add(Result::Error);
        continue;
      }
      results.add(check(field.entity_check, per_field));
    }
    return combine("AND", results);
  }

  Result value_on_value(const Entity& state, const Entity& item, std::string_view test_id) {
    if (state.var_ref.empty()) return compare(item.value, state.value, state, test_id);
    auto* values = values_of(state.var_ref, test_id);
    if (values == nullptr) return Result::Error;
    if (values->empty()) {
      // oval-definitions-schema.xsd, EntityAttributeGroup var_ref: a variable without any value,
      // referenced by a state, is an error (a local variable over an item field no item has).
      out_.messages.emplace_back(test_id).append(": variable ").append(state.var_ref).append(" has no value");
      return Result::Error;
    }
    Counts results;
    if (!values->many()) {
      for (const auto& value : values->all()) results.add(compare(item.value, value, state, test_id));
      return check(state.var_check, results);
    }
    // String equality is true for the values equal to the item's and false for the others, with
    // no message: counted by lookup instead of compared one by one.
    if (state.datatype == "string" &&
        (state.operation == "equals" || state.operation == "not equal" ||
         state.operation == "case insensitive equals" || state.operation == "case insensitive not equal")) {
      const bool ignoring_case = state.operation.starts_with("case");
      const int equal = ignoring_case ? values->count_equal_ignoring_case(item.value) : values->count_equal(item.value);
      const bool negated = state.operation.ends_with("not equal");
      results.t = negated ? values->size() - equal : equal;
      results.f = values->size() - results.t;
      return check(state.var_check, results);
    }
    // Each distinct value is compared once and counted as often as it occurs, its messages too.
    for (const auto& [value, occurrences] : values->distinct()) {
      const auto messages_before = out_.messages.size();
      const auto result = compare(item.value, value, state, test_id);
      for (int i = 0; i < occurrences; ++i) results.add(result);
      const auto messages_after = out_.messages.size();
      for (int i = 1; i < occurrences; ++i) {
        for (auto m = messages_before; m < messages_after; ++m) out_.messages.push_back(out_.messages[m]);
      }
    }
    return check(state.var_check, results);
  }

  Result compare(std::string_view item_value, std::string_view state_value, const Entity& state,
                 std::string_view test_id) {
    std::string why;
    const auto result = detail::compare(item_value, state_value, state.datatype, state.operation, why);
    if (!why.empty()) out_.messages.emplace_back(test_id).append(": ").append(state.name).append(": ").append(why);
    return result;
  }

  bool variable_values(std::string_view id, std::vector<std::string>& out, std::string_view test_id) {
    const auto* values = values_of(id, test_id);
    if (values == nullptr) return false;
    out = values->all();
    return true;
  }

  // A variable's values, or null (with the reason in the messages). They depend on no item, so
  // they are resolved once per evaluator: a state compared with every item of an object would
  // otherwise walk a local variable's object again for each item. Failures are not kept, so each
  // use reports its own message as before.
  detail::ComparedValues* values_of(std::string_view id, std::string_view test_id) {
    if (const auto cached = resolved_.find(id); cached != resolved_.end()) return &cached->second;
    std::vector<std::string> out;
    const std::vector<std::string>* given = nullptr;
    if (!resolve_variable(id, out, given, test_id)) return nullptr;
    if (given != nullptr) out = *given;
    return &resolved_.emplace(std::string(id), detail::ComparedValues(std::move(out))).first->second;
  }

  // `given` points at the values of a constant or external variable; a local variable's values
  // are computed into `out`.
  bool resolve_variable(std::string_view id, std::vector<std::string>& out, const std::vector<std::string>*& given,
                        std::string_view test_id) {
    const auto declared = definitions_.variables.find(id);
    if (declared == definitions_.variables.end()) {
      out_.messages.emplace_back(test_id).append(": no such variable ").append(id);
      return false;
    }
    const auto& variable = declared->second;
    if (variable.kind == "constant_variable") {
      given = &variable.values;
      return true;
    }
    if (variable.kind == "external_variable") {
      const auto found = externals_.find(std::string(id));
      if (found == externals_.end() || found->second.empty()) {
        out_.messages.emplace_back(test_id).append(": external variable ").append(id).append(" has no value");
        return false;
      }
      given = &found->second;
      return true;
    }
    if (variable.kind == "local_variable") {
      if (resolving_.size() >= detail::kMaxReferenceChain) {
        out_.messages.emplace_back(test_id)
            .append(": local variable ")
            .append(id)
            .append(": variables refer to each other more than ")
            .append(std::to_string(detail::kMaxReferenceChain))
            .append(" deep");
        return false;
      }
      if (!resolving_.insert(std::string(id)).second) {
        out_.messages.emplace_back(test_id).append(": local variable ").append(id).append(" refers to itself");
        return false;
      }
      std::string why;
      const auto component =
          std::find_if(variable.node.children().begin(), variable.node.children().end(), [](const pugi::xml_node& c) {
            return c.type() == pugi::node_element && local_name(c) != "notes" && local_name(c) != "Signature";
          });
      const bool ok = component != variable.node.children().end() &&
                      detail::local_values(
                          *component, system_,
                          [&](const std::string& ref, std::vector<std::string>& values) {
                            // The variable's own failure has its message; this one names the link.
                            if (variable_values(ref, values, test_id)) return true;
                            if (why.empty()) why = "it uses " + ref + ", which has no value";
                            return false;
                          },
                          out, why);
      resolving_.erase(std::string(id));
      if (!ok) out_.messages.emplace_back(test_id).append(": local variable ").append(id).append(": ").append(why);
      return ok;
    }
    out_.messages.emplace_back(test_id)
        .append(": ")
        .append(variable.kind)
        .append(" ")
        .append(id)
        .append(" is not supported");
    return false;
  }

  const DefinitionsDocument& definitions_;
  const SystemCharacteristics& system_;
  const std::map<std::string, std::vector<std::string>>& externals_;
  Analysis& out_;
  // Results already in out_, by definition (tests: outcomes_): hashing ids for these (and the
  // ordered maps' compares of long shared id prefixes before that) was a tenth of analysing.
  std::vector<std::optional<Result>> definition_results_;
  std::vector<bool> definition_in_progress_;
  std::size_t depth_ = 0;              // extend_definition chain being followed
  std::vector<TestOutcome> outcomes_;  // by Test::index, made by evaluate_all_tests
  std::set<std::string> resolving_;
  std::map<std::string, detail::ComparedValues, std::less<>> resolved_;
  // Reused by every test instead of allocated per test.
  std::vector<const Item*> items_;
  // The current test's messages, each with how often it was given, and how far they are folded.
  std::unordered_map<std::string, std::size_t> repeats_;
  std::size_t folded_ = 0;
  std::vector<std::string_view> compared_;
  std::vector<Entity> scratch_;
};

Result item_satisfies(const DefinitionsDocument& definitions, const std::string& state_ref, const Item& item,
                      const std::map<std::string, std::vector<std::string>>& externals, Analysis& messages) {
  static const SystemCharacteristics nothing;
  Evaluator evaluator(definitions, nothing, externals, messages);
  return evaluator.state_on_item(state_ref, item, state_ref);
}

}  // namespace detail

Result combine_results(std::string_view op, const std::vector<Result>& results) {
  return combine(op, results);
}

Analysis analyse(const DefinitionsDocument& definitions, const SystemCharacteristics& system,
                 const std::map<std::string, std::vector<std::string>>& external_variables, unsigned threads) {
  Analysis analysis;
  detail::Evaluator evaluator(definitions, system, external_variables, analysis);
  evaluator.all_definitions(threads);
  return analysis;
}

}  // namespace scapc::oval
