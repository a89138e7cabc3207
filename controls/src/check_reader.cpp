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
    for (const char* key : {"cmdlet", "allOf", "anyOf", "not"}) kinds += node.contains(key) ? 1 : 0;
    if (kinds != 1) {
      source_.error(pointer, kinds == 0 ? "a check needs one of 'cmdlet', 'allOf', 'anyOf', 'not'"
                                        : "a check has exactly one of 'cmdlet', 'allOf', 'anyOf', 'not'");
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
      check.kind = Check::Kind::Cmdlet;
      if (!read_query(fields, check.query)) return std::nullopt;
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
  bool read_query(const FieldReader& fields, CmdletQuery& query) {
    bool ok = read_cmdlet(fields, query);
    ok = read_parameters(fields, query) && ok;
    ok = read_properties(fields, query) && ok;

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

  bool read_cmdlet(const FieldReader& fields, CmdletQuery& query) {
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

  bool read_parameters(const FieldReader& fields, CmdletQuery& query) {
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
      } else if (value.is_array() && !value.empty() &&
                 std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); })) {
        for (const auto& v : value) parameter.values.push_back(v.get<std::string>());
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

  bool read_properties(const FieldReader& fields, CmdletQuery& query) {
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

  // A declared property list must cover what the conditions read; without one, it is derived.
  bool reconcile_properties(const FieldReader& fields, CmdletQuery& query, const ConditionScope& scope) {
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
