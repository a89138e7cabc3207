// CKL: STIG Viewer 2's XML. Attributes are written in STIG Viewer's order and read by name, since
// each tool orders them its own way; LEGACY_ID and CCI_REF repeat.
#include <scapc/input.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <utility>

#include "checklist_text.h"

namespace scapc::output {
namespace {

using Field = std::pair<const char*, std::string ChecklistRule::*>;

// The single-valued VULN attributes in STIG Viewer 2.17's order (LEGACY_ID and CCI_REF follow).
const std::array<Field, 25> kRuleFields{{
    {"Vuln_Num", &ChecklistRule::vuln_num},
    {"Severity", &ChecklistRule::severity},
    {"Group_Title", &ChecklistRule::group_title},
    {"Rule_ID", &ChecklistRule::rule_id},
    {"Rule_Ver", &ChecklistRule::rule_ver},
    {"Rule_Title", &ChecklistRule::rule_title},
    {"Vuln_Discuss", &ChecklistRule::vuln_discuss},
    {"IA_Controls", &ChecklistRule::ia_controls},
    {"Check_Content", &ChecklistRule::check_content},
    {"Fix_Text", &ChecklistRule::fix_text},
    {"False_Positives", &ChecklistRule::false_positives},
    {"False_Negatives", &ChecklistRule::false_negatives},
    {"Documentable", &ChecklistRule::documentable},
    {"Mitigations", &ChecklistRule::mitigations},
    {"Potential_Impact", &ChecklistRule::potential_impact},
    {"Third_Party_Tools", &ChecklistRule::third_party_tools},
    {"Mitigation_Control", &ChecklistRule::mitigation_control},
    {"Responsibility", &ChecklistRule::responsibility},
    {"Security_Override_Guidance", &ChecklistRule::security_override_guidance},
    {"Check_Content_Ref", &ChecklistRule::check_content_ref},
    {"Weight", &ChecklistRule::weight},
    {"Class", &ChecklistRule::classification},
    {"STIGRef", &ChecklistRule::stig_ref},
    {"TargetKey", &ChecklistRule::target_key},
    {"STIG_UUID", &ChecklistRule::uuid},
}};

using StigField = std::pair<const char*, std::string ChecklistStig::*>;
const std::array<StigField, 11> kStigFields{{
    {"version", &ChecklistStig::version},
    {"classification", &ChecklistStig::classification},
    {"customname", &ChecklistStig::custom_name},
    {"stigid", &ChecklistStig::stig_id},
    {"description", &ChecklistStig::description},
    {"filename", &ChecklistStig::filename},
    {"releaseinfo", &ChecklistStig::release_info},
    {"title", &ChecklistStig::title},
    {"uuid", &ChecklistStig::uuid},
    {"notice", &ChecklistStig::notice},
    {"source", &ChecklistStig::source},
}};

using AssetField = std::pair<const char*, std::string ChecklistAsset::*>;
const std::array<AssetField, 11> kAssetFields{{
    {"ROLE", &ChecklistAsset::role},
    {"ASSET_TYPE", &ChecklistAsset::asset_type},
    {"MARKING", &ChecklistAsset::marking},
    {"HOST_NAME", &ChecklistAsset::host_name},
    {"HOST_IP", &ChecklistAsset::host_ip},
    {"HOST_MAC", &ChecklistAsset::host_mac},
    {"HOST_FQDN", &ChecklistAsset::host_fqdn},
    {"TARGET_COMMENT", &ChecklistAsset::target_comment},
    {"TECH_AREA", &ChecklistAsset::tech_area},
    {"TARGET_KEY", &ChecklistAsset::target_key},
    {"WEB_DB_SITE", &ChecklistAsset::web_db_site},
}};

void stig_data(pugi::xml_node vuln, const char* attribute, const std::string& value) {
  auto data = vuln.append_child("STIG_DATA");
  xml::append_text(data, "VULN_ATTRIBUTE", attribute);
  xml::append_text(data, "ATTRIBUTE_DATA", value);
}

void write_asset(pugi::xml_node checklist, const ChecklistAsset& asset) {
  auto node = checklist.append_child("ASSET");
  for (const auto& [name, member] : kAssetFields) {
    if (std::string_view(name) == "WEB_DB_SITE") {
      xml::append_text(node, "WEB_OR_DATABASE", asset.web_or_database ? "true" : "false");
    }
    xml::append_text(node, name, asset.*member);
  }
  xml::append_text(node, "WEB_DB_INSTANCE", asset.web_db_instance);
}

void write_rule(pugi::xml_node stig, const ChecklistRule& rule) {
  auto vuln = stig.append_child("VULN");
  for (const auto& [name, member] : kRuleFields) stig_data(vuln, name, rule.*member);
  for (const auto& id : rule.legacy_ids) stig_data(vuln, "LEGACY_ID", id);
  for (const auto& cci : rule.ccis) stig_data(vuln, "CCI_REF", cci);
  xml::append_text(vuln, "STATUS", rule.status);
  xml::append_text(vuln, "FINDING_DETAILS", rule.finding_details);
  xml::append_text(vuln, "COMMENTS", rule.comments);
  xml::append_text(vuln, "SEVERITY_OVERRIDE", rule.severity_override);
  xml::append_text(vuln, "SEVERITY_JUSTIFICATION", rule.severity_justification);
}

class CklReader {
 public:
  CklReader(std::string_view text, const std::string& name, std::string& error)
      : text_(text), name_(name), error_(error) {}

  bool read(const pugi::xml_node& root, Checklist& out) {
    if (std::string_view(root.name()) != "CHECKLIST") return fail(root, "not a CKL checklist (no CHECKLIST root)");
    for (const auto& field : xml::child(root, "ASSET").children()) {
      const std::string_view tag = field.name();
      for (const auto& [name, member] : kAssetFields) {
        if (tag == name) out.asset.*member = field.text().get();
      }
      if (tag == "WEB_OR_DATABASE") out.asset.web_or_database = std::string_view(field.text().get()) == "true";
      if (tag == "WEB_DB_INSTANCE") out.asset.web_db_instance = field.text().get();
    }
    for (const auto& istig : xml::child(root, "STIGS").children("iSTIG")) {
      ChecklistStig stig;
      stig.classification.clear();
      stig.notice.clear();
      stig.source.clear();
      for (const auto& data : xml::child(istig, "STIG_INFO").children("SI_DATA")) {
        const std::string_view sid = data.child("SID_NAME").text().get();
        for (const auto& [name, member] : kStigFields) {
          if (sid == name) stig.*member = data.child("SID_DATA").text().get();
        }
      }
      for (const auto& vuln : istig.children("VULN")) {
        ChecklistRule rule;
        if (!read_rule(vuln, rule)) return false;
        stig.rules.push_back(std::move(rule));
      }
      out.stigs.push_back(std::move(stig));
    }
    return true;
  }

 private:
  bool read_rule(const pugi::xml_node& vuln, ChecklistRule& out) {
    out.documentable.clear();
    out.check_content_ref.clear();
    out.weight.clear();
    out.classification.clear();
    out.status.clear();
    for (const auto& data : vuln.children("STIG_DATA")) {
      const std::string_view attribute = data.child("VULN_ATTRIBUTE").text().get();
      const std::string value = data.child("ATTRIBUTE_DATA").text().get();
      if (attribute == "LEGACY_ID") out.legacy_ids.push_back(value);
      if (attribute == "CCI_REF") out.ccis.push_back(value);
      for (const auto& [name, member] : kRuleFields) {
        if (attribute == name) out.*member = value;
      }
    }
    out.status = vuln.child("STATUS").text().get();
    if (cklb_status(out.status).empty()) {
      return fail(vuln.child("STATUS"),
                  "STATUS '" + out.status + "' is not NotAFinding, Open, Not_Applicable or Not_Reviewed");
    }
    out.finding_details = vuln.child("FINDING_DETAILS").text().get();
    out.comments = vuln.child("COMMENTS").text().get();
    out.severity_override = vuln.child("SEVERITY_OVERRIDE").text().get();
    out.severity_justification = vuln.child("SEVERITY_JUSTIFICATION").text().get();
    return true;
  }

  bool fail(const pugi::xml_node& node, const std::string& reason) {
    error_ = name_ + ":" + std::to_string(xml::line_at(text_, node.offset_debug())) + ": " + reason;
    return false;
  }

  std::string_view text_;
  const std::string& name_;
  std::string& error_;
};

}  // namespace

std::string stable_uuid(const std::string& seed) {
  // Two FNV-1a passes with different offsets give 128 bits; version and variant bits as UUIDv4.
  const auto fnv = [&seed](std::uint64_t hash) {
    for (const unsigned char c : seed) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
  };
  const std::uint64_t high = fnv(0xcbf29ce484222325ULL);
  const std::uint64_t low = fnv(0x84222325cbf29ce4ULL);
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(high >> 32U),
                static_cast<unsigned>((high >> 16U) & 0xffffU), static_cast<unsigned>(high & 0xfffU),
                static_cast<unsigned>(0x8000U | ((low >> 48U) & 0x3fffU)),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text.data();
}

std::string cklb_status(const std::string& ckl_status) {
  if (ckl_status == "NotAFinding") return "not_a_finding";
  if (ckl_status == "Open") return "open";
  if (ckl_status == "Not_Applicable") return "not_applicable";
  if (ckl_status == "Not_Reviewed") return "not_reviewed";
  return {};
}

std::string ckl_status_of_cklb(const std::string& cklb_status) {
  for (const auto* ckl : {"NotAFinding", "Open", "Not_Applicable", "Not_Reviewed"}) {
    if (output::cklb_status(ckl) == cklb_status) return ckl;
  }
  return {};
}

std::string to_ckl(const Checklist& checklist) {
  pugi::xml_document document;
  auto declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  document.append_child(pugi::node_comment).set_value("scapc " SCAPC_VERSION);
  auto root = document.append_child("CHECKLIST");
  write_asset(root, checklist.asset);
  auto stigs = root.append_child("STIGS");
  for (const auto& stig : checklist.stigs) {
    auto istig = stigs.append_child("iSTIG");
    auto info = istig.append_child("STIG_INFO");
    for (const auto& [name, member] : kStigFields) {
      auto data = info.append_child("SI_DATA");
      xml::append_text(data, "SID_NAME", name);
      if (!(stig.*member).empty()) xml::append_text(data, "SID_DATA", stig.*member);
    }
    for (const auto& rule : stig.rules) write_rule(istig, rule);
  }
  std::ostringstream out;
  document.save(out, "\t", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

bool read_ckl(std::string_view xml, const std::string& name, Checklist& out, std::string& error) {
  pugi::xml_document document;
  if (!input::parse_xml(xml, name, document, error)) return false;
  out = Checklist{};
  return CklReader(xml, name, error).read(document.document_element(), out);
}

}  // namespace scapc::output
