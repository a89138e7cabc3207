// DISA's Exchange STIGs as the readers see them: every rule of the 12 corpus files, one rule in full,
// the two text layouts of the seed documents, and bad input.
#include <scapc/stig.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace scapc;

namespace {

std::string corpus(const std::string& file) {
  return std::string(SCAPC_SHARED_DIR) + "/corpus/stig/" + file;
}
std::string seed(const std::string& file) {
  return std::string(SCAPC_SHARED_DIR) + "/reference/seed-formats/" + file;
}

stig::Benchmark must_read(const std::string& path) {
  controls::Diagnostics diagnostics;
  auto benchmark = stig::read(path, diagnostics);
  for (const auto& d : diagnostics.items()) UNSCOPED_INFO(controls::format(d));
  REQUIRE(benchmark.has_value());
  REQUIRE_FALSE(diagnostics.has_errors());
  return *benchmark;
}

const controls::StigRule& rule(const stig::Benchmark& benchmark, const std::string& vuln_id) {
  const auto found = std::find_if(benchmark.rules.begin(), benchmark.rules.end(),
                                  [&](const controls::StigRule& r) { return r.vuln_id == vuln_id; });
  REQUIRE(found != benchmark.rules.end());
  return *found;
}

}  // namespace

TEST_CASE("every rule of the 12 Exchange STIGs is read", "[stig][reader]") {
  const std::vector<std::pair<std::string, std::size_t>> files{
      {"U_Email_Services_Policy_V2R6_Manual-xccdf.xml", 21},
      {"U_Exchange_2010_Client_Access_V1R9_Manual-xccdf.xml", 28},
      {"U_Exchange_2010_Hub_V1R12_Manual-xccdf.xml", 43},
      {"U_Exchange_2010_Mailbox_STIG_V1R10_Manual-xccdf.xml", 33},
      {"U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml", 57},
      {"U_MS_Exchange_2013_CAS_STIG_V2R2_Manual-xccdf.xml", 33},
      {"U_MS_Exchange_2013_Edge_Transport_Server_ STIG_V1R6_Manual-xccdf.xml", 63},
      {"U_MS_Exchange_2013_Mailbox_STIG_V2R3_Manual-xccdf.xml", 70},
      {"U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml", 68},
      {"U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml", 64},
      {"U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml", 68},
      {"U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml", 68},
  };
  for (const auto& [file, count] : files) {
    INFO(file);
    const auto benchmark = must_read(corpus(file));
    CHECK(benchmark.format == "XCCDF 1.1");
    CHECK(benchmark.rules.size() == count);
    CHECK_FALSE(benchmark.release_info.empty());
    for (const auto& r : benchmark.rules) {
      INFO(r.vuln_id);
      CHECK(r.vuln_id.rfind("V-", 0) == 0);
      CHECK(r.rule_id.rfind("SV-", 0) == 0);
      CHECK_FALSE(r.stig_id.empty());
      CHECK_FALSE(r.title.empty());
      CHECK_FALSE(r.check_text.empty());
      CHECK(r.check_text.find('\r') == std::string::npos);  // CRLF files read as plain lines
      CHECK(r.fix_text.find('\r') == std::string::npos);
    }
  }
}

TEST_CASE("one DISA rule in full", "[stig][reader]") {
  const auto benchmark = must_read(corpus("U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"));
  CHECK(benchmark.id == "MS_Exchange_2016_Edge_Transport_Server_STIG");
  CHECK(benchmark.title == "Microsoft Exchange 2016 Edge Transport Server Security Technical Implementation Guide");
  CHECK(benchmark.version == "2");
  CHECK(benchmark.release_info == "Release: 6 Benchmark Date: 30 Jan 2025");
  CHECK(benchmark.status_date == "2024-12-06");
  CHECK(benchmark.profiles.size() == 9);
  const auto& r = rule(benchmark, "V-221202");
  CHECK(r.rule_id == "SV-221202r960735_rule");
  CHECK(r.stig_id == "EX16-ED-000010");
  CHECK(r.group_title == "SRG-APP-000001");
  CHECK(r.severity == "medium");
  CHECK(r.weight == "10.0");
  CHECK(r.title == "Exchange must limit the Receive connector timeout.");
  CHECK(r.discussion.rfind("Email system availability depends in part", 0) == 0);
  CHECK(r.description_fields.at("Documentable") == "false");
  CHECK(r.ccis == std::vector<std::string>{"CCI-000054"});
  CHECK(r.legacy_ids == std::vector<std::string>{"SV-95195", "V-80485"});
  CHECK(r.check_id == "C-22917r411732_chk");
  CHECK(r.fix_id == "F-22906r411733_fix");
  CHECK(r.check_text.find("Get-ReceiveConnector | Select Name, Identity, ConnectionTimeout") != std::string::npos);
  CHECK(r.fix_text.find("Set-ReceiveConnector -Identity <'IdentityName'> -ConnectionTimeout 00:05:00") !=
        std::string::npos);
}

TEST_CASE("older STIGs without CCIs keep their legacy identifiers", "[stig][reader]") {
  const auto benchmark = must_read(corpus("U_Exchange_2010_Client_Access_V1R9_Manual-xccdf.xml"));
  for (const auto& r : benchmark.rules) {
    INFO(r.vuln_id);
    CHECK(r.ccis.empty());
  }
}

TEST_CASE("the STIG Viewer page layout (seed V-221218)", "[stig][reader]") {
  const auto benchmark = must_read(seed("stig-page-V-221218.txt"));
  CHECK(benchmark.format == "STIG page text");
  CHECK(benchmark.title == "Microsoft Exchange 2016 Edge Transport Server Security Technical Implementation Guide");
  CHECK(benchmark.status_date == "2022-06-09");
  REQUIRE(benchmark.rules.size() == 1);
  const auto& r = benchmark.rules.front();
  CHECK(r.vuln_id == "V-221218");
  CHECK(r.stig_id == "EX16-ED-000170");
  CHECK(r.rule_id == "SV-221218r811174_rule");
  CHECK(r.severity == "medium");
  CHECK(r.title ==
        "Exchange internal Send connectors must use domain security (mutual authentication Transport Layer Security).");
  CHECK(r.discussion.rfind("The Simple Mail Transfer Protocol (SMTP) connector is used by Exchange", 0) == 0);
  CHECK(r.check_id == "C-22933r811172_chk");
  CHECK(r.fix_id == "F-22922r811173_fix");
  CHECK(r.check_text.rfind("Open the Exchange Management Shell", 0) == 0);
  CHECK(r.fix_text.find("Set-SendConnector <'IdentityName'> -DomainSecureEnabled $true") != std::string::npos);
}

TEST_CASE("the legacy STIG layout (seed EMG2-038)", "[stig][reader]") {
  const auto benchmark = must_read(seed("legacy-stig-EMG2-038.txt"));
  CHECK(benchmark.format == "legacy STIG text");
  CHECK(benchmark.title == "Microsoft Exchange Server 2003");
  REQUIRE(benchmark.rules.size() == 1);
  const auto& r = benchmark.rules.front();
  CHECK(r.stig_id == "EMG2-038");
  CHECK(r.vuln_id == "V-18818");
  CHECK(r.rule_id == "SV-20557r1_rule");
  CHECK(r.severity == "medium");  // "(Cat II impact)"
  CHECK(r.title.rfind("E-mail Services are not protected by having an Edge Transport Server", 0) == 0);
  CHECK(r.check_text.rfind("Interview the E-mail Administrator or the IAO.", 0) == 0);
  CHECK(r.fix_text.rfind("Implement an Edge Transport Server", 0) == 0);
  CHECK(r.ccis.empty());
}

TEST_CASE("bad STIG input is an error with its place", "[stig][reader]") {
  controls::Diagnostics diagnostics;
  CHECK_FALSE(
      stig::read_xccdf_text("<Benchmark id=\"x\">\n  <Group id=\"V-1\">\n</Benchmark>", "bad.xml", diagnostics));
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(controls::format(diagnostics.items()[0]).rfind("bad.xml:3:", 0) == 0);
  controls::Diagnostics other;
  CHECK_FALSE(stig::read_text("just some notes\n", "notes.txt", other));
  REQUIRE(other.items().size() == 1);
  CHECK(controls::format(other.items()[0]) ==
        "notes.txt:(document): error: not a STIG: no XCCDF Benchmark, no 'Check Text (C-…)' page, no 'Check Content' "
        "section");
  controls::Diagnostics root;
  CHECK_FALSE(stig::read_xccdf_text("<oval_definitions/>", "o.xml", root));
  CHECK(controls::format(root.items().at(0)) ==
        "o.xml:(document): error: not an XCCDF Benchmark (root element 'oval_definitions')");
}

TEST_CASE("XCCDF 1.2 benchmarks are read too", "[stig][reader]") {
  const auto benchmark = must_read(std::string(SCAPC_SHARED_DIR) + "/reference/oscap-fixtures/exch-xccdf.xml");
  CHECK(benchmark.format == "XCCDF 1.2");
  CHECK(benchmark.id.rfind("xccdf_", 0) == 0);
  CHECK_FALSE(benchmark.rules.empty());
}
