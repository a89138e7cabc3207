// What the analysis reads from definitions and system characteristics: entities by local name,
// independent of the platform schema they come from.
#pragma once

#include <scapc/input.h>
#include <scapc/oval_analysis.h>
#include <scapc/xml_names.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace scapc::oval {

// Every text below is a view: into the document the entity was read from (which the
// DefinitionsDocument or SystemCharacteristics owning the entity keeps), a literal default, or
// storage of whoever built the entity (the cmdlet collector). Owning copies of nine strings per
// entity, decoded again for every item a test looks at, were the larger part of evaluating.
struct Entity {
  std::string_view name;  // local name ("value", "path") or the field name inside a record
  std::string_view datatype = "string";
  std::string_view operation = "equals";
  std::string_view value;
  std::string_view var_ref;
  std::string_view var_check = "all";
  std::string_view entity_check = "all";
  std::string_view check_existence = "at_least_one_exists";  // state entities
  std::string_view status = "exists";                        // item entities
  bool nil = false;
  bool record = false;
  std::vector<Entity> fields;
};

// Ids, references and attribute values below are views into DefinitionsDocument::source (or
// literal defaults), as the index keys are.
struct State {
  std::string_view id;
  std::string_view type;  // local name, e.g. cmdlet_state
  std::string_view op = "AND";
  std::vector<Entity> entities;
};

struct Test {
  std::string_view id;
  std::string_view type;
  std::string_view version = "1";
  std::string_view check = "all";
  std::string_view check_existence = "at_least_one_exists";
  std::string_view state_operator = "AND";
  std::string_view object_ref;
  std::vector<std::string_view> state_refs;
  // Resolved once the document is indexed, so evaluating follows pointers instead of hashing ids:
  // the states of state_refs (nullptr: not in the document) and the test's place in index order.
  std::vector<const State*> states;
  std::uint32_t index = 0;
};

inline constexpr std::uint32_t kUnresolved = UINT32_MAX;

struct Criteria {
  enum class Kind { Criteria, Criterion, ExtendDefinition };
  Kind kind = Kind::Criteria;
  std::string_view op = "AND";
  bool negate = false;
  bool applicability_check = false;
  bool has_applicability_check = false;
  std::string_view ref;  // test or definition
  std::vector<Criteria> children;
  // `ref` resolved after indexing: the test (nullptr when the document has none of that id) or
  // the definition's place in DefinitionsDocument::definitions (kUnresolved when it has none).
  const Test* test = nullptr;
  std::uint32_t definition = kUnresolved;
};

struct DefinitionEntry {
  std::string_view id;
  std::string_view version = "1";
  std::string_view cls;
  bool has_criteria = false;
  Criteria criteria;
};

struct Variable {
  std::string id;
  std::string kind;  // external_variable, constant_variable, local_variable
  std::string datatype = "string";
  std::vector<std::string> values;  // constant values
  pugi::xml_node node;              // local variables: the component tree (in DefinitionsDocument::source)
};

struct DefinitionsDocument {
  pugi::xml_document source;
  input::FileSpan root_span;  // read from a file: where its bytes are, to copy into results
  std::vector<DefinitionEntry> definitions;
  // Keyed by views of the id attributes in `source`: a second owning copy of every id cost some
  // megabytes per 10,000 tests and states.
  std::unordered_map<std::string_view, std::size_t> definition_index;
  std::unordered_map<std::string_view, Test> tests;
  std::unordered_map<std::string_view, State> states;
  std::unordered_map<std::string_view, Variable> variables;
  std::unordered_set<std::string_view> object_ids;            // a test naming anything else is a content error
  std::unordered_map<std::string_view, std::string> cmdlets;  // cmdlet_object id -> "Get-SendConnector"
};

namespace detail {
struct CollectedItems;
}

// Items and collected objects point into SystemCharacteristics::source, the document they are read
// from, or into SystemCharacteristics::text: owning copies of 100,000 ids cost more time and memory
// than the rest of the index.
struct Item {
  std::string_view id;
  std::string_view type;
  std::string_view status = "exists";
  // Items of a document keep their element and are decoded when a test looks at them
  // (detail::item_entities): decoded up front, 100,000 items took more memory than the documents
  // themselves. Items scapc collected are decoded from the cmdlet output they view instead.
  pugi::xml_node node;
  const detail::CollectedItems* collected = nullptr;
  std::uint32_t collected_index = 0;
};

struct CollectedObject {
  std::string_view id;
  std::string_view flag;
  std::vector<std::string_view> item_refs;
  std::vector<const Item*> items;  // item_refs resolved while indexing; nullptr: not in the document
};

struct SystemCharacteristics {
  std::string text;  // collected items' and objects' ids, which they view
  pugi::xml_document source;
  // Items scapc collected from cmdlet output (collect_cmdlets), when the system characteristics were
  // not read from a document: `source` is then empty.
  std::shared_ptr<const detail::CollectedItems> collected;
  input::FileSpan root_span;
  std::unordered_map<std::string_view, CollectedObject> objects;
  std::vector<Item> items;  // in document order; the objects point at them
};

// The system characteristics element as pugixml prints it at `depth` ("  " indentation), whether
// read from a document or collected by scapc.
void print_system(const SystemCharacteristics& system, pugi::xml_writer& writer, unsigned depth,
                  std::string_view indent = "  ");

// A definition's or test's result in an analysis; one the analysis never reached is not evaluated.
inline Result result_in(const std::map<std::string, Result, std::less<>>& results, std::string_view id) {
  const auto found = results.find(id);
  return found == results.end() ? Result::NotEvaluated : found->second;
}

// OVAL's NOT: true and false swap, every other result stays.
inline Result negated(Result r, bool negate) {
  if (!negate) return r;
  if (r == Result::True) return Result::False;
  if (r == Result::False) return Result::True;
  return r;
}

// The OperatorEnumeration truth tables over the results of a criteria's children (evaluate.cpp).
Result combine_results(std::string_view op, const std::vector<Result>& results);

namespace detail {
// extend_definition, variable_component and set object_reference chains are followed recursively;
// a document can make them as long as it has elements, so past this length they are an error.
inline constexpr std::size_t kMaxReferenceChain = 1000;

// The values of a local variable's component tree; `variable` resolves variable_component
// references. False (with `why`) for an unsupported function or bad input.
bool local_values(const pugi::xml_node& component, const SystemCharacteristics& system,
                  const std::function<bool(const std::string&, std::vector<std::string>&)>& variable,
                  std::vector<std::string>& out, std::string& why);

// The entities of `item`, decoded into `scratch` from its element or the cmdlet output it views.
// With `only`, an entity is decoded only if its name is among those (the ones a test's states
// compare).
const std::vector<Entity>& item_entities(const Item& item, std::vector<Entity>& scratch,
                                         const std::vector<std::string_view>* only = nullptr);

// Whether `item` satisfies the state (for object filters while collecting); messages go to `messages`.
Result item_satisfies(const DefinitionsDocument& definitions, const std::string& state_ref, const Item& item,
                      const std::map<std::string, std::vector<std::string>>& externals, Analysis& messages);
}  // namespace detail

using xml::local_name;

}  // namespace scapc::oval
