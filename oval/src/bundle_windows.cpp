// The bundle's "windows" section: registry keys, services, the audit policy and file rights, read as
// registry_item, service_item, auditeventpolicysubcategories_item and fileeffectiverights_item entities.
#include <scapc/oval_items.h>

#include <array>
#include <cctype>
#include <map>

#include "exchange_text.h"
#include "windows_data.h"

namespace scapc::oval::detail {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kHives{"HKEY_LOCAL_MACHINE", "HKEY_USERS", "HKEY_CURRENT_CONFIG",
                                                 "HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER"};
// HKLM and friends in the full names OVAL's hive enumeration has.
bool canonical_hive(std::string& hive) {
  constexpr std::array<std::string_view, 5> kShort{"HKLM", "HKU", "HKCC", "HKCR", "HKCU"};
  for (std::size_t i = 0; i < kHives.size(); ++i) {
    if (same_ignoring_case(hive, kHives[i]) || same_ignoring_case(hive, kShort[i])) {
      hive = std::string(kHives[i]);
      return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 10> kRegistryTypes{
    "reg_binary", "reg_dword", "reg_expand_sz",           "reg_multi_sz",         "reg_none",
    "reg_qword",  "reg_sz",    "reg_dword_little_endian", "reg_dword_big_endian", "reg_qword_little_endian"};
// service_item's entities other than its name, in the schema's order; the ones that may repeat.
constexpr std::array<std::string_view, 11> kServiceEntities{
    "display_name", "description", "service_type", "start_type",   "current_state", "controls_accepted",
    "start_name",   "path",        "pid",          "service_flag", "dependencies"};

constexpr std::array<std::string_view, 4> kAuditSettings{"AUDIT_NONE", "AUDIT_SUCCESS", "AUDIT_FAILURE",
                                                         "AUDIT_SUCCESS_FAILURE"};

class WindowsReader {
 public:
  WindowsReader(const std::string& name, Bundle& out, std::string& error) : name_(name), out_(out), error_(error) {}

  bool read(const json& windows) {
    if (!windows.is_object()) return fail("/windows", "not an object");
    for (const auto& [key, value] : windows.items()) {
      if (key != "registry" && key != "services" && key != "auditPolicy" && key != "fileRights")
        return fail("/windows/" + key, "unknown member");
    }
    if (windows.contains("registry") && !read_registry(windows["registry"])) return false;
    if (windows.contains("services") && !read_services(windows["services"])) return false;
    if (windows.contains("auditPolicy") && !read_audit_policy(windows["auditPolicy"])) return false;
    if (windows.contains("fileRights") && !read_file_rights(windows["fileRights"])) return false;
    return true;
  }

 private:
  bool fail(const std::string& pointer, const std::string& why) {
    error_ = name_ + ":" + pointer + ": " + why;
    return false;
  }

  static bool known(std::string_view text, const auto& names) {
    return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return same_ignoring_case(n, text); });
  }

  bool string_member(const json& object, const char* member, const std::string& at, std::string& out, bool required) {
    if (!object.contains(member)) return !required || fail(at + "/" + member, "missing");
    if (!object[member].is_string()) return fail(at + "/" + member, "not a string");
    out = object[member].get<std::string>();
    return true;
  }

  // An entry the collector could not read ("error": why, recorded as a failure) or found missing
  // ("exists": false, no objects): `objects` stays null. Otherwise it is the list the entry's objects
  // go to. False on bad input.
  bool read_presence(const json& entry, const std::string& at, const std::string& output_key,
                     std::vector<PsObject>*& objects) {
    if (entry.contains("error")) {
      std::string why;
      if (!string_member(entry, "error", at, why, true)) return false;
      out_.failed[output_key] = why;
      return true;
    }
    auto& listed = out_.output[output_key];
    if (entry.contains("exists")) {
      if (!entry["exists"].is_boolean()) return fail(at + "/exists", "not a boolean");
      if (!entry["exists"].get<bool>()) return true;
    }
    objects = &listed;
    return true;
  }

  bool read_registry(const json& keys) {
    if (!keys.is_array()) return fail("/windows/registry", "not an array");
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto at = "/windows/registry/" + std::to_string(i);
      const auto& entry = keys[i];
      if (!entry.is_object()) return fail(at, "not an object");
      std::string hive;
      std::string key;
      if (!string_member(entry, "hive", at, hive, true) || !string_member(entry, "key", at, key, true)) return false;
      if (!canonical_hive(hive)) return fail(at + "/hive", "'" + hive + "' is not a registry hive");
      std::vector<PsObject>* values = nullptr;
      if (!read_presence(entry, at, registry_output_key(hive, key), values)) return false;
      if (values == nullptr || !entry.contains("values")) continue;
      if (!entry["values"].is_array()) return fail(at + "/values", "not an array");
      for (std::size_t j = 0; j < entry["values"].size(); ++j) {
        PsObject object;
        if (!read_value(entry["values"][j], at + "/values/" + std::to_string(j), hive, key, object)) return false;
        values->push_back(std::move(object));
      }
    }
    return true;
  }

  // One value: {"name", "type", "value"}; the type is OVAL's (reg_dword, reg_sz, …), inferred from
  // the JSON value when absent (an integer reg_dword, a string reg_sz, an array reg_multi_sz).
  bool read_value(const json& entry, const std::string& at, const std::string& hive, const std::string& key,
                  PsObject& out) {
    if (!entry.is_object()) return fail(at, "not an object");
    std::string name;
    std::string type;
    if (!string_member(entry, "name", at, name, true) || !string_member(entry, "type", at, type, false)) return false;
    if (!entry.contains("value")) return fail(at + "/value", "missing");
    const auto& value = entry["value"];
    if (type.empty()) type = value.is_number_integer() ? "reg_dword" : (value.is_array() ? "reg_multi_sz" : "reg_sz");
    type = lower(type);
    if (!known(type, kRegistryTypes)) return fail(at + "/type", "'" + type + "' is not a registry value type");
    PropertyValue fields;
    const bool numeric = type.find("dword") != std::string::npos || type.find("qword") != std::string::npos;
    if (value.is_array()) {
      for (std::size_t k = 0; k < value.size(); ++k) {
        if (!value[k].is_string()) return fail(at + "/value/" + std::to_string(k), "not a string");
        fields.fields.emplace_back("string", value[k].get<std::string>());
      }
    } else if (value.is_number_integer() && numeric) {
      fields.fields.emplace_back("int", value.dump());
    } else if (value.is_string() && !numeric) {
      fields.fields.emplace_back(type == "reg_binary" ? "binary" : "string", value.get<std::string>());
    } else {
      return fail(at + "/value", "does not fit type " + type);
    }
    out.properties.emplace_back("hive", PropertyValue{{{"string", hive}}});
    out.properties.emplace_back("key", PropertyValue{{{"string", key}}});
    out.properties.emplace_back("name", PropertyValue{{{"string", name}}});
    out.properties.emplace_back("type", PropertyValue{{{"string", type}}});
    out.properties.emplace_back("value", std::move(fields));
    return true;
  }

  // {"credential_validation": "AUDIT_SUCCESS_FAILURE", …}, or {"error": "why"}.
  bool read_audit_policy(const json& policy) {
    if (!policy.is_object()) return fail("/windows/auditPolicy", "not an object");
    const std::string key(kAuditPolicyKey);
    if (policy.contains("error")) {
      if (!policy["error"].is_string()) return fail("/windows/auditPolicy/error", "not a string");
      out_.failed[key] = policy["error"].get<std::string>();
      return true;
    }
    const auto& known = audit_subcategories();
    for (const auto& [name, value] : policy.items()) {
      if (std::find(known.begin(), known.end(), name) == known.end())
        return fail("/windows/auditPolicy/" + name, "not an auditeventpolicysubcategories_item entity");
      if (!value.is_string() || !this->known(value.get_ref<const std::string&>(), kAuditSettings))
        return fail("/windows/auditPolicy/" + name,
                    "expected AUDIT_NONE, AUDIT_SUCCESS, AUDIT_FAILURE or AUDIT_SUCCESS_FAILURE");
    }
    PsObject object;
    for (const auto& name : known) {  // the schema's order, which the item is printed in
      if (policy.contains(name))
        object.properties.emplace_back(name, PropertyValue{{{"string", policy[name].get<std::string>()}}});
    }
    out_.output[key].push_back(std::move(object));
    return true;
  }

  // [{"path", "trustees": [{"trustee_sid", "trustee_name", "rights": ["file_read_data", …]}]}], a
  // path with "exists": false (missing) or "error" (unreadable). Rights not listed are false.
  bool read_file_rights(const json& paths) {
    if (!paths.is_array()) return fail("/windows/fileRights", "not an array");
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const auto at = "/windows/fileRights/" + std::to_string(i);
      const auto& entry = paths[i];
      if (!entry.is_object()) return fail(at, "not an object");
      for (const auto& [member, value] : entry.items()) {
        if (member != "path" && member != "trustees" && member != "exists" && member != "error")
          return fail(at + "/" + member, "unknown member");
      }
      std::string path;
      if (!string_member(entry, "path", at, path, true)) return false;
      if (path.empty()) return fail(at + "/path", "empty");
      path = file_rights_path(path);
      const auto output_key = file_rights_output_key(path);
      if (out_.output.contains(output_key) || out_.failed.contains(output_key))
        return fail(at + "/path", "'" + path + "' is listed twice");
      std::vector<PsObject>* trustees = nullptr;
      if (!read_presence(entry, at, output_key, trustees)) return false;
      if (trustees == nullptr || !entry.contains("trustees")) continue;
      if (!entry["trustees"].is_array()) return fail(at + "/trustees", "not an array");
      for (std::size_t j = 0; j < entry["trustees"].size(); ++j) {
        PsObject object;
        if (!read_trustee(entry["trustees"][j], at + "/trustees/" + std::to_string(j), path, object)) return false;
        trustees->push_back(std::move(object));
      }
    }
    return true;
  }

  // {"trustee_sid", "trustee_name", "rights": ["file_read_data", …]}: path, trustee_sid, the name if
  // given, and every right as a boolean, in fileeffectiverights_item's order.
  bool read_trustee(const json& trustee, const std::string& at, const std::string& path, PsObject& out) {
    if (!trustee.is_object()) return fail(at, "not an object");
    for (const auto& [member, value] : trustee.items()) {
      if (member != "trustee_sid" && member != "trustee_name" && member != "rights")
        return fail(at + "/" + member, "unknown member");
    }
    std::string sid;
    std::string name;
    if (!string_member(trustee, "trustee_sid", at, sid, true) ||
        !string_member(trustee, "trustee_name", at, name, false))
      return false;
    if (sid.empty()) return fail(at + "/trustee_sid", "empty");
    const auto& rights = file_rights();
    std::vector<bool> holds(rights.size(), false);
    if (const auto granted = trustee.find("rights"); granted != trustee.end()) {
      if (!granted->is_array()) return fail(at + "/rights", "not an array");
      for (std::size_t k = 0; k < granted->size(); ++k) {
        const auto& right = (*granted)[k];
        const auto found =
            right.is_string() ? std::find(rights.begin(), rights.end(), right.get<std::string>()) : rights.end();
        if (found == rights.end())
          return fail(at + "/rights/" + std::to_string(k), "not a fileeffectiverights_item right");
        holds[static_cast<std::size_t>(found - rights.begin())] = true;
      }
    }
    out.properties.emplace_back("path", PropertyValue{{{"string", path}}});
    out.properties.emplace_back("trustee_sid", PropertyValue{{{"string", sid}}});
    if (!name.empty()) out.properties.emplace_back("trustee_name", PropertyValue{{{"string", name}}});
    for (std::size_t k = 0; k < rights.size(); ++k)
      out.properties.emplace_back(rights[k], PropertyValue{{{"boolean", holds[k] ? "true" : "false"}}});
    return true;
  }

  bool read_services(const json& services) {
    if (!services.is_array()) return fail("/windows/services", "not an array");
    auto& objects = out_.output[std::string(kServicesKey)];
    for (std::size_t i = 0; i < services.size(); ++i) {
      const auto at = "/windows/services/" + std::to_string(i);
      const auto& entry = services[i];
      if (!entry.is_object()) return fail(at, "not an object");
      PsObject object;
      std::string service_name;
      if (!string_member(entry, "service_name", at, service_name, true)) return false;
      object.properties.emplace_back("service_name", PropertyValue{{{"string", service_name}}});
      for (const auto& [member, value] : entry.items()) {
        if (member != "service_name" && !known(member, kServiceEntities))
          return fail(at + "/" + member, "not a service_item entity");
      }
      for (const auto entity : kServiceEntities) {
        const auto found = entry.find(std::string(entity));
        if (found == entry.end()) continue;
        PropertyValue fields;
        const auto add = [&](const json& v) {
          if (v.is_number_integer()) {
            fields.fields.emplace_back("int", v.dump());
            return true;
          }
          if (!v.is_string()) return false;
          fields.fields.emplace_back("string", v.get<std::string>());
          return true;
        };
        if (found->is_array()) {
          for (const auto& element : *found) {
            if (!add(element)) return fail(at + "/" + std::string(entity), "holds something other than text");
          }
        } else if (!add(*found)) {
          return fail(at + "/" + std::string(entity), "not a string or an integer");
        }
        if (!fields.fields.empty()) object.properties.emplace_back(std::string(entity), std::move(fields));
      }
      objects.push_back(std::move(object));
    }
    return true;
  }

  const std::string& name_;
  Bundle& out_;
  std::string& error_;
};

}  // namespace

const std::vector<std::string>& audit_subcategories() {
  return oval_items::audit_subcategories();
}

const std::vector<std::string>& file_rights() {
  return oval_items::file_rights();
}

std::string file_rights_path(std::string_view path) {
  if (path.size() > 3 && (path.back() == '\\' || path.back() == '/')) path.remove_suffix(1);
  return std::string(path);
}

std::string file_rights_output_key(std::string_view path) {
  return std::string(kFileRightsPrefix) + file_rights_path(path);
}

std::string registry_output_key(std::string_view hive, std::string_view key) {
  std::string out(kRegistryPrefix);
  out.append(hive).append("\\").append(key);
  return out;
}

std::vector<PsObject> services_from_get_service(const std::vector<PsObject>& objects) {
  static const std::map<std::string, std::string, std::less<>> kStartTypes{{"automatic", "SERVICE_AUTO_START"},
                                                                           {"manual", "SERVICE_DEMAND_START"},
                                                                           {"disabled", "SERVICE_DISABLED"},
                                                                           {"boot", "SERVICE_BOOT_START"},
                                                                           {"system", "SERVICE_SYSTEM_START"}};
  static const std::map<std::string, std::string, std::less<>> kStates{{"running", "SERVICE_RUNNING"},
                                                                       {"stopped", "SERVICE_STOPPED"},
                                                                       {"paused", "SERVICE_PAUSED"},
                                                                       {"startpending", "SERVICE_START_PENDING"},
                                                                       {"stoppending", "SERVICE_STOP_PENDING"},
                                                                       {"continuepending", "SERVICE_CONTINUE_PENDING"},
                                                                       {"pausepending", "SERVICE_PAUSE_PENDING"}};
  static const std::map<std::string, std::string, std::less<>> kTypes{
      {"win32ownprocess", "SERVICE_WIN32_OWN_PROCESS"},
      {"win32shareprocess", "SERVICE_WIN32_SHARE_PROCESS"},
      {"kerneldriver", "SERVICE_KERNEL_DRIVER"},
      {"filesystemdriver", "SERVICE_FILE_SYSTEM_DRIVER"},
      {"interactiveprocess", "SERVICE_INTERACTIVE_PROCESS"}};
  const auto property = [](const PsObject& object, std::string_view name) -> const PropertyValue* {
    for (const auto& [candidate, value] : object.properties) {
      if (same_ignoring_case(candidate, name)) return &value;
    }
    return nullptr;
  };
  // An enumeration's name, or a flag enumeration's names, mapped; unknown names are left out.
  const auto mapped = [](const PropertyValue* value, const auto& table) {
    PropertyValue out;
    if (value == nullptr) return out;
    for (const auto& [datatype, text] : value->fields) {
      if (const auto found = table.find(lower(text)); found != table.end())
        out.fields.emplace_back("string", found->second);
    }
    return out;
  };
  std::vector<PsObject> out;
  for (const auto& object : objects) {
    const auto* name = property(object, "Name");
    if (name == nullptr) name = property(object, "ServiceName");
    if (name == nullptr || name->fields.empty() || name->fields.front().second.empty()) continue;
    PsObject service;
    service.properties.emplace_back("service_name", PropertyValue{{{"string", name->fields.front().second}}});
    if (const auto* display = property(object, "DisplayName"); display != nullptr && !display->fields.empty())
      service.properties.emplace_back("display_name", PropertyValue{{{"string", display->fields.front().second}}});
    for (auto [entity, value] : {std::pair{"service_type", mapped(property(object, "ServiceType"), kTypes)},
                                 {"start_type", mapped(property(object, "StartType"), kStartTypes)},
                                 {"current_state", mapped(property(object, "Status"), kStates)}}) {
      if (!value.fields.empty()) service.properties.emplace_back(entity, std::move(value));
    }
    if (const auto* depends = property(object, "ServicesDependedOn"); depends != nullptr) {
      PropertyValue names;
      for (const auto& [datatype, text] : depends->fields) {
        if (!text.empty()) names.fields.emplace_back("string", text);
      }
      if (!names.fields.empty()) service.properties.emplace_back("dependencies", std::move(names));
    }
    out.push_back(std::move(service));
  }
  return out;
}

bool read_windows_section(const json& windows, const std::string& name, Bundle& out, std::string& error) {
  return WindowsReader(name, out, error).read(windows);
}

}  // namespace scapc::oval::detail

namespace scapc::oval {

const std::vector<std::string>& audit_subcategory_entities() {
  return detail::audit_subcategories();
}

}  // namespace scapc::oval
