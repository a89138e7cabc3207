// Items that scapc collected itself from cmdlet output (collect_cmdlets), kept as references into
// that output instead of as a parsed document: an item is one returned object under one object's
// property selection, decoded when a test looks at it and printed when results are written. As a
// document, a host of 40,000 small receive connectors under twelve selections took 170 times the
// size of its bundle; this way an item costs a few dozen bytes beside the output it views.
#pragma once

#include <scapc/clixml.h>

#include <cstdint>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scapc::oval {
struct Entity;
struct SystemCharacteristics;
}  // namespace scapc::oval

namespace scapc::oval::detail {

// How an object selects the properties of what its cmdlet returns.
struct Selection {
  // Empty for cmdlet items; "registry_item", "service_item": items whose properties are the item's
  // own entities (windows_data.h), printed and tested as such.
  std::string item_type;
  std::string noun;                 // the items' noun; a scalar cmdlet's one value is named after it
  std::vector<std::string> select;  // as the object names them; empty: every property
  std::vector<std::string> fields;  // `select` lower-cased: the field names the items carry
  std::string field_of_noun;        // `noun` lower-cased
};

// An ind-def:variable_object's one item: the values of its variable.
struct VariableValues {
  std::string var_ref;
  std::string datatype;
  std::vector<std::string> values;
};

struct CollectedItem {
  const PsObject* object = nullptr;  // in CollectedItems::output; null: a variable_item
  std::uint32_t source = 0;          // its Selection, or its VariableValues when object is null
};

struct CollectedItems {
  std::shared_ptr<const CmdletOutput> output;  // what the items view
  std::string host_name;
  std::vector<Selection> selections;
  std::vector<VariableValues> variables;
  std::vector<CollectedItem> items;  // in id order: item i is numbered i + 1
  // Objects made from the output rather than read from it (services from Get-Service output), which
  // items view as they view the output's own.
  std::vector<PsObject> derived_services;
  // The field names of objects collected with every property: each property name of the output
  // (a view of one spelling of it there) to its lower-cased text in `names`. Filled while
  // collecting, read-only afterwards, so that tests may decode items on several threads.
  std::unordered_map<std::string_view, std::string_view> lowered;
  std::set<std::string, std::less<>> names;
};

// The entities of item `index` as a test sees them (verb, noun and the value record; var_ref and
// values), decoded into `out`; with `only`, just the entities of those names.
void collected_entities(const CollectedItems& items, std::uint32_t index, std::vector<Entity>& out,
                        const std::vector<std::string_view>* only = nullptr);

// The system characteristics of `system`, which holds collected items, as pugixml prints a parsed
// document (node.print with "  " indentation at `depth`). A value's carriage return is written as
// a character reference so that reading the document back keeps it, and a character XML cannot
// carry as U+FFFD.
void print_collected(const SystemCharacteristics& system, pugi::xml_writer& writer, unsigned depth,
                     std::string_view indent);

}  // namespace scapc::oval::detail
