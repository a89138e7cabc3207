// OVAL definitions rules from the platform schematron that `oscap oval validate` does not run
// (scap-brief §5.1): a test's object and states, an object's filters and set members are all of the
// test's or object's own family (X_test -> X_object / X_state), and record entities say
// datatype="record". That referenced ids exist is the XSD keyrefs' job; it is checked here only
// where no keyref ran (Findings::xsd_checked_references).
#include <algorithm>
#include <array>
#include <string_view>

#include "checks.h"
#include "xml_tree.h"

namespace scapc::validation::detail {
namespace {

constexpr std::string_view kPlatformPrefix = "http://oval.mitre.org/XMLSchema/oval-definitions-5#";

// Every entity of OVAL 5.11.2 typed EntityObjectRecordType or EntityStateRecordType. The XSD cannot
// restrict the inherited datatype attribute, so each platform schema asserts datatype='record' in
// schematron; the list comes from grepping the 5.11.2 *-definitions-schema.xsd files.
struct RecordEntity {
  std::string_view platform;  // namespace suffix after '#'
  std::string_view element;
  std::string_view entity;
};
constexpr std::array<RecordEntity, 12> kRecordEntities{{
    {"apple_ios", "profile_state", "payload"},
    {"independent", "ldap57_state", "value"},
    {"independent", "sql57_state", "result"},
    {"solaris", "packagepublisher_state", "properties"},
    {"solaris", "virtualizationinfo_state", "properties"},
    {"windows", "activedirectory57_state", "value"},
    {"windows", "wmi57_state", "result"},
    {"windows", "cmdlet_object", "parameters"},
    {"windows", "cmdlet_object", "select"},
    {"windows", "cmdlet_state", "parameters"},
    {"windows", "cmdlet_state", "select"},
    {"windows", "cmdlet_state", "value"},
}};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "cmdlet" for win-def:cmdlet_test; "" when the name does not end in `suffix`.
std::string_view family(const xmlNode* node, std::string_view suffix) {
  const std::string_view name = local_name(node);
  return ends_with(name, suffix) ? name.substr(0, name.size() - suffix.size()) : std::string_view();
}

bool same_family(const xmlNode* target, const xmlNode* owner, std::string_view owner_family, std::string_view suffix) {
  return namespace_uri(target) == namespace_uri(owner) &&
         local_name(target) == std::string(owner_family) + std::string(suffix);
}

struct OvalIndex {
  IdIndex objects;
  IdIndex states;
};

// The parts of one oval_definitions document that references can reach.
OvalIndex index_definitions(const xmlNode* definitions) {
  OvalIndex index;
  for (const xmlNode* objects : children(definitions, ns::kOvalDefinitions, "objects")) {
    for (const xmlNode* object : elements(objects)) index.objects.emplace(attribute(object, "id"), object);
  }
  for (const xmlNode* states : children(definitions, ns::kOvalDefinitions, "states")) {
    for (const xmlNode* state : elements(states)) index.states.emplace(attribute(state, "id"), state);
  }
  return index;
}

// `owner` (a test or object, of `owner_family`) references `id` through element `at`; the target
// must be a `owner_family + suffix` in the owner's namespace.
void check_reference(const xmlNode* owner, std::string_view owner_family, const xmlNode* at, const std::string& id,
                     const IdIndex& targets, std::string_view suffix, const std::string& what,
                     const Findings& findings) {
  const std::string expected = written_like(owner, std::string(owner_family) + std::string(suffix));
  const auto found = targets.find(id);
  if (found == targets.end()) {
    if (!findings.xsd_checked_references) {
      findings.error(at, written_name(owner) + " '" + attribute(owner, "id") + "' references " + what + " '" + id +
                             "', which is not in this oval_definitions");
    }
    return;
  }
  if (same_family(found->second, owner, owner_family, suffix)) return;
  findings.error(at, written_name(owner) + " '" + attribute(owner, "id") + "' references " +
                         written_name(found->second) + " '" + id + "' as its " + what + "; expected " + expected);
}

void check_test(const xmlNode* test, const OvalIndex& index, const Findings& findings) {
  const std::string_view test_family = family(test, "_test");
  if (test_family.empty()) return;
  const std::string_view uri = namespace_uri(test);
  for (const xmlNode* object : children(test, uri, "object")) {
    check_reference(test, test_family, object, attribute(object, "object_ref"), index.objects, "_object", "object",
                    findings);
  }
  for (const xmlNode* state : children(test, uri, "state")) {
    check_reference(test, test_family, state, attribute(state, "state_ref"), index.states, "_state", "state", findings);
  }
}

bool is_record_entity(const xmlNode* owner, const xmlNode* entity, const RecordEntity& record) {
  const std::string_view uri = namespace_uri(owner);
  return uri.substr(0, kPlatformPrefix.size()) == kPlatformPrefix &&
         uri.substr(kPlatformPrefix.size()) == record.platform && local_name(owner) == record.element &&
         local_name(entity) == record.entity && namespace_uri(entity) == uri;
}

// Required even on a nil entity: the schematron asserts it on the element, not on its fields.
void check_record_datatypes(const xmlNode* owner, const Findings& findings) {
  for (const xmlNode* entity : elements(owner)) {
    const bool record = std::any_of(kRecordEntities.begin(), kRecordEntities.end(), [&](const RecordEntity& candidate) {
      return is_record_entity(owner, entity, candidate);
    });
    if (!record) continue;
    const std::string datatype = attribute(entity, "datatype");
    if (datatype == "record") continue;
    std::string message = written_name(entity) + " of " + written_name(owner) + " '" + attribute(owner, "id") +
                          "' must have datatype=\"record\"";
    if (has_attribute(entity, "datatype")) message += " (it has datatype=\"" + datatype + "\")";
    findings.error(entity, std::move(message));
  }
}

// Filters (in the object or in its set) name states; set members name objects.
void check_object(const xmlNode* object, const OvalIndex& index, const Findings& findings) {
  check_record_datatypes(object, findings);
  const std::string_view object_family = family(object, "_object");
  if (object_family.empty()) return;
  for (const xmlNode* filter : descendants(object, ns::kOvalDefinitions, "filter")) {
    check_reference(object, object_family, filter, text(filter), index.states, "_state", "filter state", findings);
  }
  for (const xmlNode* member : descendants(object, ns::kOvalDefinitions, "object_reference")) {
    check_reference(object, object_family, member, text(member), index.objects, "_object", "set object", findings);
  }
}

}  // namespace

constexpr std::array<const char*, 5> kOvalSections{"definitions", "tests", "objects", "states", "variables"};

void check_oval_definitions(const xmlNode* definitions, const Findings& findings) {
  // The OVAL schematron (which oscap oval validate runs) wants at least one section.
  const bool any_section = std::any_of(kOvalSections.begin(), kOvalSections.end(), [&](const char* section) {
    return !children(definitions, ns::kOvalDefinitions, section).empty();
  });
  if (!any_section) {
    findings.error(definitions,
                   "oval_definitions holds no definitions, tests, objects, states or variables; it needs at least one");
  }
  const OvalIndex index = index_definitions(definitions);
  for (const xmlNode* tests : children(definitions, ns::kOvalDefinitions, "tests")) {
    for (const xmlNode* test : elements(tests)) check_test(test, index, findings);
  }
  for (const xmlNode* objects : children(definitions, ns::kOvalDefinitions, "objects")) {
    for (const xmlNode* object : elements(objects)) check_object(object, index, findings);
  }
  for (const xmlNode* states : children(definitions, ns::kOvalDefinitions, "states")) {
    for (const xmlNode* state : elements(states)) check_record_datatypes(state, findings);
  }
}

}  // namespace scapc::validation::detail
