// CKLB: STIG Viewer 3's JSON. Written with STIG Viewer's key names in a fixed order; read leniently
// (unknown keys ignored, null or "null" for absent text, versions as strings or numbers), as
// Evaluate-STIG and STIG Manager files differ in exactly those ways.
#include <scapc/input.h>

#include <nlohmann/json.hpp>

#include "checklist_text.h"

namespace scapc::output {
namespace {

using Json = nlohmann::ordered_json;

// Text the way CKLB files carry it: JSON null or the string "null" mean nothing.
std::string text(const Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return {};
  const auto& value = object[key];
  if (value.is_string()) return value.get<std::string>() == "null" ? std::string() : value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return {};
}

std::vector<std::string> strings(const Json& object, const char* key) {
  std::vector<std::string> out;
  if (!object.contains(key) || !object[key].is_array()) return out;
  for (const auto& value : object[key]) {
    if (value.is_string()) out.push_back(value.get<std::string>());
  }
  return out;
}

// "SV-259649r942261_rule" -> "SV-259649r942261", as STIG Viewer 3 keeps both.
std::string without_rule_suffix(const std::string& rule_id) {
  const std::string suffix = "_rule";
  return rule_id.size() > suffix.size() && rule_id.ends_with(suffix) ? rule_id.substr(0, rule_id.size() - suffix.size())
                                                                     : rule_id;
}

Json rule_json(const ChecklistRule& rule, const ChecklistStig& stig) {
  Json out;
  out["uuid"] = stable_uuid(stig.uuid + rule.rule_id + rule.vuln_num);
  out["stig_uuid"] = stig.uuid;
  out["target_key"] = rule.target_key.empty() ? Json(nullptr) : Json(rule.target_key);
  out["stig_ref"] = rule.stig_ref.empty() ? Json(nullptr) : Json(rule.stig_ref);
  out["group_id"] = rule.vuln_num;
  out["rule_id"] = without_rule_suffix(rule.rule_id);
  out["rule_id_src"] = rule.rule_id;
  out["weight"] = rule.weight;
  out["classification"] = stig.classification;
  out["severity"] = rule.severity;
  out["rule_version"] = rule.rule_ver;
  out["group_title"] = rule.group_title;
  out["rule_title"] = rule.rule_title;
  out["fix_text"] = rule.fix_text;
  out["false_positives"] = rule.false_positives;
  out["false_negatives"] = rule.false_negatives;
  out["discussion"] = rule.vuln_discuss;
  out["check_content"] = rule.check_content;
  out["documentable"] = rule.documentable;
  out["mitigations"] = rule.mitigations;
  out["potential_impacts"] = rule.potential_impact;
  out["third_party_tools"] = rule.third_party_tools;
  out["mitigation_control"] = rule.mitigation_control;
  out["responsibility"] = rule.responsibility;
  out["security_override_guidance"] = rule.security_override_guidance;
  out["ia_controls"] = rule.ia_controls;
  out["check_content_ref"] = {{"href", ""}, {"name", rule.check_content_ref}};
  out["legacy_ids"] = rule.legacy_ids;
  out["ccis"] = rule.ccis;
  out["group_tree"] = Json::array(
      {{{"id", rule.vuln_num}, {"title", rule.group_title}, {"description", "<GroupDescription></GroupDescription>"}}});
  out["STIGUuid"] = stig.uuid;
  out["status"] = cklb_status(rule.status);
  out["overrides"] = Json::object();
  if (!rule.severity_override.empty()) {
    out["overrides"]["severity"] = {{"severity", rule.severity_override}, {"reason", rule.severity_justification}};
  }
  out["comments"] = rule.comments;
  out["finding_details"] = rule.finding_details;
  return out;
}

class CklbReader {
 public:
  CklbReader(const std::string& name, std::string& error) : name_(name), error_(error) {}

  bool read(const Json& root, Checklist& out) {
    if (!root.is_object() || !root.contains("stigs") || !root["stigs"].is_array()) {
      return fail("/stigs", "not a CKLB checklist (no stigs array)");
    }
    const auto& target = root.value("target_data", Json::object());
    out.asset.role = text(target, "role");
    out.asset.asset_type = text(target, "target_type");
    out.asset.host_name = text(target, "host_name");
    out.asset.host_ip = text(target, "ip_address");
    out.asset.host_mac = text(target, "mac_address");
    out.asset.host_fqdn = text(target, "fqdn");
    out.asset.target_comment = text(target, "comments");
    out.asset.tech_area = text(target, "technology_area");
    out.asset.web_or_database = text(target, "is_web_database") == "true";
    out.asset.web_db_site = text(target, "web_db_site");
    out.asset.web_db_instance = text(target, "web_db_instance");
    for (std::size_t i = 0; i < root["stigs"].size(); ++i) {
      ChecklistStig stig;
      if (!read_stig(root["stigs"][i], "/stigs/" + std::to_string(i), stig)) return false;
      out.stigs.push_back(std::move(stig));
    }
    return true;
  }

 private:
  bool read_stig(const Json& object, const std::string& at, ChecklistStig& out) {
    if (!object.is_object()) return fail(at, "not an object");
    out.title = text(object, "stig_name");
    out.custom_name = text(object, "display_name");
    out.stig_id = text(object, "stig_id");
    out.version = text(object, "version");
    out.release_info = text(object, "release_info");
    out.uuid = text(object, "uuid");
    out.classification.clear();
    out.notice.clear();
    out.source.clear();
    const auto& rules = object.value("rules", Json::array());
    if (!rules.is_array()) return fail(at + "/rules", "not an array");
    for (std::size_t i = 0; i < rules.size(); ++i) {
      ChecklistRule rule;
      if (!read_rule(rules[i], at + "/rules/" + std::to_string(i), rule)) return false;
      out.rules.push_back(std::move(rule));
    }
    return true;
  }

  bool read_rule(const Json& object, const std::string& at, ChecklistRule& out) {
    if (!object.is_object()) return fail(at, "not an object");
    out.vuln_num = text(object, "group_id");
    out.severity = text(object, "severity");
    out.group_title = text(object, "group_title");
    out.rule_id = text(object, "rule_id_src");
    if (out.rule_id.empty()) out.rule_id = text(object, "rule_id");
    out.rule_ver = text(object, "rule_version");
    out.rule_title = text(object, "rule_title");
    out.vuln_discuss = text(object, "discussion");
    out.ia_controls = text(object, "ia_controls");
    out.check_content = text(object, "check_content");
    out.fix_text = text(object, "fix_text");
    out.false_positives = text(object, "false_positives");
    out.false_negatives = text(object, "false_negatives");
    out.documentable = text(object, "documentable");
    out.mitigations = text(object, "mitigations");
    out.potential_impact = text(object, "potential_impacts");
    out.third_party_tools = text(object, "third_party_tools");
    out.mitigation_control = text(object, "mitigation_control");
    out.responsibility = text(object, "responsibility");
    out.security_override_guidance = text(object, "security_override_guidance");
    out.weight = text(object, "weight");
    out.classification = text(object, "classification");
    out.stig_ref = text(object, "stig_ref");
    out.target_key = text(object, "target_key");
    out.uuid = text(object, "uuid");
    out.check_content_ref = text(object.value("check_content_ref", Json::object()), "name");
    out.legacy_ids = strings(object, "legacy_ids");
    out.ccis = strings(object, "ccis");
    const auto status = text(object, "status");
    out.status = ckl_status_of_cklb(status);
    if (out.status.empty()) {
      return fail(at + "/status", "'" + status + "' is not not_a_finding, open, not_applicable or not_reviewed");
    }
    out.comments = text(object, "comments");
    out.finding_details = text(object, "finding_details");
    const auto& overrides = object.value("overrides", Json::object());
    if (overrides.is_object() && overrides.contains("severity")) {
      out.severity_override = text(overrides["severity"], "severity");
      out.severity_justification = text(overrides["severity"], "reason");
    }
    return true;
  }

  bool fail(const std::string& pointer, const std::string& reason) {
    error_ = name_ + ":" + pointer + ": " + reason;
    return false;
  }

  const std::string& name_;
  std::string& error_;
};

}  // namespace

std::string to_cklb(const Checklist& checklist) {
  Json out;
  const auto& asset = checklist.asset;
  out["title"] = asset.host_name + (checklist.stigs.empty() ? "" : " - " + checklist.stigs.front().title);
  std::string seed = asset.host_name;
  for (const auto& stig : checklist.stigs) seed += stig.uuid;
  out["id"] = stable_uuid(seed);
  out["active"] = false;
  out["mode"] = 1;
  out["has_path"] = true;
  out["target_data"] = {{"target_type", asset.asset_type},
                        {"host_name", asset.host_name},
                        {"ip_address", asset.host_ip},
                        {"mac_address", asset.host_mac},
                        {"fqdn", asset.host_fqdn},
                        {"comments", asset.target_comment},
                        {"role", asset.role},
                        {"is_web_database", asset.web_or_database},
                        {"technology_area", asset.tech_area},
                        {"web_db_site", asset.web_db_site},
                        {"web_db_instance", asset.web_db_instance}};
  out["stigs"] = Json::array();
  for (const auto& stig : checklist.stigs) {
    Json entry;
    entry["stig_name"] = stig.title;
    entry["display_name"] = stig.custom_name.empty() ? stig.title : stig.custom_name;
    entry["stig_id"] = stig.stig_id;
    entry["release_info"] = stig.release_info;
    entry["version"] = stig.version;
    entry["uuid"] = stig.uuid;
    entry["reference_identifier"] = "";
    entry["size"] = stig.rules.size();
    entry["rules"] = Json::array();
    for (const auto& rule : stig.rules) entry["rules"].push_back(rule_json(rule, stig));
    out["stigs"].push_back(std::move(entry));
  }
  out["cklb_version"] = "1.0";
  return out.dump(2) + "\n";
}

bool read_cklb(std::string_view json, const std::string& name, Checklist& out, std::string& error,
               std::vector<std::string>* warnings) {
  Json root;
  std::vector<std::string> replaced;
  if (!input::parse_json(json, name, root, error, &replaced)) return false;
  if (!replaced.empty() && warnings != nullptr) {
    warnings->push_back(
        "characters that XML cannot carry (control characters, U+FFFE, U+FFFF) were read as U+FFFD in " +
        std::to_string(replaced.size()) + " values, the first at " + replaced.front());
  }
  out = Checklist{};
  return CklbReader(name, error).read(root, out);
}

}  // namespace scapc::output
