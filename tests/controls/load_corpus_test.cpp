// EDCA's real catalog (../shared/corpus/controls) in both of its layouts.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace scapc;

namespace {

const std::string kCatalogFile = test::shared_dir() + "/corpus/controls/controls.json";
const std::string kCatalogDirectory = test::shared_dir() + "/corpus/controls/Controls";

}  // namespace

TEST_CASE("EDCA's single-file catalog loads with no diagnostics", "[controls][corpus]") {
  const auto result = controls::load_catalog(kCatalogFile);
  CHECK(test::lines(result).empty());
  REQUIRE(result.ok());
  REQUIRE(result.catalog.controls.size() == 192);

  const auto summary = controls::summarize(result.catalog);
  CHECK(summary.by_severity == std::map<std::string, int>{{"High", 59}, {"Low", 36}, {"Medium", 97}});
  CHECK(summary.by_framework == std::map<std::string, int>{{"ANSSI", 41},
                                                           {"BSI", 49},
                                                           {"Best Practice", 145},
                                                           {"CIS", 50},
                                                           {"CISA", 27},
                                                           {"DISA", 71},
                                                           {"ISM", 31},
                                                           {"NIS2", 27}});
  CHECK(summary.by_role == std::map<std::string, int>{{"Edge", 95}, {"Mailbox", 174}});
  CHECK(summary.by_category.size() == 8);
  CHECK(summary.by_category.at("Transport Security") == 48);
  CHECK(summary.informational == 36);
  CHECK(summary.manual == 156);  // EDCA's checks are PowerShell code, not declarative blocks
  CHECK(summary.machine_checked == 0);
  CHECK(summary.stig_references == 100);
}

TEST_CASE("EDCA's one-file-per-control layout loads the same controls", "[controls][corpus]") {
  const auto from_directory = controls::load_catalog(kCatalogDirectory);
  CHECK(test::lines(from_directory).empty());
  REQUIRE(from_directory.ok());
  const auto from_file = controls::load_catalog(kCatalogFile);
  REQUIRE(from_directory.catalog.controls.size() == from_file.catalog.controls.size());

  for (const auto& expected : from_file.catalog.controls) {
    const auto* actual = test::find_control(from_directory.catalog, expected.id);
    REQUIRE(actual != nullptr);
    CHECK(actual->title == expected.title);
    CHECK(actual->description == expected.description);
    CHECK(actual->severity == expected.severity);
    CHECK(actual->severity_weight == expected.severity_weight);
    CHECK(actual->frameworks == expected.frameworks);
    CHECK(actual->roles == expected.roles);
    CHECK(actual->references.size() == expected.references.size());
    CHECK(actual->remediation.script_template == expected.remediation.script_template);
    CHECK(actual->source == kCatalogDirectory + "/" + expected.id + ".json");
    CHECK(actual->pointer.empty());
  }
}

TEST_CASE("a control read from EDCA keeps every field", "[controls][corpus]") {
  const auto result = controls::load_catalog(kCatalogDirectory + "/EDCA-TLS-014.json");
  REQUIRE(result.ok());
  REQUIRE(result.catalog.controls.size() == 1);
  const auto& control = result.catalog.controls.front();
  CHECK(control.id == "EDCA-TLS-014");
  CHECK(control.title == "External send connector has domain security enabled");
  CHECK(control.verify);
  CHECK(control.subject == "Organization");
  CHECK(control.category == "Transport Security");
  CHECK(control.severity == controls::Severity::Medium);
  CHECK(control.severity_weight == 5);
  CHECK(control.frameworks == std::vector<std::string>{"Best Practice", "BSI", "CIS", "DISA", "NIS2", "ISM"});
  CHECK(control.roles == std::vector<std::string>{"Mailbox"});
  REQUIRE(control.references.size() == 5);
  CHECK(control.references[1].url == "https://learn.microsoft.com/exchange/mail-flow/connectors/connector-selection");
  CHECK(control.remediation.automatable);
  CHECK(control.remediation.description == "Enable DomainSecureEnabled on the external send connector.");
  CHECK(control.remediation.script_template.find("Set-SendConnector -DomainSecureEnabled $true") != std::string::npos);
  CHECK(control.considerations.rfind("Domain security requires both", 0) == 0);
  CHECK_FALSE(control.check.has_value());

  REQUIRE(control.stig_references.size() == 1);
  const auto& stig = control.stig_references.front();
  CHECK(stig.stig_id == "EX19-MB-000233");
  CHECK(stig.vuln_id == "V-259708");
  CHECK(stig.rule_id.empty());
  CHECK(stig.benchmark == "microsoft_exchange_2019_mailbox_server");
}

TEST_CASE("the single-file layout locates controls by array index", "[controls][corpus]") {
  const auto result = controls::load_catalog(kCatalogFile);
  REQUIRE(result.ok());
  CHECK(result.catalog.controls[0].pointer == "/0");
  CHECK(result.catalog.controls[191].pointer == "/191");
  CHECK(result.catalog.controls[191].source == kCatalogFile);
}
