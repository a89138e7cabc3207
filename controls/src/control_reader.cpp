#include "control_reader.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "check_reader.h"
#include "json_document.h"
#include "scapc/controls/placeholders.h"
#include "text.h"

namespace scapc::controls::detail {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 8> kKnownFrameworks{"Best Practice", "DISA", "CIS",   "BSI",
                                                           "NIS2",          "ISM",  "ANSSI", "CISA"};

bool is_control_id(const std::string& id) {
  return !id.empty() && std::isalpha(static_cast<unsigned char>(id[0])) != 0 &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
         });
}

std::string joined(const auto& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

void read_identity(const Source& source, const FieldReader& fields, Control& control) {
  if (auto id = fields.string("id", Presence::Required)) {
    if (!is_control_id(*id)) {
      source.error(fields.pointer_of("id"),
                   "control id '" + *id + "' must start with a letter and hold only letters, digits, '.', '_', '-'");
    }
    control.id = *id;
  }
  control.title = fields.string("title", Presence::Required, false).value_or("");
  control.description = fields.string("description", Presence::Required, false).value_or("");
  control.category = fields.string("category", Presence::Required, false).value_or("");
  control.subject = fields.string("subject", Presence::Optional).value_or("");
  control.considerations = fields.string("considerations", Presence::Optional).value_or("");
  control.verify = fields.boolean("verify", Presence::Optional).value_or(true);
}

void read_rating(const Source& source, const FieldReader& fields, Control& control) {
  if (const auto severity = fields.string("severity", Presence::Required)) {
    if (iequals(*severity, "low")) {
      control.severity = Severity::Low;
    } else if (iequals(*severity, "medium")) {
      control.severity = Severity::Medium;
    } else if (iequals(*severity, "high")) {
      control.severity = Severity::High;
    } else {
      source.error(fields.pointer_of("severity"),
                   "unknown severity '" + *severity + "' (expected Low, Medium or High)");
    }
  }
  if (const auto weight = fields.integer("severityWeight", Presence::Required)) {
    if (*weight < 0 || *weight > 10) {
      source.error(fields.pointer_of("severityWeight"),
                   "severityWeight " + std::to_string(*weight) + " is outside 0 to 10");
    } else {
      control.severity_weight = static_cast<int>(*weight);
    }
  }
}

// Reads an array of strings, reporting elements of other types.
std::vector<std::pair<std::string, std::string>> read_names(const Source& source, const FieldReader& fields,
                                                            std::string_view key) {
  std::vector<std::pair<std::string, std::string>> names;  // value, pointer
  const json* array = fields.array(key, Presence::Required);
  if (array == nullptr) return names;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto at = child_pointer(fields.pointer_of(key), i);
    if (!(*array)[i].is_string()) {
      source.error(at, std::string("must be a string, not ") + json_type_name((*array)[i]));
      continue;
    }
    names.emplace_back((*array)[i].get<std::string>(), at);
  }
  return names;
}

void read_scope(const Source& source, const FieldReader& fields, Control& control) {
  for (auto& [name, at] : read_names(source, fields, "frameworks")) {
    if (std::find(kKnownFrameworks.begin(), kKnownFrameworks.end(), name) == kKnownFrameworks.end()) {
      source.warning(at, "unknown framework '" + name + "' (known: " + joined(kKnownFrameworks) + ")");
    }
    control.frameworks.push_back(std::move(name));
  }
  const auto roles = read_names(source, fields, "roles");
  if (const json* array = fields.any("roles", Presence::Optional);
      array != nullptr && array->is_array() && array->empty()) {
    source.error(fields.pointer_of("roles"), "'roles' needs at least one role (Mailbox or Edge)");
  }
  for (const auto& [name, at] : roles) {
    if (iequals(name, "mailbox")) {
      control.roles.emplace_back("Mailbox");
    } else if (iequals(name, "edge")) {
      control.roles.emplace_back("Edge");
    } else {
      source.error(at, "unknown role '" + name + "' (expected Mailbox or Edge)");
    }
  }
}

void read_references(const Source& source, const FieldReader& fields, Control& control) {
  const json* references = fields.array("references", Presence::Optional);
  if (references == nullptr) return;
  for (std::size_t i = 0; i < references->size(); ++i) {
    const auto at = child_pointer(fields.pointer_of("references"), i);
    const json& node = (*references)[i];
    if (!node.is_object()) {
      source.error(at, std::string("a reference must be an object, not ") + json_type_name(node));
      continue;
    }
    FieldReader reference_fields(source, node, at);
    reference_fields.reject_unknown({"name", "url", "sameCheck"}, Diagnostic::Level::Warning, "a reference");
    Reference reference;
    reference.name = reference_fields.string("name", Presence::Required, false).value_or("");
    reference.url = reference_fields.string("url", Presence::Optional).value_or("");
    reference.same_check = reference_fields.boolean("sameCheck", Presence::Optional).value_or(false);
    auto stig = stig_reference_of(reference);
    if (reference.same_check && (!stig || stig->vuln_id.empty())) {
      source.error(child_pointer(at, "sameCheck"), "'sameCheck' needs a reference naming a STIG rule by V-ID");
    }
    if (stig) control.stig_references.push_back(std::move(*stig));
    control.references.push_back(std::move(reference));
  }
}

// "notApplicableWhen": the site conditions under which the control does not apply.
void read_site_conditions(const Source& source, const FieldReader& fields, Control& control) {
  if (fields.any("notApplicableWhen", Presence::Optional) == nullptr) return;
  for (const auto& [name, at] : read_names(source, fields, "notApplicableWhen")) {
    SiteCondition condition{};
    if (!parse_site_condition(name, condition)) {
      source.error(at, "unknown site condition '" + name +
                           "' (known: siprEnclave, emailGateway, thirdPartyMonitoring, noAutoForwarding, "
                           "noServiceProvider, noPublicFolders)");
    } else if (std::find(control.not_applicable_when.begin(), control.not_applicable_when.end(), condition) ==
               control.not_applicable_when.end()) {
      control.not_applicable_when.push_back(condition);
    }
  }
}

void read_remediation(const Source& source, const FieldReader& fields, Control& control) {
  const json* remediation = fields.object("remediation", Presence::Optional);
  if (remediation == nullptr) return;
  FieldReader remediation_fields(source, *remediation, fields.pointer_of("remediation"));
  remediation_fields.reject_unknown({"automatable", "description", "scriptTemplate"}, Diagnostic::Level::Warning,
                                    "remediation");
  control.remediation.automatable = remediation_fields.boolean("automatable", Presence::Optional).value_or(false);
  control.remediation.description = remediation_fields.string("description", Presence::Optional).value_or("");
  control.remediation.script_template = remediation_fields.string("scriptTemplate", Presence::Optional).value_or("");
}

// {{value_id}} placeholders in the script template must name a site value of the control.
void check_placeholders(const Source& source, const FieldReader& fields, const Control& control) {
  for (const auto& placeholder : find_placeholders(control.remediation.script_template)) {
    const auto& name = placeholder.name;
    const bool declared = std::any_of(control.values.begin(), control.values.end(),
                                      [&](const SiteValue& value) { return value.id == name; });
    if (!declared) {
      source.error(child_pointer(fields.pointer_of("remediation"), "scriptTemplate"),
                   "placeholder '{{" + name + "}}' names no site value of this control");
    }
  }
}

}  // namespace

std::optional<Control> read_control(const Source& source, const json& node, const std::string& pointer) {
  if (!node.is_object()) {
    source.error(pointer, std::string("a control must be an object, not ") + json_type_name(node));
    return std::nullopt;
  }
  FieldReader fields(source, node, pointer);
  fields.reject_unknown(
      {"id", "title", "description", "verify", "subject", "category", "severity", "severityWeight", "frameworks",
       "references", "remediation", "considerations", "roles", "notApplicableWhen", "check"},
      Diagnostic::Level::Warning, "a control");
  Control control;
  control.source = source.file;
  control.pointer = pointer;
  read_identity(source, fields, control);
  read_rating(source, fields, control);
  read_scope(source, fields, control);
  read_references(source, fields, control);
  read_site_conditions(source, fields, control);
  read_remediation(source, fields, control);
  if (const json* check = fields.any("check", Presence::Optional)) {
    control.check = read_check(source, *check, fields.pointer_of("check"), control.values);
  }
  check_placeholders(source, fields, control);
  return control;
}

}  // namespace scapc::controls::detail
