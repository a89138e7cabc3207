// Which server an Exchange object belongs to, and the filter that keeps one host's objects.
#include <scapc/exchange_scope.h>

#include <catch2/catch.hpp>

using namespace scapc;

namespace {

oval::PsObject object(std::vector<std::pair<std::string, std::vector<std::string>>> properties) {
  oval::PsObject out;
  for (auto& [name, texts] : properties) {
    oval::PropertyValue value;
    for (auto& text : texts) value.fields.emplace_back("string", text);
    out.properties.emplace_back(name, value);
  }
  return out;
}

}  // namespace

TEST_CASE("the scope table: how each cmdlet is asked for one server", "[oval][scope]") {
  const auto& owa = oval::scope_of("get-owavirtualdirectory");  // case-insensitive, as PowerShell
  CHECK(owa.scope == oval::CmdletScope::Server);
  CHECK(owa.server_parameter == "Server");
  CHECK(owa.attribution == oval::Attribution::ServerProperty);
  const auto& transport = oval::scope_of("Get-TransportService");
  CHECK(transport.server_parameter == "Identity");
  CHECK_FALSE(transport.parameter_on_edge);  // Edge refuses -Identity
  CHECK(oval::scope_of("Get-ExchangeServer").attribution == oval::Attribution::Name);
  CHECK(oval::scope_of("Get-MailboxDatabase").attribution == oval::Attribution::DatabaseCopies);
  CHECK(oval::scope_of("Get-SendConnector").scope == oval::CmdletScope::Organization);
  CHECK(oval::scope_of("Get-TransportAgent").scope == oval::CmdletScope::Local);
  CHECK(oval::scope_of("Get-TransportAgent").server_parameter.empty());  // it has no -Server
  CHECK(oval::scope_of("Get-Service").scope == oval::CmdletScope::Local);
  CHECK(oval::scope_of("Get-Process").scope == oval::CmdletScope::Local);
  CHECK(oval::scope_of("Get-OwaMailboxPolicy").scope == oval::CmdletScope::Organization);
  // A cmdlet the table does not know is neither filtered nor called organisation-wide.
  CHECK(oval::scope_of("Get-SomethingNew").scope == oval::CmdletScope::Unknown);
  CHECK(oval::scope_of("Get-SomethingNew").attribution == oval::Attribution::None);
  oval::CmdletScope parsed{};
  CHECK_FALSE(oval::parse_scope("unknown", parsed));
  for (const auto& rule : oval::scope_rules()) {
    INFO(rule.cmdlet);
    // A rule that names servers must say how; one that asks for a server belongs to one.
    CHECK((rule.attribution == oval::Attribution::None) == rule.attributing_properties.empty());
    if (rule.scope == oval::CmdletScope::Organization) CHECK(rule.server_parameter.empty());
  }
}

TEST_CASE("an object's server: Server, Identity's prefix, a server's name, a database's copies", "[oval][scope]") {
  const auto& connectors = oval::scope_of("Get-ReceiveConnector");
  CHECK(oval::servers_of(object({{"Server", {"EXCH01.corp.example.org"}}}), connectors) ==
        std::vector<std::string>{"exch01"});
  CHECK(oval::servers_of(object({{"Identity", {"MAILBOX02\\Default MAILBOX02"}}}), connectors) ==
        std::vector<std::string>{"mailbox02"});
  // OriginatingServer is the domain controller the object was read from: never the owner.
  CHECK(oval::servers_of(object({{"OriginatingServer", {"dc01.example.com"}}, {"Name", {"Default"}}}), connectors)
            .empty());
  const auto& servers = oval::scope_of("Get-ExchangeServer");
  CHECK(oval::servers_of(object({{"Name", {"SOLO-E19A"}}, {"Fqdn", {"Solo-E19A.Solo.com"}}}), servers) ==
        std::vector<std::string>{"solo-e19a"});
  const auto& databases = oval::scope_of("Get-MailboxDatabase");
  CHECK(oval::servers_of(object({{"Servers", {"MB01", "MB02"}}, {"Server", {"MB02"}}}), databases) ==
        std::vector<std::string>{"mb01", "mb02"});
  CHECK(oval::servers_of(object({{"Server", {"MB02"}}}), databases) == std::vector<std::string>{"mb02"});
  CHECK(oval::servers_of(object({{"Name", {"Outbound"}}}), oval::scope_of("Get-SendConnector")).empty());
}

TEST_CASE("keeping one host's objects leaves the organisation's and the unattributed ones", "[oval][scope]") {
  oval::CmdletOutput output;
  output["get-owavirtualdirectory"] = {object({{"Server", {"MB01"}}, {"Name", {"owa"}}}),
                                       object({{"Server", {"MB02"}}, {"Name", {"owa"}}}),
                                       object({{"Server", {"MB02"}}, {"Name", {"owa2"}}})};
  output["get-mailboxdatabase"] = {object({{"Servers", {"MB01", "MB02"}}}), object({{"Servers", {"MB02"}}})};
  output["get-sendconnector"] = {object({{"Name", {"Internet"}}, {"SourceTransportServers", {"MB02"}}})};
  output["get-ipallowlistentry"] = {object({{"IPRange", {"10.0.0.1"}}})};
  oval::ScopeReport report;
  oval::keep_host_objects(output, {"mb01.example.com", ""}, {}, report);
  CHECK(output["get-owavirtualdirectory"].size() == 1);
  CHECK(output["get-mailboxdatabase"].size() == 1);  // the DAG database has a copy here
  CHECK(output["get-sendconnector"].size() == 1);    // organisation-wide
  CHECK(output["get-ipallowlistentry"].size() == 1);
  CHECK(report.left_out == std::map<std::string, std::size_t>{{"mb02", 3}});
  CHECK(report.cmdlets == std::set<std::string>{"Get-MailboxDatabase", "Get-OwaVirtualDirectory"});
  CHECK(report.own == 2);
  CHECK(oval::servers_named(output) == std::set<std::string>{"mb01", "mb02"});
}

TEST_CASE("an object that names no server is kept only where the output is this server's alone", "[oval][scope]") {
  const auto unnamed = [] {
    oval::CmdletOutput output;
    output["get-receiveconnector"] = {object({{"Name", {"Default Frontend"}}, {"AuthMechanism", {"Tls"}}}),
                                      object({{"Name", {"Client Proxy"}}, {"Server", {"MB01"}}})};
    output["get-exchangecertificate"] = {object({{"Thumbprint", {"AB12"}}})};
    output["get-somethingnew"] = {object({{"Name", {"x"}}})};
    return output;
  };
  // No recorded scope (an old collector that kept only the checked properties): any server's.
  auto output = unnamed();
  oval::ScopeReport report;
  oval::keep_host_objects(output, {"mb01"}, {}, report);
  CHECK(output["get-receiveconnector"].size() == 1);
  CHECK(oval::property_text(output["get-receiveconnector"].front(), "name") == "Client Proxy");
  CHECK(report.unattributed == std::map<std::string, std::size_t>{{"Get-ReceiveConnector", 1}});
  CHECK(output["get-exchangecertificate"].size() == 1);  // local: only ever this server's
  CHECK(output["get-somethingnew"].size() == 1);         // unknown: not filtered
  // The collector asked for this server: the unnamed connector is this server's.
  for (const auto* recorded : {"server", "local"}) {
    INFO(recorded);
    output = unnamed();
    report = {};
    oval::keep_host_objects(output, {"mb01"}, {{"get-receiveconnector", recorded}}, report);
    CHECK(output["get-receiveconnector"].size() == 2);
    CHECK(report.unattributed.empty());
  }
  // "organization" is no promise that the objects are this server's.
  output = unnamed();
  report = {};
  oval::keep_host_objects(output, {"mb01"}, {{"get-receiveconnector", "organization"}}, report);
  CHECK(output["get-receiveconnector"].size() == 1);
  CHECK(report.unattributed.size() == 1);
}
