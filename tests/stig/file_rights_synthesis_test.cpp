// DISA's audit data permission statements read as file rights checks, and every other sentence
// keeping a rule manual.
#include <scapc/controls.h>
#include <scapc/stig.h>

#include <catch2/catch.hpp>

using namespace scapc;

namespace {

stig::Synthesis synthesized(const std::string& text, const std::string& title =
                                                         "Microsoft Exchange 2016 "
                                                         "Mailbox Server Security Technical "
                                                         "Implementation Guide") {
  controls::StigRule rule;
  rule.benchmark_title = title;
  rule.vuln_id = "V-1";
  rule.stig_id = "EX16-MB-000001";
  rule.check_text = text;
  return stig::synthesize(rule);
}

const controls::Condition& forbidden_rights(const stig::Synthesis& synthesis) {
  REQUIRE(synthesis.check.has_value());
  REQUIRE(synthesis.check->kind == controls::Check::Kind::AllOf);
  REQUIRE(synthesis.check->children.size() == 2);
  REQUIRE(synthesis.check->children[1].query.condition.has_value());
  return *synthesis.check->children[1].query.condition;
}

std::vector<std::string> properties(const controls::Condition& condition) {
  std::vector<std::string> out;
  for (const auto& child : condition.children) out.push_back(child.property);
  return out;
}

}  // namespace

TEST_CASE("each kind of audit data access forbids its own rights to undocumented trustees", "[stig][synthesis]") {
  const auto read = synthesized(
      "Review the Email Domain Security Plan (EDSP) or document that contains this information.\n\nDetermine the "
      "authorized groups or users that should have \"Read\" access to the audit data.\n\nIf any group or user has "
      "\"Read\" access to the audit data that is not documented in the EDSP, this is a finding.");
  CHECK(properties(forbidden_rights(read)) ==
        std::vector<std::string>{"file_read_data", "generic_read", "generic_all"});
  REQUIRE(read.values.size() == 2);
  CHECK(read.values[0].id == "exchange_v15_audit_data_folder");
  CHECK(read.values[0].default_value.text == "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging");
  CHECK(read.values[1].id == "audit_data_read_trustees");
  CHECK(read.values[1].default_value.text == "^S-1-5-(18|32-544)$");
  const auto& exists = read.check->children[0].query;
  CHECK(exists.data == controls::DataKind::FileRights);
  CHECK(exists.entities[0].value_ref == "exchange_v15_audit_data_folder");
  CHECK(exists.require == controls::Quantifier::AtLeastOne);
  CHECK(exists.on_empty == controls::EmptyResult::Fail);
  const auto& others = read.check->children[1].query;
  CHECK(others.on_empty == controls::EmptyResult::Pass);
  REQUIRE(others.filter.has_value());
  CHECK(controls::describe(*others.filter) == "not trustee_sid matches site value audit_data_read_trustees");

  // "Determine … that should have access" names no kind: the finding decides.
  const auto modify = synthesized(
      "Review the Email Domain Security Plan (EDSP).\nDetermine the authorized groups or users that should have "
      "access to the audit data.\nIf any group or user has modify privileges for the audit data that is not "
      "documented in the EDSP, this is a finding.");
  CHECK(properties(forbidden_rights(modify)) ==
        std::vector<std::string>{"file_write_data", "file_append_data", "file_write_ea", "file_write_attributes",
                                 "standard_write_dac", "standard_write_owner", "generic_write", "generic_all"});
  CHECK(modify.values[1].id == "audit_data_modify_trustees");

  const auto remove = synthesized(
      "Review the Email Domain Security Plan (EDSP).\nIf any group or user has delete permissions for the audit "
      "data that is not documented in the EDSP, this is a finding.");
  CHECK(properties(forbidden_rights(remove)) ==
        std::vector<std::string>{"standard_delete", "file_delete_child", "generic_all"});

  // Exchange 2010: any access, in the V14 folder.
  const auto any = synthesized(
      "Obtain the Email Domain Security Plan (EDSP)  and locate the authorized groups or users that should have "
      "access to the audit data.\n\nIf any group or user has access to the audit data that is not documented in the "
      "EDSP, this is a finding.",
      "Microsoft Exchange 2010 Mailbox Server");
  CHECK(properties(forbidden_rights(any)).size() == 12);
  CHECK(any.values[0].id == "exchange_v14_audit_data_folder");
  CHECK(any.values[0].default_value.text == "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\Logging");
}

TEST_CASE("audit data rules with sentences the reader does not know stay manual", "[stig][synthesis]") {
  const std::string finding =
      "If any group or user has read access to the audit data that is not documented in the EDSP, this is a finding.";
  CHECK(synthesized("Review the EDSP.\nAudit data kept on a syslog server is not a finding.\n" + finding).reason ==
        "a sentence of the audit data check is not one this reader knows: \"Review the EDSP.\"");
  CHECK(synthesized("Review the Email Domain Security Plan (EDSP).\nIf the audit data is forwarded, this is NA.\n" +
                    finding)
            .reason ==
        "a sentence of the audit data check is not one this reader knows: \"If the audit data is forwarded, this is "
        "NA.\"");
  // The trustees named for one access and the finding about another: which list is meant is unclear.
  CHECK_FALSE(synthesized("Determine the authorized groups or users that should have delete permissions for the "
                          "audit data.\n" +
                          finding)
                  .check.has_value());
  CHECK(synthesized(finding + "\nIf any group or user has delete permissions for the audit data that is not "
                              "documented in the EDSP, this is a finding.")
            .reason == "the check text states two findings about the audit data");
  // No Exchange product named and no folder in the text: where the audit data is, is not known.
  CHECK(synthesized(finding, "Some Other Product STIG").reason ==
        "the check text does not say where the audit data is");
  // The folder the text names decides over the product.
  const auto named = synthesized(
      "By default, the logs are located on the application partition in \\Program Files\\Microsoft\\Exchange "
      "Server\\V15\\Logging.\n" +
          finding,
      "Some Other Product STIG");
  REQUIRE(named.check.has_value());
  CHECK(named.values[0].id == "exchange_v15_audit_data_folder");
}

TEST_CASE("Windows event log and System32 file permission statements become file rights checks", "[stig][synthesis]") {
  controls::Diagnostics diagnostics;
  const auto benchmark = stig::read(std::string(SCAPC_SHARED_DIR) +
                                        "/corpus/stig-more/U_MS_Windows_Server_2016_STIG_V2R10_Manual-xccdf.xml",
                                    diagnostics);
  REQUIRE(benchmark.has_value());
  std::map<std::string, stig::Synthesis> by_rule;
  for (const auto& rule : benchmark->rules) {
    if (rule.vuln_id == "V-224877" || rule.vuln_id == "V-224878" || rule.vuln_id == "V-224879" ||
        rule.vuln_id == "V-224880")
      by_rule.emplace(rule.vuln_id, stig::synthesize(rule));
  }
  REQUIRE(by_rule.size() == 4);
  const std::string logs_readers =
      "^(S-1-5-80-880578595-1860270145-482643319-2788375705-1540778122|S-1-5-18|S-1-5-32-544)$";
  for (const auto& [vuln, file] : {std::pair{"V-224877", "Application.evtx"},
                                   {"V-224878", "Security.evtx"},
                                   {"V-224879", "System.evtx"}}) {
    const auto& synthesis = by_rule.at(vuln);
    INFO(vuln << ": " << synthesis.reason);
    const auto& condition = forbidden_rights(synthesis);
    CHECK(condition.children.size() == 19);  // the trustees not listed may hold no right at all
    const auto& query = synthesis.check->children[1].query;
    CHECK(query.entities[0].value_ref == "windows_event_log_folder");
    CHECK(query.entities[1].name == "filename");
    CHECK(query.entities[1].value == file);
    CHECK(controls::describe(*query.filter) == "not trustee_sid matches '" + logs_readers + "'");
    REQUIRE(synthesis.values.size() == 1);
    CHECK(synthesis.values[0].default_value.text == "C:\\Windows\\System32\\winevt\\Logs");
  }
  const auto& viewer = by_rule.at("V-224880");
  INFO(viewer.reason);
  CHECK(properties(forbidden_rights(viewer)) ==
        std::vector<std::string>{"file_write_data", "file_append_data", "file_write_ea", "file_write_attributes",
                                 "standard_delete", "file_delete_child", "standard_write_dac", "standard_write_owner",
                                 "generic_write", "generic_all"});
  CHECK(viewer.check->children[1].query.entities[1].value == "Eventvwr.exe");
  CHECK(controls::describe(*viewer.check->children[1].query.filter) ==
        "not trustee_sid matches '^(S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)$'");
}

TEST_CASE("file permission lists with bounds per trustee or unknown principals stay manual", "[stig][synthesis]") {
  const std::string finding =
      "If the permissions for the \"Application.evtx\" file are not as restrictive as the default permissions "
      "listed below, this is a finding.\n\n";
  CHECK(synthesized(finding + "Eventlog - Full Control\nSYSTEM - Full Control\nUsers - Read").reason ==
        "a line of the event log permission check is not one this reader knows: \"Users - Read\"");
  CHECK(synthesized(finding + "Eventlog - Full Control\nBackup Operators - Full Control").reason ==
        "the permission list names a principal this reader does not know: \"Backup Operators - Full Control\"");
  CHECK(synthesized(finding + "Eventlog - Full Control\nIf the log is forwarded, this is NA.").reason ==
        "a line of the event log permission check is not one this reader knows: \"If the log is forwarded, this is "
        "NA.\"");
  CHECK(synthesized("View the permissions on \"Eventvwr.exe\".\nIf any groups or accounts other than Print Operators "
                    "have \"Full control\" or \"Modify\" permissions, this is a finding.")
            .reason ==
        "the finding names a principal this reader does not know: \"If any groups or accounts other than Print "
        "Operators have \"Full control\" or \"Modify\" permissions, this is a finding.\"");
}
