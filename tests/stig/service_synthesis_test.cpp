// DISA's "Get-Service -Name … StartType" statements read as service checks, and every other shape
// keeping a rule manual.
#include <scapc/controls.h>
#include <scapc/stig.h>

#include <catch2/catch.hpp>

using namespace scapc;

namespace {

stig::Synthesis service_rule(const std::string& text) {
  controls::StigRule rule;
  rule.benchmark_title = "Microsoft Exchange 2019 Mailbox Server Security Technical Implementation Guide";
  rule.vuln_id = "V-1";
  rule.stig_id = "EX19-MB-000001";
  rule.check_text = text;
  return stig::synthesize(rule);
}

const char* kPop3 =
    "Open the Windows PowerShell and enter the following command:\n\n"
    "Get-Service -Name MSExchangePop3,MSExchangePOP3BE |Select-Object -Property Name,StartType\n\n"
    "If any of the POP3 services StartType is NOT set to \"Disabled\", this is a finding.";

}  // namespace

TEST_CASE("the named services must have the start type the finding names", "[stig][synthesis]") {
  const auto pop3 = service_rule(kPop3);
  REQUIRE(pop3.check.has_value());
  const auto& query = pop3.check->query;
  CHECK(query.data == controls::DataKind::Service);
  REQUIRE(query.entities.size() == 1);
  CHECK(query.entities[0].name == "service_name");
  CHECK(query.entities[0].value == "(?i)^(MSExchangePop3|MSExchangePOP3BE)$");
  CHECK(query.entities[0].pattern);
  CHECK(controls::describe(*query.condition) == "start_type equals 'SERVICE_DISABLED'");
  CHECK(query.require == controls::Quantifier::All);
  CHECK(query.on_empty == controls::EmptyResult::Pass);
  CHECK(pop3.note.empty());

  std::string manual(kPop3);
  manual.replace(manual.find("\"Disabled\""), 10, "\"Manual\"");
  CHECK(service_rule(manual).check->query.condition->values.at(0).text == "SERVICE_DEMAND_START");
}

TEST_CASE("DISA's misspelled IMAP4 back-end service adds the service Exchange installs", "[stig][synthesis]") {
  const auto imap = service_rule(
      "Note: This requirement applies to IMAP4. IMAP Secure is not restricted and does not apply to this "
      "requirement.\n\nOpen the Windows PowerShell and enter the following command:\n\n"
      "Get-Service -Name MSExchangeIMAPBE,MSExchangeImap4 |Select-Object -Property Name,StartType\n\n"
      "If ANY of the IMAP services StartType is NOT set to \"Disabled\", this is a finding.");
  REQUIRE(imap.check.has_value());
  CHECK(imap.check->query.entities[0].value == "(?i)^(MSExchangeIMAPBE|MSExchangeImap4|MSExchangeIMAP4BE)$");
  CHECK(imap.note ==
        "the check text names service MSExchangeIMAPBE, which Exchange does not install; the IMAP4 back-end "
        "service MSExchangeIMAP4BE is checked too");
}

TEST_CASE("service statements of other shapes stay manual, with the reason", "[stig][synthesis]") {
  const auto reason = [](std::string text) {
    const auto synthesis = service_rule(text);
    CHECK_FALSE(synthesis.check.has_value());
    return synthesis.reason;
  };
  std::string wildcard(kPop3);
  wildcard.replace(wildcard.find("MSExchangePop3,"), 15, "MSExchangePop3*,");
  CHECK(reason(wildcard).starts_with("cannot read the service command"));

  std::string status(kPop3);
  status.replace(status.find("Name,StartType"), 14, "Name,Status");
  CHECK(reason(status) == "the service command does not show StartType");

  CHECK(reason(std::string(kPop3) + "\n\nIf the services are required by the EDSP, this is not a finding.") ==
        "the check text says more than the service start type: \"If the services are required by the EDSP, this is "
        "not a finding.\"");
  CHECK(reason(std::string(kPop3) + "\n\nGet-Service -Name MSExchangeImap4 |Select-Object -Property Name,StartType") ==
        "the check text runs Get-Service more than once");
  CHECK(reason("Open the Windows PowerShell and enter the following command:\n\nGet-Service -Name MSExchangePop3 "
               "|Select-Object -Property Name,StartType") ==
        "the check text states no start type that is a finding");

  // Running services against the EDSP's list: the list is the site's, so the rule stays manual.
  const auto running = service_rule(
      "Open a Windows PowerShell and enter the following command:\n\nGet-Service | Where-Object {$_.status -eq "
      "'running'}\n\nIf any undocumented or unnecessary services are running, this is a finding.");
  CHECK_FALSE(running.check.has_value());
}
