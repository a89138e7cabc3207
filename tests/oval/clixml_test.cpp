// PowerShell CliXml from a real Exchange 2019 server, read into OVAL item fields.
#include <scapc/clixml.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

using namespace scapc;

namespace {

std::vector<oval::PsObject> read(const std::string& file) {
  std::ifstream in(std::string(SCAPC_SHARED_DIR) + "/corpus/cmdlet-output/E19/" + file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::vector<oval::PsObject> objects;
  std::string error;
  REQUIRE(oval::read_clixml(buffer.str(), file, objects, error));
  return objects;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields property(const oval::PsObject& object, const std::string& name) {
  for (const auto& [candidate, value] : object.properties) {
    if (candidate == name) return value.fields;
  }
  FAIL("no property " << name);
  return {};
}

}  // namespace

TEST_CASE("send connector properties keep their types", "[oval][clixml]") {
  const auto connectors = read("GetSendConnector.xml");
  REQUIRE(connectors.size() == 1);
  const auto& connector = connectors[0];
  CHECK(property(connector, "DNSRoutingEnabled") == Fields{{"boolean", "false"}});
  CHECK(property(connector, "TlsAuthLevel") == Fields{{"string", ""}});  // <Nil>: one empty field
  CHECK(property(connector, "AddressSpaces") == Fields{{"string", "SMTP:*;1"}});
  CHECK(property(connector, "SmartHosts") == Fields{{"string", "microsoft-com.mail.protection.outlook.com"}});
  CHECK(property(connector, "Port") == Fields{{"int", "25"}});
  CHECK(property(connector, "ConnectionInactivityTimeOut") == Fields{{"int", "600"}});  // 00:10:00
  CHECK(property(connector, "Name") == Fields{{"string", "Mail to O365"}});
}

TEST_CASE("receive connectors: flag enumerations, byte sizes, time spans, back-references", "[oval][clixml]") {
  const auto connectors = read("GetReceiveConnector.xml");
  REQUIRE(connectors.size() == 5);
  const auto& first = connectors[0];
  CHECK(property(first, "AuthMechanism") == Fields{{"string", "Tls"},
                                                   {"string", "Integrated"},
                                                   {"string", "BasicAuth"},
                                                   {"string", "BasicAuthRequireTLS"},
                                                   {"string", "ExchangeServer"}});
  CHECK(property(first, "PermissionGroups").size() >= 2);
  CHECK(property(first, "MaxMessageSize") == Fields{{"int", "37748736"}});  // "36 MB (37,748,736 bytes)"
  CHECK(property(first, "TarpitInterval") == Fields{{"int", "5"}});         // 00:00:05
  CHECK(property(first, "MaxHopCount") == Fields{{"int", "60"}});
  // The second connector's AuthMechanism is written as <Obj> with <TNRef> to the first's type.
  CHECK(property(connectors[1], "AuthMechanism").front() == std::pair<std::string, std::string>{"string", "Tls"});
  // "Id" is a <Ref> to an object serialized earlier: resolved to its text, not left empty.
  CHECK_FALSE(property(first, "Id").front().second.empty());
}

TEST_CASE("bad CliXml is a one-line error with its place", "[oval][clixml]") {
  std::vector<oval::PsObject> objects;
  std::string error;
  CHECK_FALSE(oval::read_clixml("<Objs>\n<Obj RefId=\"0\">\n</Objs>", "bad.xml", objects, error));
  CHECK(error.rfind("bad.xml:3: not well-formed XML", 0) == 0);
  CHECK_FALSE(oval::read_clixml("<Other/>", "other.xml", objects, error));
  CHECK(error == "other.xml: not PowerShell CliXml (root element 'Other', expected 'Objs')");
  // A Ref cycle ends instead of recursing forever.
  CHECK(oval::read_clixml(
      R"(<Objs><Obj RefId="0"><Props><Obj N="Self" RefId="1"><Props><Ref N="Back" RefId="1"/></Props>)"
      R"(</Obj></Props></Obj></Objs>)",
      "cycle.xml", objects, error));
}

TEST_CASE("hostile CliXml: reference blow-ups, odd tags, huge durations", "[oval][clixml]") {
  std::vector<oval::PsObject> objects;
  std::string error;
  // Each level refers to the one below twice: 2^30 values if followed naively.
  std::string text = "<Objs>\n<Obj RefId=\"0\"><LST><S>x</S></LST></Obj>\n";
  for (int level = 1; level <= 30; ++level) {
    const auto below = std::to_string(level - 1);
    text += "<Obj RefId=\"" + std::to_string(level) + "\"><LST><Ref RefId=\"" + below + "\"/><Ref RefId=\"" + below +
            "\"/></LST></Obj>\n";
  }
  text += "</Objs>";
  CHECK_FALSE(oval::read_clixml(text, "laughs.xml", objects, error));
  CHECK(error.rfind("laughs.xml:", 0) == 0);
  CHECK(error.find(": <Ref> elements expand to more than 1000000 values") != std::string::npos);

  objects.clear();
  REQUIRE(oval::read_clixml(
      R"(<Objs><Obj RefId="0"><Props><Blob N="Unknown">zz</Blob><TS N="Long">P99999999999999999999D</TS>)"
      R"(<TS N="Ok">PT10M</TS><Ref N="Missing" RefId="99"/><Obj N="NoProps"/></Props></Obj><Obj RefId="1"/></Objs>)",
      "odd.xml", objects, error));
  REQUIRE(objects.size() == 2);
  CHECK(property(objects[0], "Unknown") == Fields{{"string", "zz"}});
  CHECK(property(objects[0], "Long") == Fields{{"string", "P99999999999999999999D"}});
  CHECK(property(objects[0], "Ok") == Fields{{"int", "600"}});
  CHECK(property(objects[0], "Missing") == Fields{{"string", ""}});
  CHECK(property(objects[0], "NoProps") == Fields{{"string", ""}});
  CHECK(objects[1].properties.size() == 1);
}

TEST_CASE("time spans and sizes too large to be Exchange's stay text", "[oval][bundle]") {
  // Found by fuzz_bundle: std::stoll threw on a 20-digit day count.
  const std::string text = R"json({"scapcBundle": 1, "host": {"hostName": "h"}, "cmdlets": [
      {"cmdlet": "Get-SendConnector", "status": "ok", "objects": [{
        "Huge": "99999999999999999999.00:00:00", "Max": "10675199.02:48:05", "Bytes": "1 B (1,234 bytes)"}]}]})json";
  oval::Bundle bundle;
  std::string error;
  REQUIRE(oval::read_bundle(text, "b.json", bundle, error));
  const auto& object = bundle.output.at("get-sendconnector").at(0);
  CHECK(property(object, "Huge") == Fields{{"string", "99999999999999999999.00:00:00"}});
  CHECK(property(object, "Max") == Fields{{"int", "922337203685"}});
  CHECK(property(object, "Bytes") == Fields{{"int", "1234"}});
}

TEST_CASE("the JSON collection bundle becomes cmdlet output", "[oval][bundle]") {
  // Value shapes as the collector writes them; see docs/collected-data.md.
  const std::string text = R"json({"scapcBundle": 1,
    "host": {"hostName": "edge01", "fqdn": "edge01.example.com", "ipAddresses": ["192.0.2.25"]},
    "cmdlets": [
      {"cmdlet": "Get-OrganizationConfig", "status": "error", "error": "not recognized"},
      {"cmdlet": "Get-IPAllowListEntry", "status": "ok", "objects": []},
      {"cmdlet": "Get-SendConnector", "status": "ok", "objects": [
        {"Name": "EdgeSync", "SmartHosts": [], "MaxMessageSize": "Unlimited", "TlsAuthLevel": null},
        {"Name": "Internet", "MaxMessageSize": "25 MB (26,214,400 bytes)", "ConnectionInactivityTimeOut": "00:15:00",
         "RequireTLS": true, "MaxHopCount": 60}]},
      {"cmdlet": "Get-Service", "parameters": {"Name": "MSExchangePop3*"}, "status": "ok", "objects": [{"Name": "P"}]},
      {"cmdlet": "Get-Service", "parameters": {"Name": "MSExchangeImap4*"}, "status": "ok", "objects": [{"Name": "I"}]},
      {"cmdlet": "Get-ExchangeServer", "parameters": {"Status": true}, "status": "ok", "objects": [{"Name": "E"}]}
    ]})json";
  oval::Bundle bundle;
  std::string error;
  REQUIRE(oval::read_bundle(text, "edge01-bundle.json", bundle, error));
  CHECK(bundle.host_name == "edge01");
  CHECK(bundle.fqdn == "edge01.example.com");
  CHECK(bundle.ip_addresses == std::vector<std::string>{"192.0.2.25"});
  CHECK(bundle.failed == std::map<std::string, std::string>{{"get-organizationconfig", "not recognized"}});
  CHECK(bundle.output.at("get-ipallowlistentry").empty());  // ran, returned nothing
  const auto& connectors = bundle.output.at("get-sendconnector");
  REQUIRE(connectors.size() == 2);
  CHECK(property(connectors[0], "SmartHosts") == Fields{{"string", ""}});
  CHECK(property(connectors[0], "MaxMessageSize") == Fields{{"int", "9223372036854775807"}});
  CHECK(property(connectors[1], "MaxMessageSize") == Fields{{"int", "26214400"}});
  CHECK(property(connectors[1], "ConnectionInactivityTimeOut") == Fields{{"int", "900"}});
  CHECK(property(connectors[1], "RequireTLS") == Fields{{"boolean", "true"}});
  CHECK(property(connectors[0], "TlsAuthLevel") == Fields{{"string", ""}});
  CHECK(property(connectors[1], "MaxHopCount") == Fields{{"int", "60"}});
  // Output is keyed by invocation: the same cmdlet with other parameters stays apart, and a switch
  // set to true is the bare switch.
  CHECK(property(bundle.output.at("get-service -name msexchangepop3*")[0], "Name") == Fields{{"string", "P"}});
  CHECK(property(bundle.output.at("get-service -name msexchangeimap4*")[0], "Name") == Fields{{"string", "I"}});
  CHECK(bundle.output.contains("get-exchangeserver -status "));

  oval::Bundle bad;
  CHECK_FALSE(oval::read_bundle(
      R"({"scapcBundle": 1, "host": {"hostName": "x"}, "cmdlets": [{"cmdlet": "Get-X", "status": "maybe"}]})", "b.json",
      bad, error));
  CHECK(error == "b.json:/cmdlets/0/status: expected ok, error or not collected, not 'maybe'");
  CHECK_FALSE(oval::read_bundle("{\"scapcBundle\": 2}", "b.json", bad, error));
  CHECK(error == "b.json:/scapcBundle: not a scapc collection bundle (expected \"scapcBundle\": 1)");
}

TEST_CASE("a bundle's file rights become one object per trustee, every right a boolean", "[oval][bundle]") {
  const std::string text = R"json({"scapcBundle": 1, "host": {"hostName": "mbx01"}, "cmdlets": [],
    "windows": {"fileRights": [
      {"path": "C:\\Logs\\", "trustees": [
        {"trustee_sid": "S-1-5-18", "trustee_name": "NT AUTHORITY\\SYSTEM", "rights": ["file_read_data", "standard_delete"]},
        {"trustee_sid": "S-1-5-32-545"}]},
      {"path": "D:\\Gone", "exists": false},
      {"path": "E:\\Locked", "error": "Access is denied."}]}})json";
  oval::Bundle bundle;
  std::string error;
  REQUIRE(oval::read_bundle(text, "b.json", bundle, error));
  const auto& trustees = bundle.output.at("#filerights C:\\Logs");  // the trailing backslash dropped
  REQUIRE(trustees.size() == 2);
  CHECK(property(trustees[0], "path") == Fields{{"string", "C:\\Logs"}});
  CHECK(property(trustees[0], "trustee_name") == Fields{{"string", "NT AUTHORITY\\SYSTEM"}});
  CHECK(property(trustees[0], "standard_delete") == Fields{{"boolean", "true"}});
  CHECK(property(trustees[0], "file_write_data") == Fields{{"boolean", "false"}});
  CHECK(property(trustees[1], "file_read_data") == Fields{{"boolean", "false"}});
  CHECK(trustees[1].properties.size() == 2 + 19);  // path, trustee_sid and the rights: no name
  CHECK(bundle.output.at("#filerights D:\\Gone").empty());
  CHECK(bundle.failed.at("#filerights E:\\Locked") == "Access is denied.");

  const auto refused = [](const std::string& windows) {
    oval::Bundle bad;
    std::string why;
    CHECK_FALSE(oval::read_bundle(R"({"scapcBundle": 1, "host": {"hostName": "x"}, "cmdlets": [], "windows": )" +
                                      windows + "}",
                                  "b.json", bad, why));
    return why;
  };
  CHECK(refused(R"({"fileRights": [{"path": "C:\\L", "trustees": [{"trustee_sid": "S-1-1-0", "rights": ["read"]}]}]})") ==
        "b.json:/windows/fileRights/0/trustees/0/rights/0: not a fileeffectiverights_item right");
  CHECK(refused(R"({"fileRights": [{"path": "C:\\L"}, {"path": "C:\\L\\"}]})") ==
        "b.json:/windows/fileRights/1/path: 'C:\\L' is listed twice");
  CHECK(refused(R"({"fileRights": [{"path": ""}]})") == "b.json:/windows/fileRights/0/path: empty");
  CHECK(refused(R"({"fileRights": [{"path": "C:\\L", "trustees": [{"rights": []}]}]})") ==
        "b.json:/windows/fileRights/0/trustees/0/trustee_sid: missing");
  CHECK(refused(R"({"fileRights": [{"path": "C:\\L", "owner": "x"}]})") ==
        "b.json:/windows/fileRights/0/owner: unknown member");
}

TEST_CASE("typed values not of their type are read as they are and reported where they are", "[oval][clixml]") {
  std::vector<oval::PsObject> objects;
  std::string error;
  std::vector<std::string> warnings;
  REQUIRE(oval::read_clixml("<Objs>\n<Obj RefId=\"0\"><MS><B N=\"Enabled\">maybe</B>\n<B N=\"On\">True</B>\n"
                            "<I32 N=\"Size\">99999999999</I32><U16 N=\"Port\">-1</U16>\n<Db N=\"Ratio\">1.5x</Db>"
                            "<I64 N=\"Big\">9223372036854775807</I64></MS></Obj>\n"
                            "<Obj RefId=\"1\"><MS><Ref N=\"Again\" RefId=\"0\"/></MS></Obj>\n</Objs>",
                            "values.xml", objects, error, &warnings));
  CHECK(warnings == std::vector<std::string>{
                        "values.xml:2: <B> 'maybe' is not a value of its type; rules comparing it come out error",
                        "values.xml:4: <I32> '99999999999' is not a value of its type; rules comparing it come out error",
                        "values.xml:4: <U16> '-1' is not a value of its type; rules comparing it come out error",
                        "values.xml:5: <Db> '1.5x' is not a value of its type; rules comparing it come out error"});
  // Read as they are: the comparison, not the reader, decides.
  CHECK(objects[0].properties[0].second.fields == std::vector<std::pair<std::string, std::string>>{{"boolean", "maybe"}});

  // Ten places and a count, however many there are.
  std::string many = "<Objs>\n";
  for (int i = 0; i < 50; ++i) many += "<Obj RefId=\"" + std::to_string(i) + "\"><MS><B N=\"B\">no</B></MS></Obj>\n";
  many += "</Objs>";
  warnings.clear();
  objects.clear();
  REQUIRE(oval::read_clixml(many, "many.xml", objects, error, &warnings));
  REQUIRE(warnings.size() == 11);
  CHECK(warnings[9].rfind("many.xml:11: <B> 'no'", 0) == 0);
  CHECK(warnings[10] == "many.xml: 40 more values not of their type");
}

namespace {

// "[Subject]\r\n  CN=…\r\n\r\n[Issuer]…": .NET's own rendering of the certificate, written into the
// stream beside its bytes; the value under `label`.
std::string shown(const std::string& to_string, const std::string& label) {
  const auto at = to_string.find("[" + label + "]");
  if (at == std::string::npos) return {};
  const auto start = to_string.find_first_not_of("\r\n ", at + label.size() + 2);
  return to_string.substr(start, to_string.find('\r', start) - start);
}

}  // namespace

TEST_CASE("certificates are rebuilt from their bytes as PowerShell shows them", "[oval][clixml]") {
  std::ifstream in(std::string(SCAPC_SHARED_DIR) + "/corpus/cmdlet-output/E19/GetExchangeCertificate.xml",
                   std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const auto text = buffer.str();
  const auto certificates = read("GetExchangeCertificate.xml");
  REQUIRE(certificates.size() == 3);
  // The ToString elements, in document order, unescaped as CliXml writes CR and LF.
  std::vector<std::string> renderings;
  for (auto at = text.find("<ToString>["); at != std::string::npos; at = text.find("<ToString>[", at + 1)) {
    auto rendering = text.substr(at + 10, text.find("</ToString>", at) - at - 10);
    for (const auto& [escaped, plain] : {std::pair<std::string, std::string>{"_x000D_", "\r"}, {"_x000A_", "\n"}}) {
      for (auto p = rendering.find(escaped); p != std::string::npos; p = rendering.find(escaped, p))
        rendering.replace(p, escaped.size(), plain);
    }
    renderings.push_back(rendering);
  }
  REQUIRE(renderings.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO(renderings[i]);
    CHECK(property(certificates[i], "Subject") == Fields{{"string", shown(renderings[i], "Subject")}});
    CHECK(property(certificates[i], "Issuer") == Fields{{"string", shown(renderings[i], "Issuer")}});
    CHECK(property(certificates[i], "SerialNumber") == Fields{{"string", shown(renderings[i], "Serial Number")}});
    CHECK(property(certificates[i], "Thumbprint") == Fields{{"string", shown(renderings[i], "Thumbprint")}});
  }
  // The stream's local times (12/03/2019 14:47:32 at UTC-8) are 22:47:32 UTC in the bytes.
  CHECK(property(certificates[0], "NotBefore") == Fields{{"string", "2019-12-03T22:47:32Z"}});
  CHECK(property(certificates[0], "NotAfter") == Fields{{"string", "2024-11-06T22:47:32Z"}});
}

TEST_CASE("a certificate whose bytes cannot be read keeps only what the stream says", "[oval][clixml]") {
  const std::string stream =
      "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><Obj RefId=\"0\">"
      "<TN RefId=\"0\"><T>System.Security.Cryptography.X509Certificates.X509Certificate2</T></TN><Props>"
      "<BA N=\"RawData\">MIIDKTCCAhGgAwIBAgIQIq7Ff1SGnb1LKsn6</BA></Props></Obj></Objs>";
  std::vector<oval::PsObject> objects;
  std::string error;
  REQUIRE(oval::read_clixml(stream, "truncated.xml", objects, error));
  REQUIRE(objects.size() == 1);
  REQUIRE(objects[0].properties.size() == 1);
  CHECK(objects[0].properties[0].first == "RawData");
  // A length that claims 4 GB, lengths of five bytes, an empty certificate, text that is not base64.
  for (const char* raw : {"MIT/////", "MIX/////wE=", "MAA=", "MIIDKT*CCAhGg", "====", ""}) {
    INFO(raw);
    auto hostile = stream;
    hostile.replace(hostile.find("MIIDKTCCAhGgAwIBAgIQIq7Ff1SGnb1LKsn6"), 36, raw);
    objects.clear();
    REQUIRE(oval::read_clixml(hostile, "hostile.xml", objects, error));
    REQUIRE(objects.size() == 1);
    CHECK(objects[0].properties.size() == 1);
  }
}
