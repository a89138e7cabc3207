// The collector: which commands a profile's rules need (tests/collector/fixtures), what content it
// refuses, and the shape of the script (PowerShell itself is not on the build machines).
#include <scapc/check.h>
#include <scapc/collector.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <sstream>

using namespace scapc;

namespace {

const std::string kFixtures = SCAPC_SOURCE_DIR "/tests/collector/fixtures/";

struct Planned {
  bool ok = false;
  collector::Plan plan;
  std::string error;
};

Planned plan_for(const std::string& profile) {
  check::Content content;
  std::string error;
  REQUIRE(check::load_content(kFixtures + "collector-xccdf.xml", {}, content, error));
  xccdf::loaded::Evaluation evaluation;
  const auto profile_id = profile.empty() ? std::string() : "xccdf_org.example_profile_" + profile;
  REQUIRE(xccdf::loaded::resolve(content.benchmark, {}, profile_id, evaluation, error));
  Planned out;
  out.ok = collector::plan(content, evaluation, out.plan, out.error);
  return out;
}

// "Get-Service -name MSExchangePop3*": the command and its parameters as the plan holds them.
std::vector<std::string> commands(const collector::Plan& plan) {
  std::vector<std::string> out;
  for (const auto& invocation : plan.invocations) {
    auto line = invocation.cmdlet();
    for (const auto& parameter : invocation.parameters) line += " -" + parameter.name + " " + parameter.value;
    out.push_back(line);
  }
  return out;
}

const collector::Invocation& invocation_of(const collector::Plan& plan, const std::string& cmdlet) {
  const auto found = std::find_if(plan.invocations.begin(), plan.invocations.end(),
                                  [&](const auto& invocation) { return invocation.cmdlet() == cmdlet; });
  REQUIRE(found != plan.invocations.end());
  return *found;
}

std::string script_for(const std::string& profile, bool clixml_default = false) {
  const auto planned = plan_for(profile);
  REQUIRE(planned.ok);
  return collector::powershell_script(planned.plan, {"collector-xccdf.xml", profile, clixml_default});
}

std::vector<std::string> code_lines(const std::string& script) {
  std::vector<std::string> lines;
  std::istringstream in(script);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] != '#') lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("the plan holds the commands of the selected rules and the platform", "[collector]") {
  const auto planned = plan_for("base");
  REQUIRE(planned.ok);
  // The send connector rule is deselected, the Get-Mailbox rule unchecked: neither is collected.
  CHECK(commands(planned.plan) == std::vector<std::string>{
                                      "Get-ExchangeServer -status ",
                                      "Get-ReceiveConnector",
                                      "Get-Service -name MSExchangeImap4*",
                                      "Get-Service -name MSExchangePop3*",
                                      "Get-TransportConfig",
                                  });
  // Two objects, one reached through extend_definition: one invocation, the union of properties
  // (spaces trimmed, 'enabled' the same property as 'Enabled').
  const auto& connectors = invocation_of(planned.plan, "Get-ReceiveConnector");
  // ... and the properties that say whose connector it is (Server, ServerName, Identity's SERVER\).
  CHECK(connectors.properties ==
        std::vector<std::string>{"Name", "Identity", "Enabled", "MaxMessageSize", "Server", "ServerName"});
  // Receive connectors belong to a server: the script asks for this server's only.
  CHECK(connectors.server_parameter == "Server");
  CHECK(connectors.scope == "server");
  CHECK(connectors.objects == std::vector<std::string>{"oval:org.example:obj:1", "oval:org.example:obj:2"});
  CHECK_FALSE(connectors.every_property);
  // The platform's object (-status as an empty switch) and a rule's (-Status true, verb 'get') are
  // the same command.
  const auto& servers = invocation_of(planned.plan, "Get-ExchangeServer");
  CHECK(servers.properties ==
        std::vector<std::string>{"Name", "ServerRole", "Edition", "Identity", "Fqdn", "ServerFqdn"});
  CHECK(servers.objects.size() == 2);
  CHECK(servers.server_parameter == "Identity");
  // An object without a select keeps every property; the members of a set are collected themselves.
  const auto& transport = invocation_of(planned.plan, "Get-TransportConfig");
  CHECK(transport.every_property);
  CHECK(transport.scope == "organization");
  CHECK(transport.server_parameter.empty());
  // Windows services are the local machine's.
  CHECK(planned.plan.invocations[2].scope == "local");
  CHECK(planned.plan.invocations[2].server_parameter.empty());
}

TEST_CASE("a rule the profile leaves selected is collected, a component checked whole brings every definition",
          "[collector]") {
  const auto defaults = plan_for("");
  REQUIRE(defaults.ok);
  CHECK(invocation_of(defaults.plan, "Get-SendConnector").properties == std::vector<std::string>{"Name", "RequireTLS"});

  const auto whole = plan_for("whole_component");
  REQUIRE(whole.ok);
  CHECK(invocation_of(whole.plan, "Get-AcceptedDomain").properties == std::vector<std::string>{"Name", "DomainName"});
  CHECK(invocation_of(whole.plan, "Get-RemoteDomain").properties == std::vector<std::string>{"Name"});
  CHECK(whole.plan.invocations.size() == defaults.plan.invocations.size() + 4);
  // The content names the virtual directory to get: nothing is added, and what the output covers is
  // not the collector's to say.
  const auto& named = invocation_of(whole.plan, "Get-OwaVirtualDirectory");
  CHECK(named.server_parameter.empty());
  CHECK(named.scope.empty());
  CHECK(named.properties == std::vector<std::string>{"Name", "Server", "ServerName", "Identity"});
  CHECK(invocation_of(whole.plan, "Get-TransportRule").scope == "organization");
  CHECK(invocation_of(whole.plan, "Get-AcceptedDomain").scope == "organization");
  const auto script = collector::powershell_script(whole.plan, {"collector-xccdf.xml", "whole_component", false});
  CHECK(script.find("-Cmdlet 'Get-TransportRule' -Noun 'TransportRule' -Parameters ([ordered]@{}) -Properties "
                    "@('Name') -Scope 'organization' -Run") != std::string::npos);
  CHECK(script.find("if ($Scope) { $entry.scope = $Scope }") != std::string::npos);
}

TEST_CASE("content that would run anything but fixed Get commands is refused, naming the object", "[collector]") {
  const auto refused = [](const std::string& profile, const std::string& object, const std::string& why) {
    const auto planned = plan_for(profile);
    CHECK_FALSE(planned.ok);
    CHECK(planned.error.find(object) != std::string::npos);
    CHECK(planned.error.find(why) != std::string::npos);
    CHECK(planned.error.find('\n') == std::string::npos);
  };
  refused("set_verb", "oval:org.example:obj:8", "runs 'Set-TransportConfig'; the collector runs only Get cmdlets");
  refused("hostile_property", "oval:org.example:obj:9", "property 'Identity;Remove-Item' is not a plain name");
  refused("hostile_parameter", "oval:org.example:obj:10", "parameter name 'Name $(Stop-Computer)' is not a plain name");
  refused("variable_parameter", "oval:org.example:obj:14", "takes its value from a variable");
}

TEST_CASE("only allow-listed cmdlets and parameters run, refused naming the rule", "[collector]") {
  const auto refused = [](const std::string& name, const std::string& object, const std::string& why) {
    const auto planned = plan_for(name);
    CHECK_FALSE(planned.ok);
    CHECK(planned.error == SCAPC_SOURCE_DIR "/tests/collector/fixtures/collector-xccdf.xml: collector-oval.xml: OVAL "
                           "object " +
                               object + " (for rule xccdf_org.example_rule_" + name + "): " + why);
  };
  refused("unlisted_cmdlet", "oval:org.example:obj:16",
          "runs Get-FooBarSetting, which is not on the collector's allow-list of read-only cmdlets (docs/collector.md)");
  // The example of issue 23: reading a share would hand the administrator's credentials to it.
  refused("file_share_content", "oval:org.example:obj:17",
          "runs Get-Content, which is not on the collector's allow-list of read-only cmdlets (docs/collector.md)");
  refused("file_share_acl", "oval:org.example:obj:18",
          "gives Get-Acl -Path a value that is not a path on this machine (a drive such as C:\\ or the registry "
          "such as HKLM:\\)");
  refused("remote_computer", "oval:org.example:obj:19",
          "gives Get-CimInstance the parameter ComputerName, which is not one the collector lets content give it "
          "(docs/collector.md)");
  refused("other_server", "oval:org.example:obj:20",
          "gives Get-ReceiveConnector the parameter Server, which is not one the collector lets content give it "
          "(docs/collector.md)");
}

TEST_CASE("the script runs only Get cmdlets and PowerShell's own utilities", "[collector]") {
  for (const auto& profile : {"", "base", "whole_component"}) {
    const auto script = script_for(profile);
    CHECK(script.starts_with("#Requires -Version 5.1\n"));
    const std::regex changing(
        R"(\b(Set|New|Remove|Enable|Disable|Stop|Start|Restart|Clear|Install|Uninstall|Update|Move|Rename|Copy|Reset|Mount|Dismount|Register|Unregister|Import)-[A-Za-z])");
    CHECK_FALSE(std::regex_search(script, changing));
    CHECK_FALSE(
        std::regex_search(script, std::regex(R"(\b(iex|Invoke-Expression|Invoke-Command)\b)", std::regex::icase)));
    // Every Verb-Noun word is on the allow-list; Add- only loads the Exchange snap-in.
    const std::set<std::string> allowed{"Get",   "ConvertTo", "Export", "Test", "Write",
                                        "Where", "ForEach",   "Sort",   "Join", "Split"};
    const std::regex command(R"(\b([A-Z][a-z]+[A-Za-z]*)-([A-Z][A-Za-z0-9]*)\b)");
    for (std::sregex_iterator it(script.begin(), script.end(), command), end; it != end; ++it) {
      const auto verb = (*it)[1].str();
      INFO((*it)[0].str());
      CHECK((allowed.contains(verb) || (*it)[0].str() == "Add-PSSnapin"));
    }
  }
}

TEST_CASE("the script runs each planned command and writes the bundle", "[collector]") {
  const auto script = script_for("base");
  for (const auto& cmdlet : {"Get-ExchangeServer", "Get-ReceiveConnector", "Get-Service", "Get-TransportConfig"}) {
    CHECK(script.find(std::string(cmdlet) + " @Parameters -ErrorAction Stop }") != std::string::npos);
  }
  CHECK(script.find("-Cmdlet 'Get-SendConnector'") == std::string::npos);
  CHECK(script.find("-Parameters ([ordered]@{ 'Status' = $true }) -Properties @('Name', 'ServerRole', 'Edition', "
                    "'Identity', 'Fqdn', 'ServerFqdn') -Scope 'server' -ServerParameter 'Identity' -Run") !=
        std::string::npos);
  CHECK(script.find("-Parameters ([ordered]@{ 'Name' = 'MSExchangePop3*' }) -Properties @('Name', 'StartType') "
                    "-Scope 'local' -Run") != std::string::npos);
  CHECK(script.find("-Cmdlet 'Get-TransportConfig' -Noun 'TransportConfig' -Parameters ([ordered]@{}) "
                    "-Properties @() -Scope 'organization' -Run") != std::string::npos);
  // The server's own name is what server-scoped cmdlets are asked for, taken from Exchange itself.
  CHECK(script.find("if ($NotOnEdge -and $script:ScapcIsEdge) { $Scope = 'local' } else { "
                    "$arguments[$ServerParameter] = $script:ScapcServer }") != std::string::npos);
  CHECK(script.find("$script:ScapcServer = [string]$server.Name") != std::string::npos);
  CHECK(script.find("$entry.scope = $Scope") != std::string::npos);
  // One failing cmdlet never ends the run; the bundle is UTF-8 JSON without a BOM.
  CHECK(script.find("  } catch {\n    $entry.status = 'error'\n    $entry.error = $_.Exception.Message") !=
        std::string::npos);
  CHECK(script.find("ConvertTo-Json -InputObject $bundle") != std::string::npos);
  CHECK(script.find("[System.IO.File]::WriteAllText($target, $json, [System.Text.UTF8Encoding]::new($false))") !=
        std::string::npos);
  CHECK(script.find("Export-Clixml -LiteralPath $file") != std::string::npos);
  CHECK(script.find("Add-PSSnapin -Name $snapIn -ErrorAction Stop") != std::string::npos);
  CHECK(script.find("[switch]$CliXml,") != std::string::npos);
  CHECK(script_for("base", true).find("[switch]$CliXml = $true,") != std::string::npos);
  // The header lists what it runs, for the administrator who reads it first.
  CHECK(script.find("#   Get-Service -Name 'MSExchangePop3*'\n#       Name, StartType\n") != std::string::npos);
  CHECK(script.find("#   Get-ReceiveConnector -Server <this server>\n") != std::string::npos);
  CHECK(script.find("#   Get-TransportConfig\n#       every property\n") != std::string::npos);
}

TEST_CASE("parameter values from the content are string literals and the script is ASCII", "[collector]") {
  const auto script = script_for("quoting");
  CHECK(std::all_of(script.begin(), script.end(), [](char c) { return c == '\n' || (c >= 0x20 && c <= 0x7e); }));
  const std::string quoted = "'DisplayName' = 'x''; Stop-Computer; '''";
  CHECK(script.find(quoted) != std::string::npos);
  // "MSExchange\u2019s*": PowerShell reads U+2019 as a quote, so it travels as base64.
  CHECK(script.find("'Name' = ([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String("
                    "'TVNFeGNoYW5nZeKAmXMq')))") != std::string::npos);
  for (auto line : code_lines(script)) {
    if (const auto at = line.find(quoted); at != std::string::npos) line.erase(at, quoted.size());
    INFO(line);
    CHECK(line.find("Stop-Computer") == std::string::npos);
  }
}

TEST_CASE("names and strings for PowerShell", "[collector]") {
  CHECK(collector::is_plain_name("ReceiveConnector"));
  CHECK(collector::is_plain_name("Pop3"));
  CHECK_FALSE(collector::is_plain_name(""));
  CHECK_FALSE(collector::is_plain_name("3Pop"));
  CHECK_FALSE(collector::is_plain_name("Name Identity"));
  CHECK_FALSE(collector::is_plain_name("Name;Remove"));
  CHECK_FALSE(collector::is_plain_name("Na\xc3\xafve"));
  CHECK(collector::powershell_string("") == "''");
  CHECK(collector::powershell_string("it's $env:x `n") == "'it''s $env:x `n'");
  CHECK(collector::powershell_string("a\nb") ==
        "([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('YQpi')))");
  CHECK(collector::powershell_string("\xe2\x80\x98") ==
        "([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String('4oCY')))");
}
