// The catalog scapc ships (controls/catalog), checked against the real files it describes:
// DISA's STIG XCCDF for its rule ids, and real Exchange 2019 cmdlet output for its property names.
#include <scapc/clixml.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "test_support.h"

using namespace scapc;

namespace {

struct StigRule {
  std::string stig_id;
  std::string benchmark;  // stigviewer slug of the STIG that holds the rule
};

// The four STIGs the bundled catalog covers, by the slug its references use.
const std::map<std::string, std::string> kStigFiles{
    {"microsoft_exchange_2016_edge_transport_server",
     "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"},
    {"microsoft_exchange_2016_mailbox_server", "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml"},
    {"microsoft_exchange_2019_edge_server", "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"},
    {"microsoft_exchange_2019_mailbox_server", "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml"},
};

// V-ID -> rule, read from DISA's XCCDF files.
const std::map<std::string, StigRule>& stig_rules() {
  static const auto rules = [] {
    std::map<std::string, StigRule> out;
    for (const auto& [slug, file] : kStigFiles) {
      pugi::xml_document document;
      const auto path = test::shared_dir() + "/corpus/stig/" + file;
      REQUIRE(document.load_file(path.c_str()));
      for (const auto& group : document.child("Benchmark").children("Group")) {
        const std::string stig_id = group.child("Rule").child_value("version");
        out[group.attribute("id").value()] = StigRule{stig_id, slug};
      }
    }
    return out;
  }();
  return rules;
}

// Property names of the objects a cmdlet returned, as PowerShell serialized them.
// The properties the real server's output has, as the CliXml reader gives them (certificates
// rebuilt from their bytes, as PowerShell does).
std::set<std::string> cmdlet_properties(const std::string& cmdlet) {
  std::string file = cmdlet;
  file.erase(std::remove(file.begin(), file.end(), '-'), file.end());
  const auto path = test::shared_dir() + "/corpus/cmdlet-output/E19/" + file + ".xml";
  std::set<std::string> names;
  if (!std::filesystem::exists(path)) return names;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<oval::PsObject> objects;
  std::string error;
  REQUIRE(oval::read_clixml(text.str(), path, objects, error));
  for (const auto& object : objects) {
    for (const auto& property : object.properties) names.insert(property.first);
  }
  return names;
}

void collect(const controls::Check& check, std::vector<const controls::Query*>& out) {
  if (check.kind == controls::Check::Kind::Query) out.push_back(&check.query);
  for (const auto& child : check.children) collect(child, out);
}

const controls::LoadResult& bundled() {
  static const auto result = controls::load_catalog(test::source_dir() + "/controls/catalog");
  return result;
}

}  // namespace

TEST_CASE("the bundled catalog loads with no errors and no warnings", "[controls][bundled]") {
  CHECK(test::lines(bundled()).empty());
  REQUIRE(bundled().ok());
  CHECK(bundled().catalog.controls.size() >= 40);
  for (const auto& control : bundled().catalog.controls) {
    INFO(control.id);
    CHECK(control.verify);
    CHECK(control.check.has_value());
    CHECK(control.source == test::source_dir() + "/controls/catalog/" + control.id + ".json");
  }
  const auto summary = controls::summarize(bundled().catalog);
  CHECK(summary.machine_checked == static_cast<int>(bundled().catalog.controls.size()));
  CHECK(summary.site_values >= 4);
  // Windows data is counted by the OVAL test that reads it, not as if "registry" were a cmdlet; a
  // cmdlet read only for a valueFrom comparison (Get-TransportConfig in EXC-SC-009) counts as read.
  CHECK(summary.by_cmdlet.count("registry") == 0);
  CHECK(summary.by_cmdlet.at("win-def:registry_test") >= 5);
  CHECK(summary.by_cmdlet.at("win-def:service_test") >= 1);
  controls::Catalog send_size;
  for (const auto& control : bundled().catalog.controls) {
    if (control.id == "EXC-SC-009") send_size.controls.push_back(control);
  }
  REQUIRE(send_size.controls.size() == 1);
  CHECK(controls::summarize(send_size).by_cmdlet ==
        std::map<std::string, int>{{"Get-SendConnector", 1}, {"Get-TransportConfig", 1}});
}

TEST_CASE("every STIG rule the bundled catalog names exists in DISA's XCCDF with that STIG ID", "[controls][bundled]") {
  std::set<std::string> benchmarks;
  int with_stig = 0;
  for (const auto& control : bundled().catalog.controls) {
    INFO(control.id);
    // DISA is claimed exactly when the control names DISA rules (some controls are CIS or
    // Microsoft guidance with no STIG counterpart).
    const bool claims_disa =
        std::find(control.frameworks.begin(), control.frameworks.end(), "DISA") != control.frameworks.end();
    CHECK(claims_disa == !control.stig_references.empty());
    if (control.stig_references.empty()) continue;
    ++with_stig;
    std::set<std::string> roles_covered;
    for (const auto& reference : control.stig_references) {
      INFO(reference.vuln_id << " " << reference.stig_id);
      const auto found = stig_rules().find(reference.vuln_id);
      REQUIRE(found != stig_rules().end());
      CHECK(found->second.stig_id == reference.stig_id);
      CHECK(found->second.benchmark == reference.benchmark);
      benchmarks.insert(reference.benchmark);
      roles_covered.insert(reference.benchmark.find("edge") != std::string::npos ? "Edge" : "Mailbox");
    }
    // A control claims a role only where a STIG for that role asks for it.
    for (const auto& role : control.roles) {
      INFO(role);
      CHECK(roles_covered.count(role) == 1);
    }
  }
  CHECK(benchmarks.size() == kStigFiles.size());
  CHECK(with_stig >= 40);
}

TEST_CASE("the bundled catalog covers the Exchange topics it promises", "[controls][bundled]") {
  std::set<std::string> cmdlets;
  std::set<std::string> properties;
  for (const auto& control : bundled().catalog.controls) {
    std::vector<const controls::Query*> queries;
    collect(*control.check, queries);
    for (const auto* query : queries) {
      cmdlets.insert(query->cmdlet);
      for (const auto& property : query->properties) properties.insert(query->cmdlet + "." + property);
    }
  }
  for (const char* cmdlet : {"Get-SendConnector", "Get-ReceiveConnector", "Get-TransportService", "Get-TransportConfig",
                             "Get-OwaVirtualDirectory", "Get-WebServicesVirtualDirectory", "Get-EcpVirtualDirectory",
                             "Get-OrganizationConfig", "Get-AdminAuditLogConfig", "Get-RemoteDomain",
                             "Get-ExecutionPolicy", "Get-SenderFilterConfig", "Get-ContentFilterConfig"}) {
    INFO(cmdlet);
    CHECK(cmdlets.count(cmdlet) == 1);
  }
  for (const char* property :
       {"Get-SendConnector.DomainSecureEnabled", "Get-SendConnector.RequireTLS", "Get-SendConnector.TlsAuthLevel",
        "Get-ReceiveConnector.AuthMechanism", "Get-ReceiveConnector.PermissionGroups",
        "Get-ReceiveConnector.MaxMessageSize", "Get-ReceiveConnector.MaxRecipientsPerMessage",
        "Get-TransportService.ConnectivityLogEnabled", "Get-OrganizationConfig.OAuth2ClientProfileEnabled",
        "Get-RemoteDomain.AutoForwardEnabled", "Get-AdminAuditLogConfig.AdminAuditLogEnabled"}) {
    INFO(property);
    CHECK(properties.count(property) == 1);
  }
  const auto edge_only =
      std::count_if(bundled().catalog.controls.begin(), bundled().catalog.controls.end(),
                    [](const controls::Control& c) { return c.roles == std::vector<std::string>{"Edge"}; });
  CHECK(edge_only >= 5);
}

TEST_CASE("bundled checks read properties that real Exchange 2019 output has", "[controls][bundled]") {
  int confirmed = 0;
  for (const auto& control : bundled().catalog.controls) {
    std::vector<const controls::Query*> queries;
    collect(*control.check, queries);
    for (const auto* query : queries) {
      const auto real = cmdlet_properties(query->cmdlet);
      if (real.empty()) continue;  // no real sample of this cmdlet in the corpus
      for (const auto& property : query->properties) {
        INFO(control.id << " " << query->cmdlet << " " << property);
        CHECK(real.count(property) == 1);
        ++confirmed;
      }
    }
  }
  CHECK(confirmed >= 30);
}
