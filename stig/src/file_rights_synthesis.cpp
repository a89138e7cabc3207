#include "file_rights_synthesis.h"

#include <scapc/controls.h>
#include <scapc/pattern.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "text.h"

namespace scapc::stig::detail {
namespace {

using controls::Condition;
using input::Pattern;

// What a finding sentence forbids an undocumented trustee: "Read" access, "modify" privileges,
// "Delete" permissions, or (Exchange 2010) any access.
enum class Access { Read, Modify, Delete, Any };

const Pattern& finding_pattern() {
  static const Pattern pattern(
      R"re(If any group or user has (?:"?(read|modify|delete)"? )?(?:access|privileges|permissions) (?:to|for) the audit data that is not documented in the EDSP, this is a finding\.?)re",
      Pattern::Case::Ignored);
  return pattern;
}

// The rights that give each kind of access, as fileeffectiverights_item entities. Generic rights
// count too: an item collected by another tool may keep them unmapped.
std::vector<std::string> rights_of(Access access) {
  static const std::array<std::string_view, 3> kRead{"file_read_data", "generic_read", "generic_all"};
  static const std::array<std::string_view, 8> kModify{
      "file_write_data",    "file_append_data",     "file_write_ea", "file_write_attributes",
      "standard_write_dac", "standard_write_owner", "generic_write", "generic_all"};
  static const std::array<std::string_view, 3> kDelete{"standard_delete", "file_delete_child", "generic_all"};
  std::vector<std::string> out;
  const auto add = [&out](const auto& names) {
    for (const auto name : names) {
      if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
    }
  };
  if (access == Access::Read || access == Access::Any) add(kRead);
  if (access == Access::Modify || access == Access::Any) add(kModify);
  if (access == Access::Delete || access == Access::Any) add(kDelete);
  return out;
}

const char* access_name(Access access) {
  switch (access) {
    case Access::Read:
      return "read";
    case Access::Modify:
      return "modify";
    case Access::Delete:
      return "delete";
    case Access::Any:
      break;
  }
  return "access";
}

// Sentences that say how to look and add no condition. The one naming the authorized trustees
// must name the same access as the finding, or none ("that should have access").
bool known_sentence(const std::string& sentence, Access access, std::string& folder_version) {
  static const Pattern review(
      R"(Review the Email Domain Security Plan \(EDSP\)(?: or document that contains this information)?\.?)",
      Pattern::Case::Ignored);
  static const Pattern obtain(
      R"(Obtain the Email Domain Security Plan \(EDSP\) and locate the authorized groups or users that should have access to the audit data\.?)",
      Pattern::Case::Ignored);
  static const Pattern determine(
      R"re(Determine the authorized groups or users that should have (?:"?(read|modify|delete)"? )?(?:access|privileges|permissions) (?:to|for) the audit data\.?)re",
      Pattern::Case::Ignored);
  static const Pattern located(
      R"re((?:Note: )?By default,? the logs are located on the application partition in '?\\Program Files\\Microsoft\\Exchange Server\\(V1[45])\\Logging\\?'?\.?)re",
      Pattern::Case::Ignored);
  input::Match match;
  if (review.matches(sentence)) return true;
  if (obtain.matches(sentence)) return true;
  if (determine.matches(sentence, match)) {
    const auto named = lower(match.view(1));
    return named.empty() || named == access_name(access);
  }
  if (located.matches(sentence, match)) {
    folder_version = match.str(1);
    std::transform(folder_version.begin(), folder_version.end(), folder_version.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return true;
  }
  return false;
}

Synthesis rights_manual(std::string reason) {
  Synthesis out;
  out.reason = std::move(reason);
  return out;
}

Condition right_is_false(const std::string& right) {
  Condition condition;
  condition.property = right;
  condition.type = controls::ValueType::Boolean;
  controls::Literal no;
  no.type = controls::ValueType::Boolean;
  no.text = "false";
  condition.values = {no};
  return condition;
}

controls::ObjectEntity entity(const char* name, std::string value, bool pattern = false) {
  controls::ObjectEntity out;
  out.name = name;
  out.value = std::move(value);
  out.pattern = pattern;
  return out;
}

// Every trustee of the folder's DACL: the folder must be there (a missing folder is a finding, as
// the logs are not where the site says), and the trustees the site does not authorize may hold
// none of the rights.
controls::Check rights_check(const std::string& folder_value, const std::string& trustees_value, Access access) {
  controls::Query folder;
  folder.data = controls::DataKind::FileRights;
  folder.cmdlet = "fileRights";
  folder.entities = {entity("path", {}), entity("filename", {}), entity("trustee_sid", ".*", true)};
  folder.entities[0].value_ref = folder_value;
  folder.entities[1].nil = true;

  controls::Check exists;
  exists.kind = controls::Check::Kind::Query;
  exists.query = folder;
  exists.query.require = controls::Quantifier::AtLeastOne;
  exists.query.on_empty = controls::EmptyResult::Fail;
  exists.description = "the audit data folder exists";

  controls::Check undocumented;
  undocumented.kind = controls::Check::Kind::Query;
  undocumented.query = folder;
  Condition documented;
  documented.property = "trustee_sid";
  documented.op = controls::Op::Matches;
  documented.value_ref = trustees_value;
  Condition others;
  others.kind = Condition::Kind::Not;
  others.children = {documented};
  undocumented.query.filter = others;
  Condition none;
  none.kind = Condition::Kind::AllOf;
  for (const auto& right : rights_of(access)) none.children.push_back(right_is_false(right));
  undocumented.query.condition = none;
  undocumented.query.on_empty = controls::EmptyResult::Pass;
  undocumented.description =
      std::string("no trustee the EDSP does not document has ") + access_name(access) + " rights on the audit data";

  controls::Check check;
  check.kind = controls::Check::Kind::AllOf;
  check.children = {exists, undocumented};
  check.description = undocumented.description;
  return check;
}

}  // namespace

bool has_audit_data_rights_finding(const std::string& check_text) {
  return finding_pattern().finds(check_text);
}

Synthesis audit_data_rights_synthesis(const controls::StigRule& rule) {
  std::optional<Access> access;
  std::vector<std::string> sentences;
  static const Pattern spaces(R"( {2,})");
  for (auto sentence : split_sentences(split_lines(normalize_newlines(rule.check_text)))) {
    sentence = spaces.replace_all(sentence, " ");
    input::Match match;
    if (finding_pattern().matches(sentence, match)) {
      const auto named = lower(match.view(1));
      const Access found = named == "read"     ? Access::Read
                           : named == "modify" ? Access::Modify
                           : named == "delete" ? Access::Delete
                                               : Access::Any;
      if (access && *access != found) return rights_manual("the check text states two findings about the audit data");
      access = found;
    } else {
      sentences.push_back(sentence);
    }
  }
  if (!access) return rights_manual("cannot read the finding about the audit data");
  std::string folder_version;
  for (const auto& sentence : sentences) {
    if (!known_sentence(sentence, *access, folder_version))
      return rights_manual("a sentence of the audit data check is not one this reader knows: \"" + sentence + "\"");
  }
  // Every Exchange STIG names the folder in its audit data partition rule; a rule that does not
  // name it takes the one of its product's STIGs.
  if (folder_version.empty()) {
    if (rule.benchmark_title.find("Exchange 2010") != std::string::npos) {
      folder_version = "V14";
    } else if (rule.benchmark_title.find("Exchange 2013") != std::string::npos ||
               rule.benchmark_title.find("Exchange 2016") != std::string::npos ||
               rule.benchmark_title.find("Exchange 2019") != std::string::npos) {
      folder_version = "V15";
    } else {
      return rights_manual("the check text does not say where the audit data is");
    }
  }

  Synthesis out;
  controls::SiteValue folder;
  folder.id = "exchange_" + lower(folder_version) + "_audit_data_folder";
  folder.title = "Exchange audit data folder (" + folder_version + ")";
  folder.description =
      "The folder that holds this server's Exchange logs, the audit data the STIG protects. The default is "
      "Exchange's default log folder on the system drive, where the STIG says the logs are by default; set it "
      "where the EDSP places them.";
  folder.default_value.text = "C:\\Program Files\\Microsoft\\Exchange Server\\" + folder_version + "\\Logging";
  const std::string kind = access_name(*access);
  controls::SiteValue trustees;
  trustees.id = "audit_data_" + kind + "_trustees";
  trustees.title = "Trustees the EDSP authorizes for " + kind + " rights on the audit data (SID pattern)";
  trustees.description =
      "Regular expression matching the security identifiers (SIDs) of the groups and users the EDSP documents "
      "for " +
      kind +
      " rights on the audit data. The default admits only SYSTEM (S-1-5-18) and the local Administrators "
      "(S-1-5-32-544); add the SIDs of the groups the EDSP documents, such as Exchange Trusted Subsystem or "
      "Exchange Servers, whose SIDs are those of the site's domain.";
  trustees.default_value.text = "^S-1-5-(18|32-544)$";
  out.check = rights_check(folder.id, trustees.id, *access);
  out.values = {folder, trustees};
  std::string rights;
  for (const auto& right : rights_of(*access)) rights += (rights.empty() ? "" : ", ") + right;
  out.reason = "automated: the audit data folder (site value " + folder.id +
               ") must exist, and no trustee whose SID does not match site value " + trustees.id + " may hold any of " +
               rights;
  return out;
}

}  // namespace scapc::stig::detail
