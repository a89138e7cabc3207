// Whose objects a verdict rests on: a check that read only organisation-wide objects is marked so
// (the same verdict on every server), a server-scoped one is this server's, and a cmdlet the scope
// table does not know is neither, unless the bundle records its scope.
#include <scapc/check.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace scapc;

namespace {

const std::string kScopeFixtures = SCAPC_SOURCE_DIR "/tests/check/fixtures/";

std::string bundle_with(const std::string& unknown_scope) {
  return R"({"scapcBundle": 1, "host": {"hostName": "mb01"}, "cmdlets": [
    {"cmdlet": "Get-SendConnector", "scope": "organization", "status": "ok",
     "objects": [{"Name": "Internet", "RequireTLS": false}]},
    {"cmdlet": "Get-ReceiveConnector", "scope": "server", "status": "ok",
     "objects": [{"Name": "Default MB01", "Server": "MB01", "RequireTLS": false},
                 {"Name": "Default MB02", "Server": "MB02", "RequireTLS": true}]},
    {"cmdlet": "Get-FooBarSetting", )" +
         unknown_scope + R"("status": "ok", "objects": [{"Name": "x", "RequireTLS": false}]}]})";
}

struct Verdict {
  std::string result;
  bool organization_wide = false;
  std::string evidence;  // the test line
};

std::map<std::string, Verdict> verdicts(const std::string& bundle_text) {
  const auto path = std::filesystem::temp_directory_path() / "scapc-scope-test-mb01.json";
  std::ofstream(path, std::ios::binary) << bundle_text;
  check::Content content;
  check::Host host;
  xccdf::loaded::Evaluation evaluation;
  std::string error;
  REQUIRE(check::load_content(kScopeFixtures + "scope-xccdf.xml", {}, content, error));
  REQUIRE(check::load_host(path.string(), host, error));
  std::filesystem::remove(path);
  REQUIRE(xccdf::loaded::resolve(content.benchmark, {}, "", evaluation, error));
  const auto result = check::evaluate(content, evaluation, host, {});
  std::map<std::string, Verdict> out;
  for (const auto& rule : result.rules) {
    auto& verdict = out[rule.rule_id.substr(std::string("xccdf_org.example_rule_").size())];
    verdict.result = check::to_string(rule.result);
    verdict.organization_wide = rule.organization_wide;
    for (const auto& message : rule.messages) {
      if (message.starts_with("test ")) verdict.evidence = message;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("whose objects a verdict rests on, per cmdlet scope", "[check][scope]") {
  auto checked = verdicts(bundle_with(""));
  CHECK(checked["send"].result == "fail");
  CHECK(checked["send"].organization_wide);
  CHECK(checked["send"].evidence ==
        "test oval:org.example.scope:tst:1 is false (Get-SendConnector: organisation-wide, the same for every "
        "server): 1 object: [false] name=Internet, requiretls=false");
  // MB02's connector is left out: the failure is MB01's own.
  CHECK(checked["receive"].result == "fail");
  CHECK_FALSE(checked["receive"].organization_wide);
  CHECK(checked["receive"].evidence ==
        "test oval:org.example.scope:tst:2 is false (Get-ReceiveConnector: this server's objects only): 1 object: "
        "[false] name=Default MB01, requiretls=false");
  // Unknown: no note, and not reported once for the organisation.
  CHECK(checked["unknown"].result == "fail");
  CHECK_FALSE(checked["unknown"].organization_wide);
  CHECK(checked["unknown"].evidence ==
        "test oval:org.example.scope:tst:3 is false: 1 object: [false] name=x, requiretls=false");
  // A bundle that records the unknown cmdlet's scope is believed.
  checked = verdicts(bundle_with(R"("scope": "organization", )"));
  CHECK(checked["unknown"].organization_wide);
}
