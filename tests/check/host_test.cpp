// A host's data cut down to its own objects: bundles and Export-Clixml folders that list the whole
// organisation, folders named after no server, data about another server only.
#include <scapc/check.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace scapc;

namespace {

// A scratch folder of its own per test case, removed at the end.
struct Scratch {
  std::filesystem::path root;
  explicit Scratch(const std::string& name)
      : root(std::filesystem::temp_directory_path() / ("scapc-host-test-" + name)) {
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
  }
  ~Scratch() { std::filesystem::remove_all(root); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  [[nodiscard]] std::string write(const std::string& name, const std::string& text) const {
    const auto path = root / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
};

std::string bundle(const std::string& host, const std::string& cmdlets) {
  return R"({"scapcBundle": 1, "host": {"hostName": ")" + host + R"("}, "cmdlets": [)" + cmdlets + "]}";
}

const std::string kTwoServers =
    R"json({"cmdlet": "Get-OwaVirtualDirectory", "status": "ok", "objects": [
         {"Name": "owa", "Identity": "MB01\\owa (Default Web Site)", "Server": "MB01", "FormsAuthentication": true},
         {"Name": "owa", "Identity": "MB02\\owa (Default Web Site)", "Server": "MB02", "FormsAuthentication": false}]},
       {"cmdlet": "Get-ExchangeServer", "status": "ok", "objects": [{"Name": "MB01"}, {"Name": "MB02"}]},
       {"cmdlet": "Get-SendConnector", "scope": "organization", "status": "ok", "objects": [{"Name": "Internet"}]})json";

std::string clixml(const std::vector<std::string>& servers) {
  std::string objects;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    objects += "<Obj RefId=\"" + std::to_string(i) + "\"><Props><S N=\"Name\">owa</S><S N=\"Identity\">" + servers[i] +
               "\\owa (Default Web Site)</S><Obj N=\"Server\"><ToString>" + servers[i] +
               "</ToString></Obj></Props></Obj>";
  }
  return R"(<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">)" + objects + "</Objs>";
}

// The first field of a property of the first object of `key`'s output.
std::string first(const check::Host& host, const std::string& key, const std::string& property) {
  for (const auto& [name, value] : host.output->at(key).front().properties) {
    if (name == property) return value.fields.front().second;
  }
  return {};
}

std::size_t objects_of(const check::Host& host, const std::string& key) {
  const auto found = host.output->find(key);
  return found == host.output->end() ? 0 : found->second.size();
}

}  // namespace

TEST_CASE("a bundle listing the organisation keeps this host's objects", "[check][host]") {
  Scratch scratch("bundle");
  check::Host host;
  std::string error;
  REQUIRE(check::load_host(scratch.write("mb01.json", bundle("mb01", kTwoServers)), host, error));
  REQUIRE(host.output->at("get-owavirtualdirectory").size() == 1);
  CHECK(first(host, "get-owavirtualdirectory", "Server") == "MB01");
  CHECK(objects_of(host, "get-exchangeserver") == 1);
  CHECK(objects_of(host, "get-sendconnector") == 1);
  CHECK(host.scopes.at("get-sendconnector") == "organization");
  REQUIRE(host.warnings.size() == 1);
  CHECK(host.warnings[0] ==
        "the data also lists objects of other servers: mb02 (2), from Get-ExchangeServer, Get-OwaVirtualDirectory; "
        "they are left out of this host's verdicts");
  // The server's Exchange name is a name of the host too.
  check::Host named;
  REQUIRE(check::load_host(
      scratch.write("dns.json", R"({"scapcBundle": 1, "host": {"hostName": "srv-17", "exchange": {"name": "MB02"}},
                                    "cmdlets": [)" +
                                    kTwoServers + "]}"),
      named, error));
  CHECK(first(named, "get-owavirtualdirectory", "Server") == "MB02");
  CHECK(named.exchange_name == "MB02");
}

TEST_CASE("a host whose data names only other servers", "[check][host]") {
  Scratch scratch("others");
  std::string error;
  // A bundle keeps the host it records: its data names other servers only, so nothing of it is this
  // host's, and the server-scoped cmdlets count as not collected.
  check::Host host;
  REQUIRE(check::load_host(scratch.write("x.json", bundle("mb03", kTwoServers)), host, error));
  CHECK(host.host_name == "mb03");
  CHECK_FALSE(host.output->contains("get-owavirtualdirectory"));
  CHECK_FALSE(host.output->contains("get-exchangeserver"));
  CHECK(objects_of(host, "get-sendconnector") == 1);
  CHECK(host.warnings.back() ==
        "the data has no objects of this server from Get-ExchangeServer, Get-OwaVirtualDirectory: treated as not "
        "collected for this host");
  // A folder of several servers' objects, named after none, is an error: which objects are its
  // own cannot be told.
  (void)scratch.write("several/Get-OwaVirtualDirectory.xml", clixml({"LAB-A", "LAB-B"}));
  CHECK_FALSE(check::load_host((scratch.root / "several").string(), host, error));
  CHECK(error == (scratch.root / "several").string() +
                     ": the data lists objects of the servers lab-a, lab-b but none of 'several', so which are this "
                     "host's cannot be told (name the folder after the server it was collected on)");
  // A folder named after no server, whose data names one: that server.
  check::Host folder;
  (void)scratch.write("exports/Get-OwaVirtualDirectory.xml", clixml({"SOLO-E19A"}));
  REQUIRE(check::load_host((scratch.root / "exports").string(), folder, error));
  CHECK(folder.host_name == "SOLO-E19A");
  CHECK(folder.warnings.front() ==
        "the data is about server SOLO-E19A, not 'exports' as the folder says; it is "
        "checked as SOLO-E19A");
  // A folder of two servers' objects with Get-ExchangeServer listing one: that one; the other's
  // virtual directory is left out, and a cmdlet with only the other's objects is not collected.
  check::Host mixed;
  (void)scratch.write("mixed/Get-OwaVirtualDirectory.xml", clixml({"LAB-A", "LAB-B"}));
  (void)scratch.write("mixed/Get-EcpVirtualDirectory.xml", clixml({"LAB-B"}));
  (void)scratch.write(
      "mixed/Get-ExchangeServer.xml",
      R"(<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0">)"
      R"(<Props><S N="Name">LAB-A</S></Props></Obj></Objs>)");
  REQUIRE(check::load_host((scratch.root / "mixed").string(), mixed, error));
  CHECK(mixed.host_name == "LAB-A");
  CHECK(objects_of(mixed, "get-owavirtualdirectory") == 1);
  CHECK_FALSE(mixed.output->contains("get-ecpvirtualdirectory"));
  CHECK(
      mixed.warnings.back() ==
      "the data has no objects of this server from Get-EcpVirtualDirectory: treated as not collected for this host");
}

TEST_CASE("Get-ExchangeServer that does not list the host says nothing of it", "[check][host]") {
  Scratch scratch("listing");
  check::Host host;
  std::string error;
  REQUIRE(check::load_host(
      scratch.write("mb01.json",
                    bundle("mb01", R"({"cmdlet": "Get-ExchangeServer", "status": "ok", "objects": [{"Name": "MB02"}]},
                                      {"cmdlet": "Get-ReceiveConnector", "status": "ok",
                                       "objects": [{"Identity": "MB01\\Default MB01"}]})")),
      host, error));
  CHECK_FALSE(host.output->contains("get-exchangeserver"));  // its only object was another server's
  CHECK(host.output->at("get-receiveconnector").size() == 1);
}

TEST_CASE("a bundle's scope must be one of the three words", "[check][host]") {
  Scratch scratch("scope");
  check::Host host;
  std::string error;
  CHECK_FALSE(check::load_host(
      scratch.write("s.json", bundle("h", R"({"cmdlet": "Get-SendConnector", "scope": "galaxy", "status": "ok"})")),
      host, error));
  CHECK(error == (scratch.root / "s.json").string() + ":/cmdlets/0/scope: expected server, local or organization");
}

TEST_CASE("objects that name no server are this host's only where the collector asked for it", "[check][host]") {
  Scratch scratch("unattributed");
  std::string error;
  // A collector that kept only the checked property: whose connector this is cannot be told.
  const std::string connectors =
      R"json({"cmdlet": "Get-ReceiveConnector", %s"status": "ok", "objects": [{"AuthMechanism": "Tls"}]})json";
  const auto with_scope = [&](const std::string& scope) {
    auto text = connectors;
    text.replace(text.find("%s"), 2, scope);
    return text;
  };
  check::Host old_collector;
  REQUIRE(check::load_host(scratch.write("old.json", bundle("mb01", with_scope(""))), old_collector, error));
  CHECK_FALSE(old_collector.output->contains("get-receiveconnector"));
  REQUIRE(old_collector.warnings.size() == 2);
  CHECK(old_collector.warnings[0] ==
        "objects that name no server, from cmdlets that list every server's: Get-ReceiveConnector (1); whose they are "
        "cannot be told, so they are left out of this host's verdicts (collect with the generated collector, which "
        "asks for this server)");
  // The generated collector asked for this server (scope server): the object is this host's.
  check::Host asked;
  REQUIRE(check::load_host(scratch.write("new.json", bundle("mb01", with_scope(R"("scope": "server", )"))), asked,
                           error));
  CHECK(objects_of(asked, "get-receiveconnector") == 1);
  CHECK(asked.warnings.empty());
  // A bundle that does not name its Exchange server is not renamed after the one its data names.
  check::Host other;
  REQUIRE(check::load_host(
      scratch.write("edge.json", bundle("edge-dmz", R"json({"cmdlet": "Get-ReceiveConnector", "status": "ok",
          "objects": [{"Server": "MB01", "AuthMechanism": "Tls"}]})json")),
      other, error));
  CHECK(other.host_name == "edge-dmz");
  CHECK(other.exchange_name.empty());
  CHECK_FALSE(other.output->contains("get-receiveconnector"));
}

TEST_CASE("a folder named SERVER-clixml is SERVER", "[check][host]") {
  Scratch scratch("suffix");
  (void)scratch.write("LAB-B-clixml/Get-OwaVirtualDirectory.xml", clixml({"LAB-A", "LAB-B"}));
  check::Host host;
  std::string error;
  REQUIRE(check::load_host((scratch.root / "LAB-B-clixml").string(), host, error));
  CHECK(host.host_name == "LAB-B");
  CHECK(objects_of(host, "get-owavirtualdirectory") == 1);
  CHECK(first(host, "get-owavirtualdirectory", "Server") == "LAB-B");
}
