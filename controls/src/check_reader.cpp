#include "check_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "json_document.h"
#include "text.h"

namespace scapc::controls::detail {
namespace {

using nlohmann::json;

// The verbs OVAL's cmdlet_object accepts: a check only ever reads.
constexpr std::array<std::string_view, 17> kReadOnlyVerbs{
    "Approve", "Assert",  "Compare", "Confirm", "Find", "Get",  "Import", "Measure", "Read",
    "Request", "Resolve", "Search",  "Select",  "Show", "Test", "Trace",  "Watch"};

class CheckReader {
 public:
  CheckReader(const Source& source, const std::vector<SiteValue>& values) : source_(source), values_(values) {}

  std::optional<Check> read(const json& node, const std::string& pointer, bool is_root, int depth) {
    if (!node.is_object()) {
      source_.error(pointer, std::string("a check must be an object, not ") + json_type_name(node));
      return std::nullopt;
    }
    if (depth >= kMaxNesting) {
      source_.error(pointer, "checks nested deeper than " + std::to_string(kMaxNesting) + " levels");
      return std::nullopt;
    }
    if (!is_root && node.contains("values")) {
      source_.error(child_pointer(pointer, "values"), "'values' may only appear on the root of a check");
    }
    int kinds = 0;
    for (const char* key : {"cmdlet", "registry", "service", "auditPolicy", "fileRights", "allOf", "anyOf", "not"})
      kinds += node.contains(key) ? 1 : 0;
    if (kinds != 1) {
      source_.error(pointer,
                    std::string(kinds == 0 ? "a check needs one of" : "a check has exactly one of") +
                        " 'cmdlet', 'registry', 'service', 'auditPolicy', 'fileRights', 'allOf', 'anyOf', 'not'");
      return std::nullopt;
    }
    FieldReader fields(source_, node, pointer);
    Check check;
    check.pointer = pointer;
    check.description = fields.string("description", Presence::Optional).value_or("");
    if (node.contains("cmdlet")) {
      fields.reject_unknown(
          {"cmdlet", "parameters", "properties", "filter", "condition", "require", "onEmpty", "description", "values"},
          Diagnostic::Level::Error, "a cmdlet check");
      check.kind = Check::Kind::Query;
      if (!read_query(fields, check.query)) return std::nullopt;
      return check;
    }
    for (const auto& [key, kind] : {std::pair{"registry", DataKind::Registry},
                                    {"service", DataKind::Service},
                                    {"auditPolicy", DataKind::AuditPolicy},
                                    {"fileRights", DataKind::FileRights}}) {
      if (!node.contains(key)) continue;
      fields.reject_unknown({key, "filter", "condition", "require", "onEmpty", "description", "values"},
                            Diagnostic::Level::Error, std::string("a ") + key + " check");
      check.kind = Check::Kind::Query;
      check.query.data = kind;
      check.query.cmdlet = key;
      if (!read_windows_object(fields, key, check.query) || !read_query(fields, check.query)) return std::nullopt;
      return check;
    }
    const char* key = node.contains("allOf") ? "allOf" : (node.contains("anyOf") ? "anyOf" : "not");
    fields.reject_unknown({key, "description", "values"}, Diagnostic::Level::Error,
                          std::string("an '") + key + "' check");
    if (std::string_view(key) == "not") {
      check.kind = Check::Kind::Not;
      auto child = read(node.at("not"), fields.pointer_of("not"), false, depth + 1);
      if (!child) return std::nullopt;
      check.children.push_back(std::move(*child));
      return check;
    }
    check.kind = std::string_view(key) == "allOf" ? Check::Kind::AllOf : Check::Kind::AnyOf;
    const json* children = fields.array(key, Presence::Required);
    if (children == nullptr) return std::nullopt;
    if (children->empty()) {
      source_.error(fields.pointer_of(key), std::string("'") + key + "' needs at least one check");
      return std::nullopt;
    }
    bool ok = true;
    for (std::size_t i = 0; i < children->size(); ++i) {
      auto child = read((*children)[i], child_pointer(fields.pointer_of(key), i), false, depth + 1);
      if (child) check.children.push_back(std::move(*child));
      ok = ok && child.has_value();
    }
    if (!ok) return std::nullopt;
    return check;
  }

 private:
  bool read_query(const FieldReader& fields, Query& query) {
    bool ok = true;
    if (query.data == DataKind::Cmdlet) {
      ok = read_cmdlet(fields, query);
      ok = read_parameters(fields, query) && ok;
      ok = read_properties(fields, query) && ok;
    }

    ConditionScope scope{values_, {}, 0};
    if (const json* filter = fields.any("filter", Presence::Optional)) {
      query.filter = read_condition(source_, *filter, fields.pointer_of("filter"), scope);
      ok = ok && query.filter.has_value();
    }
    if (const json* condition = fields.any("condition", Presence::Optional)) {
      query.condition = read_condition(source_, *condition, fields.pointer_of("condition"), scope);
      ok = ok && query.condition.has_value();
    }
    ok = reconcile_properties(fields, query, scope) && ok;

    query.require =
        fields
            .choice<Quantifier>(
                "require", "quantifier",
                {{"all", Quantifier::All}, {"atLeastOne", Quantifier::AtLeastOne}, {"none", Quantifier::None}}, ok)
            .value_or(Quantifier::All);
    query.on_empty = fields
                         .choice<EmptyResult>("onEmpty", "empty result",
                                              {{"pass", EmptyResult::Pass},
                                               {"fail", EmptyResult::Fail},
                                               {"notApplicable", EmptyResult::NotApplicable}},
                                              ok)
                         .value_or(EmptyResult::Fail);
    return ok;
  }

  bool read_cmdlet(const FieldReader& fields, Query& query) {
    const auto cmdlet = fields.string("cmdlet", Presence::Required);
    if (!cmdlet) return false;
    const auto dash = cmdlet->find('-');
    const auto verb = cmdlet->substr(0, dash == std::string::npos ? 0 : dash);
    const auto noun = dash == std::string::npos ? std::string() : cmdlet->substr(dash + 1);
    if (dash == std::string::npos || !is_word(verb) || !is_word(noun)) {
      source_.error(fields.pointer_of("cmdlet"), "'" + *cmdlet + "' is not a cmdlet name of the form Verb-Noun");
      return false;
    }
    const auto* const allowed = std::find_if(kReadOnlyVerbs.begin(), kReadOnlyVerbs.end(),
                                             [&](std::string_view v) { return iequals(v, verb); });
    if (allowed == kReadOnlyVerbs.end()) {
      std::string list;
      for (auto v : kReadOnlyVerbs) list += (list.empty() ? "" : ", ") + std::string(v);
      source_.error(fields.pointer_of("cmdlet"),
                    "verb '" + verb + "' may change the server; a check may only use " + list);
      return false;
    }
    query.verb = std::string(*allowed);  // PowerShell's spelling, as OVAL's enumeration requires
    query.noun = noun;
    query.cmdlet = query.verb + "-" + noun;
    return true;
  }

  bool read_parameters(const FieldReader& fields, Query& query) {
    const json* parameters = fields.object("parameters", Presence::Optional);
    if (parameters == nullptr) return !fields.has("parameters");
    bool ok = true;
    for (const auto& [name, value] : parameters->items()) {
      const auto at = child_pointer(fields.pointer_of("parameters"), name);
      if (!is_word(name)) {
        source_.error(at, "'" + name + "' is not a parameter name");
        ok = false;
        continue;
      }
      CmdletParameter parameter{name, {}};
      if (value.is_boolean()) {
        if (!value.get<bool>()) {
          source_.error(at, "a switch set to false is the same as leaving it out; remove it");
          ok = false;
        }
      } else if (value.is_string()) {
        if (!value.get_ref<const std::string&>().empty()) parameter.values.push_back(value.get<std::string>());
      } else if (value.is_number_integer()) {
        parameter.values.push_back(value.dump());
      } else if (value.is_array() && value.size() > 1) {
        // OVAL's cmdlet_object holds one text per parameter: a list joined into it would reach the
        // cmdlet as one name ("A,B"), match nothing, and pass a check that needs no objects.
        source_.error(at, "a parameter takes one value; to read several objects, give none and use a filter");
        ok = false;
        continue;
      } else if (value.is_array() && value.size() == 1 && value.front().is_string()) {
        parameter.values.push_back(value.front().get<std::string>());
      } else {
        source_.error(
            at, std::string("a parameter value must be a string, an integer, true, or an array of strings, not ") +
                    json_type_name(value));
        ok = false;
        continue;
      }
      query.parameters.push_back(std::move(parameter));
    }
    return ok;
  }

  bool read_properties(const FieldReader& fields, Query& query) {
    const json* properties = fields.array("properties", Presence::Optional);
    if (properties == nullptr) return !fields.has("properties");
    bool ok = true;
    for (std::size_t i = 0; i < properties->size(); ++i) {
      const auto at = child_pointer(fields.pointer_of("properties"), i);
      const json& name = (*properties)[i];
      if (!name.is_string()) {
        source_.error(at, std::string("a property name must be a string, not ") + json_type_name(name));
        ok = false;
        continue;
      }
      const auto& text = name.get_ref<const std::string&>();
      if (!is_property_name(text)) {
        source_.error(at, "'" + text + "' is not a property name (letters, digits and '_')");
        ok = false;
        continue;
      }
      const bool duplicate = std::any_of(query.properties.begin(), query.properties.end(),
                                         [&](const std::string& p) { return iequals(p, text); });
      if (duplicate) {
        source_.error(at, "property '" + text + "' is listed twice");
        ok = false;
        continue;
      }
      query.properties.push_back(text);
    }
    return ok;
  }

  // The object a registry, service or file rights check reads: `"registry": {"hive", "key", "name"}`,
  // `"service": {"name"}` (the service's short name), `"fileRights": {"path", "file", "trustee"}` (a
  // folder, optionally a file in it, and the trustees' SIDs; the path may be {"valueRef": site
  // value}), each a string or {"pattern": regex}.
  bool read_windows_object(const FieldReader& fields, const char* key, Query& query) {
    const json* object = fields.object(key, Presence::Required);
    if (object == nullptr) return false;
    if (query.data == DataKind::AuditPolicy) {  // the host has one audit policy: nothing picks it
      if (!object->empty()) source_.error(fields.pointer_of(key), "the audit policy object takes no fields: {}");
      return object->empty();
    }
    const bool registry = query.data == DataKind::Registry;
    const auto at = fields.pointer_of(key);
    FieldReader entities(source_, *object, at);
    const bool file_rights = query.data == DataKind::FileRights;
    if (registry) {
      entities.reject_unknown({"hive", "key", "name"}, Diagnostic::Level::Error, "a registry object");
    } else if (file_rights) {
      entities.reject_unknown({"path", "file", "trustee"}, Diagnostic::Level::Error, "a file rights object");
    } else {
      entities.reject_unknown({"name"}, Diagnostic::Level::Error, "a service object");
    }
    bool ok = true;
    const auto entity = [&](const char* field, const char* oval_name) {
      const json* value = object->contains(field) ? &object->at(field) : nullptr;
      if (value == nullptr) {
        source_.error(at, std::string("'") + field + "' is required");
        ok = false;
        return;
      }
      ObjectEntity out{oval_name, {}, false, {}, false};
      if (file_rights && std::string_view(field) == "path" && value->is_object() && value->size() == 1 &&
          value->contains("valueRef") && value->at("valueRef").is_string()) {
        out.value_ref = value->at("valueRef").get<std::string>();
        const auto* site_value = find_value(values_, out.value_ref);
        if (site_value == nullptr || site_value->type != ValueType::String) {
          source_.error(child_pointer(child_pointer(at, field), "valueRef"),
                        "no string site value '" + out.value_ref + "' is declared in this control's check");
          ok = false;
        }
      } else if (value->is_object() && value->size() == 1 && value->contains("pattern") &&
                 value->at("pattern").is_string()) {
        out.pattern = true;
        out.value = value->at("pattern").get<std::string>();
        ok = check_pattern(source_, out.value, child_pointer(child_pointer(at, field), "pattern")) && ok;
      } else if (value->is_string() && !value->get_ref<const std::string&>().empty()) {
        out.value = value->get<std::string>();
      } else {
        source_.error(child_pointer(at, field), "expected a non-empty string or {\"pattern\": regex}");
        ok = false;
        return;
      }
      query.entities.push_back(std::move(out));
    };
    if (registry) {
      entity("hive", "hive");
      entity("key", "key");
      entity("name", "name");
      if (ok && !query.entities.front().pattern && !canonical_hive(query.entities.front().value)) {
        source_.error(child_pointer(at, "hive"), "'" + query.entities.front().value +
                                                     "' is not a registry hive (HKEY_LOCAL_MACHINE, HKEY_USERS, "
                                                     "HKEY_CURRENT_CONFIG, HKEY_CLASSES_ROOT, HKEY_CURRENT_USER)");
        ok = false;
      }
      if (ok && !query.entities[1].pattern && query.entities[1].value.front() == '\\') {
        source_.error(child_pointer(at, "key"), "a key is written without a leading backslash, below its hive");
        ok = false;
      }
    } else if (file_rights) {
      entity("path", "path");
      if (ok && query.entities.front().pattern) {
        source_.error(child_pointer(at, "path"), "a folder is named exactly or by a site value, not by a pattern");
        ok = false;
      }
      // A file in the folder, named exactly; without one the folder itself.
      if (object->contains("file")) {
        entity("file", "filename");
        if (ok && query.entities.back().pattern) {
          source_.error(child_pointer(at, "file"), "a file is named exactly, not by a pattern");
          ok = false;
        }
      } else {
        query.entities.push_back({"filename", {}, false, {}, true});
      }
      entity("trustee", "trustee_sid");
    } else {
      entity("name", "service_name");
    }
    return ok;
  }

  // HKLM and friends in their full names, as OVAL's hive enumeration spells them.
  static bool canonical_hive(std::string& hive) {
    static const std::array<std::pair<std::string_view, std::string_view>, 5> kHives{{{"HKLM", "HKEY_LOCAL_MACHINE"},
                                                                                      {"HKU", "HKEY_USERS"},
                                                                                      {"HKCC", "HKEY_CURRENT_CONFIG"},
                                                                                      {"HKCR", "HKEY_CLASSES_ROOT"},
                                                                                      {"HKCU", "HKEY_CURRENT_USER"}}};
    for (const auto& [short_name, full] : kHives) {
      if (iequals(hive, short_name) || iequals(hive, full)) {
        hive = std::string(full);
        return true;
      }
    }
    return false;
  }

  // A declared property list must cover what the conditions read; without one, it is derived.
  // Registry and service items have fixed properties: a condition names one of them.
  bool reconcile_properties(const FieldReader& fields, Query& query, const ConditionScope& scope) {
    if (query.data != DataKind::Cmdlet) return windows_properties(query, scope);
    const bool declared = fields.has("properties");
    bool ok = true;
    for (const auto& used : scope.used_properties) {
      const auto& [name, pointer] = used;
      const std::string& property = name;  // clang 14 cannot capture a structured binding
      const bool listed = std::any_of(query.properties.begin(), query.properties.end(),
                                      [&](const std::string& p) { return iequals(p, property); });
      if (listed) continue;
      if (declared) {
        source_.error(pointer, "property '" + name + "' is used but not listed in " + fields.pointer_of("properties"));
        ok = false;
      } else {
        query.properties.push_back(name);
      }
    }
    return ok;
  }

  bool windows_properties(Query& query, const ConditionScope& scope) {
    const auto& known = item_properties(query.data);
    bool ok = true;
    for (const auto& [name, pointer] : scope.used_properties) {
      const std::string& property = name;  // clang 14 cannot capture a structured binding
      const auto found =
          std::find_if(known.begin(), known.end(), [&](const std::string& k) { return iequals(k, property); });
      if (found == known.end()) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        const std::string item = query.data == DataKind::AuditPolicy ? "an audit policy" : "a " + query.cmdlet;
        source_.error(pointer, item + " item has no property '" + name + "'; it has " + list);
        ok = false;
      } else if (std::find(query.properties.begin(), query.properties.end(), *found) == query.properties.end()) {
        query.properties.push_back(*found);
      }
    }
    return ok;
  }

  const Source& source_;
  const std::vector<SiteValue>& values_;
};

}  // namespace

std::optional<Check> read_check(const Source& source, const json& node, const std::string& pointer,
                                std::vector<SiteValue>& values) {
  if (node.is_object() && node.contains("values")) {
    auto declared = read_site_values(source, node.at("values"), child_pointer(pointer, "values"));
    for (auto& value : declared) values.push_back(std::move(value));
  }
  CheckReader reader(source, values);
  return reader.read(node, pointer, true, 0);
}

}  // namespace scapc::controls::detail
