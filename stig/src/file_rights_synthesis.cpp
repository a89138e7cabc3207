#include "file_rights_synthesis.h"

#include <scapc/controls.h>
#include <scapc/oval_items.h>
#include <scapc/pattern.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

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

controls::SiteValue folder_value(std::string id, std::string title, std::string description, std::string folder) {
  controls::SiteValue value;
  value.id = std::move(id);
  value.title = std::move(title);
  value.description = std::move(description);
  value.default_value.text = std::move(folder);
  return value;
}

// "file_read_data, generic_read, generic_all", for the explanation of an automated rule.
std::string comma_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// What one rights check reads and forbids.
struct RightsSpec {
  std::string folder_value;         // the site value naming the folder
  std::string file;                 // a file in it; empty: the folder itself
  std::string trustees_value;       // the site value with the pattern of the allowed SIDs, or
  std::string trustees_pattern;     // the SIDs the STIG lists itself
  std::vector<std::string> rights;  // none of which any other trustee may hold
  std::string what;                 // "the audit data folder"
  std::string description;
};

// Every trustee of the DACL: the folder or file must be there (missing, it is not where the site
// says), and the trustees not allowed may hold none of the rights.
controls::Check rights_check(const RightsSpec& spec) {
  controls::Query read;
  read.data = controls::DataKind::FileRights;
  read.cmdlet = "fileRights";
  read.entities = {entity("path", {}), entity("filename", spec.file), entity("trustee_sid", ".*", true)};
  read.entities[0].value_ref = spec.folder_value;
  read.entities[1].nil = spec.file.empty();

  controls::Check exists;
  exists.kind = controls::Check::Kind::Query;
  exists.query = read;
  exists.query.require = controls::Quantifier::AtLeastOne;
  exists.query.on_empty = controls::EmptyResult::Fail;
  exists.description = spec.what + " exists";

  controls::Check others;
  others.kind = controls::Check::Kind::Query;
  others.query = read;
  Condition allowed;
  allowed.property = "trustee_sid";
  allowed.op = controls::Op::Matches;
  if (spec.trustees_value.empty()) {
    allowed.values = {controls::Literal{}};
    allowed.values.front().text = spec.trustees_pattern;
  } else {
    allowed.value_ref = spec.trustees_value;
  }
  Condition not_allowed;
  not_allowed.kind = Condition::Kind::Not;
  not_allowed.children = {allowed};
  others.query.filter = not_allowed;
  Condition none;
  none.kind = Condition::Kind::AllOf;
  for (const auto& right : spec.rights) none.children.push_back(right_is_false(right));
  others.query.condition = none;
  others.query.on_empty = controls::EmptyResult::Pass;
  others.description = spec.description;

  controls::Check check;
  check.kind = controls::Check::Kind::AllOf;
  check.children = {exists, others};
  check.description = spec.description;
  return check;
}

// The principals the Windows STIGs name in permission lists, by their well-known SIDs.
std::optional<std::string> principal_sid(std::string_view name) {
  static const std::array<std::pair<std::string_view, std::string_view>, 7> kKnown{{
      {"eventlog", "S-1-5-80-880578595-1860270145-482643319-2788375705-1540778122"},
      {"system", "S-1-5-18"},
      {"administrators", "S-1-5-32-544"},
      {"trustedinstaller", "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"},
      {"users", "S-1-5-32-545"},
      {"all application packages", "S-1-15-2-1"},
      {"all restricted application packages", "S-1-15-2-2"},
  }};
  const auto wanted = lower(trim_copy(name));
  for (const auto& [known, sid] : kKnown) {
    if (wanted == known) return std::string(sid);
  }
  return std::nullopt;
}

// "^(S-1-5-18|S-1-5-32-544)$": exactly the SIDs given.
std::string sid_pattern(const std::vector<std::string>& sids) {
  std::string out = "^(";
  for (std::size_t i = 0; i < sids.size(); ++i) out += (i == 0 ? "" : "|") + sids[i];
  return out + ")$";
}

// "If the permissions for the "Application.evtx" file are not as restrictive as the default
// permissions listed below, this is a finding." with "Eventlog - Full Control" lines: a trustee
// not listed may hold no right over the file. Listed trustees with less than full control would
// need a bound per trustee, which this reader does not write: such a rule stays manual.
Synthesis event_log_synthesis(const controls::StigRule& rule) {
  static const Pattern finding(
      R"re(If the permissions for the "([A-Za-z]+\.evtx)" file are not as restrictive as the default permissions listed below, this is a finding\.)re");
  static const Pattern navigate(R"(Navigate to the [A-Za-z]+ event log file\.)");
  static const Pattern location(
      R"re(The default location is the "%SystemRoot%\\System32\\winevt\\Logs" folder\.(?: However, the logs may have been moved to another folder\.)?)re");
  static const Pattern listed(R"((.+) - Full Control)", Pattern::Case::Ignored);
  std::string file;
  std::vector<std::string> sids;
  for (const auto& raw : split_lines(normalize_newlines(rule.check_text))) {
    const auto line = trim_copy(raw);
    input::Match match;
    if (line.empty() || navigate.matches(line) || location.matches(line)) continue;
    if (finding.matches(line, match)) {
      file = match.str(1);
    } else if (listed.matches(line, match)) {
      const auto sid = principal_sid(match.view(1));
      if (!sid)
        return rights_manual("the permission list names a principal this reader does not know: \"" + line + "\"");
      sids.push_back(*sid);
    } else {
      return rights_manual("a line of the event log permission check is not one this reader knows: \"" + line + "\"");
    }
  }
  if (file.empty() || sids.empty())
    return rights_manual("the event log permission check names no file or no principals");
  Synthesis out;
  out.values = {folder_value("windows_event_log_folder", "Windows event log folder",
                             "The folder holding the event log files (%SystemRoot%\\System32\\winevt\\Logs by default, "
                             "with %SystemRoot% usually C:\\Windows); set it where the logs have been moved.",
                             "C:\\Windows\\System32\\winevt\\Logs")};
  RightsSpec spec;
  spec.folder_value = out.values.front().id;
  spec.file = file;
  spec.trustees_pattern = sid_pattern(sids);
  spec.rights = oval_items::file_rights();
  spec.what = file;
  spec.description = "no trustee but those listed holds any right over " + file;
  out.check = rights_check(spec);
  out.reason = "automated: " + file +
               " in the event log folder (site value windows_event_log_folder) must exist, and "
               "no trustee whose SID does not match " +
               spec.trustees_pattern + " may hold any right over it";
  return out;
}

// "If any groups or accounts other than TrustedInstaller have "Full control" or "Modify"
// permissions, this is a finding." about a file in %SystemRoot%\System32.
Synthesis system_file_synthesis(const controls::StigRule& rule) {
  static const Pattern finding(
      R"re(If any groups or accounts other than ([A-Za-z ]+) have "Full control" or "Modify" permissions, this is a finding\.)re",
      Pattern::Case::Ignored);
  static const Pattern navigate(R"re(Navigate to "%SystemRoot%\\System32"\.)re", Pattern::Case::Ignored);
  static const Pattern view(R"re(View the permissions on "([A-Za-z0-9_.-]+)"\.)re");
  static const Pattern defaults(R"(The default permissions below satisfy this requirement:)");
  static const Pattern listed(R"([A-Za-z ,]+ - (?:Full Control|Read & Execute))", Pattern::Case::Ignored);
  std::string file;
  std::optional<std::string> owner;
  for (const auto& raw : split_lines(normalize_newlines(rule.check_text))) {
    const auto line = trim_copy(raw);
    input::Match match;
    if (line.empty() || navigate.matches(line) || defaults.matches(line) || listed.matches(line)) continue;
    if (view.matches(line, match)) {
      file = match.str(1);
    } else if (finding.matches(line, match)) {
      owner = principal_sid(match.view(1));
      if (!owner) return rights_manual("the finding names a principal this reader does not know: \"" + line + "\"");
    } else {
      return rights_manual("a line of the file permission check is not one this reader knows: \"" + line + "\"");
    }
  }
  if (file.empty() || !owner) return rights_manual("the file permission check names no file or no principal");
  Synthesis out;
  out.values = {folder_value("windows_system32_folder", "Windows System32 folder",
                             "%SystemRoot%\\System32 (C:\\Windows\\System32 where Windows is installed on C:).",
                             "C:\\Windows\\System32")};
  RightsSpec spec;
  spec.folder_value = out.values.front().id;
  spec.file = file;
  spec.trustees_pattern = sid_pattern({*owner});
  // "Modify" writes and deletes; "Full control" adds changing permissions and ownership.
  spec.rights = {"file_write_data", "file_append_data",  "file_write_ea",      "file_write_attributes",
                 "standard_delete", "file_delete_child", "standard_write_dac", "standard_write_owner",
                 "generic_write",   "generic_all"};
  spec.what = file;
  spec.description = "no trustee but " + *owner + " may modify " + file;
  out.check = rights_check(spec);
  out.reason = "automated: " + file +
               " in System32 (site value windows_system32_folder) must exist, and no trustee "
               "but " +
               *owner + " may hold any of " + comma_list(spec.rights);
  return out;
}

}  // namespace

bool has_windows_file_permission_finding(const std::string& check_text) {
  return (check_text.find("are not as restrictive as the default permissions listed below") != std::string::npos &&
          check_text.find(".evtx\" file") != std::string::npos) ||
         check_text.find("have \"Full control\" or \"Modify\" permissions, this is a finding") != std::string::npos;
}

Synthesis windows_file_rights_synthesis(const controls::StigRule& rule) {
  return rule.check_text.find(".evtx\" file") != std::string::npos ? event_log_synthesis(rule)
                                                                   : system_file_synthesis(rule);
}

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
  const auto folder = folder_value(
      "exchange_" + lower(folder_version) + "_audit_data_folder", "Exchange audit data folder (" + folder_version + ")",
      "The folder that holds this server's Exchange logs, the audit data the STIG protects. The default is "
      "Exchange's default log folder on the system drive, where the STIG says the logs are by default; set it "
      "where the EDSP places them.",
      "C:\\Program Files\\Microsoft\\Exchange Server\\" + folder_version + "\\Logging");
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
  RightsSpec spec;
  spec.folder_value = folder.id;
  spec.trustees_value = trustees.id;
  spec.rights = rights_of(*access);
  spec.what = "the audit data folder";
  spec.description = "no trustee the EDSP does not document has " + kind + " rights on the audit data";
  out.check = rights_check(spec);
  out.values = {folder, trustees};
  out.reason = "automated: the audit data folder (site value " + folder.id +
               ") must exist, and no trustee whose SID does not match site value " + trustees.id + " may hold any of " +
               comma_list(spec.rights);
  return out;
}

}  // namespace scapc::stig::detail
