// OVAL 5.11.2 definitions model for Windows checks, and its writer. Only what the compiler emits is
// modelled: compliance/inventory definitions over win-def tests (cmdlet, registry, service), and
// the independent variable tests that read a site's declaration from an external variable.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

namespace scapc::oval {

inline constexpr const char* kSchemaVersion = "5.11.2";

// A field of a record entity (`parameters`, `select`, `value`); names are lower-case.
struct Field {
  std::string name;
  std::string datatype = "string";
  std::string operation = "equals";
  std::string value;
  std::string var_ref;
  std::string var_check;
  std::string entity_check;  // state fields only; empty = schema default (all)
  bool nil = false;          // object entities only: xsi:nil (a fileeffectiverights53 filename: the folder)
};

struct Filter {
  bool include = true;
  std::string state_ref;
};

// An object built from two others (OVAL set, set_operator UNION/INTERSECTION/COMPLEMENT).
struct ObjectSet {
  std::string set_operator;
  std::vector<std::string> object_refs;  // one or two
};

// A win-def object of type `item` ("cmdlet" -> cmdlet_object, "registry" -> registry_object, …).
struct WindowsObject {
  std::string item = "cmdlet";
  std::string id;
  std::string comment;
  std::vector<Field> entities;  // other than cmdlet: the object's entities, in the schema's order
  std::string verb;
  std::string noun;
  std::vector<Field> parameters;  // empty: nil
  std::vector<Field> select;      // empty: nil
  std::vector<Filter> filters;
  std::vector<ObjectSet> set;  // non-empty: the object is this set (entities unused)
};

struct WindowsState {
  std::string item = "cmdlet";
  std::string id;
  std::string comment;
  std::vector<Field> value;  // cmdlet: the fields of the value record; other items: the entities, in order
};

struct WindowsTest {
  std::string item = "cmdlet";
  std::string id;
  std::string comment;
  std::string check = "all";
  std::string check_existence = "at_least_one_exists";
  std::string state_operator = "AND";
  std::string object_ref;
  std::vector<std::string> state_refs;
};

struct CriteriaNode {
  enum class Kind { Criteria, Criterion, ExtendDefinition };
  Kind kind = Kind::Criteria;
  std::string op = "AND";
  bool negate = false;
  std::string comment;
  std::string ref;  // test_ref or definition_ref
  std::vector<CriteriaNode> children;
};

struct DefinitionReference {
  std::string source;
  std::string ref_id;
  std::string ref_url;
};

struct Definition {
  std::string id;
  std::string cls = "compliance";
  std::string title;
  std::string description;
  std::vector<std::string> products;
  std::vector<DefinitionReference> references;
  CriteriaNode criteria;
};

struct ExternalVariable {
  std::string id;
  std::string datatype;
  std::string comment;
};

// "The site has not declared X": an ind-def:variable_test over a variable_object whose filter keeps
// the variable's value only when it is `declared`, so that no item exists unless the site set the
// value. oscap binds no exported value for platform checks, and with none bound it lets the rule
// apply, as it does by default; scapc binds the run's exports, and a variable left unbound is an
// error there, which leaves the platform undetermined rather than decided.
struct UndeclaredTest {
  std::string test_id;
  std::string object_id;
  std::string state_id;
  std::string variable;           // the external variable the rule's check exports the Value to
  std::string declared = "true";  // the value that declares the condition
  std::string datatype = "boolean";
  std::string comment;
};

// A value computed from collected items: one field of the items of `object_ref`
// (local_variable with an object_component over item_field "value", record_field `record_field`).
struct LocalVariable {
  std::string id;
  std::string datatype;
  std::string comment;
  std::string object_ref;
  std::string record_field;  // lower case, as the cmdlet item's record names it
};

struct Definitions {
  std::string product_name;
  std::string product_version;
  std::string timestamp;  // dateTime
  std::vector<Definition> definitions;
  std::vector<WindowsTest> tests;
  std::vector<WindowsObject> objects;
  std::vector<WindowsState> states;
  std::vector<UndeclaredTest> undeclared;
  std::vector<ExternalVariable> variables;
  std::vector<LocalVariable> local_variables;
};

pugi::xml_document to_document(const Definitions& definitions);

}  // namespace scapc::oval
