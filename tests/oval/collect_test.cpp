// Cmdlet output collected into system characteristics: the items a test sees and the document
// written for them must be the same data, whichever way it is read.
#include <scapc/clixml.h>
#include <scapc/oval_analysis.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>

namespace oval = scapc::oval;

namespace {

const char* const kDefinitions = R"(<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
 xmlns:win-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#windows"
 xmlns:ind-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<definitions><definition id="oval:t:def:1" version="1" class="compliance"><criteria operator="AND">
 <criterion test_ref="oval:t:tst:1"/><criterion test_ref="oval:t:tst:2"/><criterion test_ref="oval:t:tst:3"/>
 <criterion test_ref="oval:t:tst:4"/><criterion test_ref="oval:t:tst:5"/><criterion test_ref="oval:t:tst:6"/>
 <criterion test_ref="oval:t:tst:7"/></criteria></definition></definitions>
<tests>
 <win-def:cmdlet_test id="oval:t:tst:1" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:t:obj:1"/><win-def:state state_ref="oval:t:ste:1"/></win-def:cmdlet_test>
 <win-def:cmdlet_test id="oval:t:tst:2" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:t:obj:2"/><win-def:state state_ref="oval:t:ste:2"/></win-def:cmdlet_test>
 <win-def:cmdlet_test id="oval:t:tst:3" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:t:obj:4"/></win-def:cmdlet_test>
 <win-def:cmdlet_test id="oval:t:tst:4" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:t:obj:5"/><win-def:state state_ref="oval:t:ste:4"/></win-def:cmdlet_test>
 <win-def:cmdlet_test id="oval:t:tst:5" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:t:obj:6"/></win-def:cmdlet_test>
 <ind-def:variable_test id="oval:t:tst:6" version="1" check="at least one" check_existence="at_least_one_exists">
  <ind-def:object object_ref="oval:t:obj:7"/><ind-def:state state_ref="oval:t:ste:6"/></ind-def:variable_test>
 <win-def:cmdlet_test id="oval:t:tst:7" version="1" check="all" check_existence="at_least_one_exists">
  <win-def:object object_ref="oval:t:obj:3"/><win-def:state state_ref="oval:t:ste:7"/></win-def:cmdlet_test>
</tests>
<objects>
 <win-def:cmdlet_object id="oval:t:obj:1" version="1">
  <win-def:verb>Get</win-def:verb><win-def:noun>ReceiveConnector</win-def:noun>
  <win-def:parameters datatype="record" xsi:nil="true"/>
  <win-def:select datatype="record"><field name="property">Name,Banner,MaxHopCount</field></win-def:select>
 </win-def:cmdlet_object>
 <win-def:cmdlet_object id="oval:t:obj:2" version="1">
  <win-def:verb>Get</win-def:verb><win-def:noun>ReceiveConnector</win-def:noun>
  <win-def:parameters datatype="record" xsi:nil="true"/><win-def:select datatype="record" xsi:nil="true"/>
 </win-def:cmdlet_object>
 <win-def:cmdlet_object id="oval:t:obj:3" version="1">
  <win-def:verb>Get</win-def:verb><win-def:noun>ReceiveConnector</win-def:noun>
  <win-def:parameters datatype="record" xsi:nil="true"/>
  <win-def:select datatype="record"><field name="property">Name</field></win-def:select>
  <filter action="exclude">oval:t:ste:9</filter>
 </win-def:cmdlet_object>
 <win-def:cmdlet_object id="oval:t:obj:4" version="1">
  <set set_operator="UNION"><object_reference>oval:t:obj:1</object_reference>
   <object_reference>oval:t:obj:3</object_reference></set>
 </win-def:cmdlet_object>
 <win-def:cmdlet_object id="oval:t:obj:5" version="1">
  <win-def:verb>Get</win-def:verb><win-def:noun>ExecutionPolicy</win-def:noun>
  <win-def:parameters datatype="record" xsi:nil="true"/><win-def:select datatype="record" xsi:nil="true"/>
 </win-def:cmdlet_object>
 <win-def:cmdlet_object id="oval:t:obj:6" version="1">
  <win-def:verb>Get</win-def:verb><win-def:noun>SendConnector</win-def:noun>
  <win-def:parameters datatype="record" xsi:nil="true"/><win-def:select datatype="record" xsi:nil="true"/>
 </win-def:cmdlet_object>
 <ind-def:variable_object id="oval:t:obj:7" version="1"><ind-def:var_ref>oval:t:var:1</ind-def:var_ref>
 </ind-def:variable_object>
</objects>
<states>
 <win-def:cmdlet_state id="oval:t:ste:1" version="1"><win-def:value datatype="record">
  <field name="banner">220 a&amp;b&lt;c&gt;"'	x
y</field></win-def:value></win-def:cmdlet_state>
 <win-def:cmdlet_state id="oval:t:ste:2" version="1"><win-def:value datatype="record">
  <field name="maxhopcount" datatype="int" operation="less than or equal">60</field></win-def:value></win-def:cmdlet_state>
 <win-def:cmdlet_state id="oval:t:ste:4" version="1"><win-def:value datatype="record">
  <field name="executionpolicy">RemoteSigned</field></win-def:value></win-def:cmdlet_state>
 <ind-def:variable_state id="oval:t:ste:6" version="1"><ind-def:value entity_check="at least one">x&amp;y</ind-def:value></ind-def:variable_state>
 <win-def:cmdlet_state id="oval:t:ste:7" version="1"><win-def:value datatype="record">
  <field name="name">a</field></win-def:value></win-def:cmdlet_state>
 <win-def:cmdlet_state id="oval:t:ste:9" version="1"><win-def:value datatype="record">
  <field name="name">b</field></win-def:value></win-def:cmdlet_state>
</states>
<variables><constant_variable id="oval:t:var:1" version="1" datatype="string" comment="c">
 <value>x&amp;y</value><value>2</value></constant_variable></variables>
</oval_definitions>)";

oval::PsObject object(std::vector<std::pair<std::string, oval::PropertyValue>> properties) {
  oval::PsObject out;
  out.properties = std::move(properties);
  return out;
}

std::shared_ptr<oval::CmdletOutput> connectors(const std::string& banner) {
  auto output = std::make_shared<oval::CmdletOutput>();
  (*output)["get-receiveconnector"] = {
      object({{"Name", {{{"string", "a"}}}},
              {"Banner", {{{"string", banner}}}},
              {"MaxHopCount", {{{"int", "60"}}}},
              {"Bindings", {{{"string", "0.0.0.0:25"}, {"string", "[::]:25"}}}},
              {"Comment", {{{"string", ""}}}}}),
      object({{"Name", {{{"string", "b"}}}}, {"Banner", {{{"string", "plain"}}}}}),
  };
  (*output)["get-executionpolicy"] = {object({{"", {{{"string", "RemoteSigned"}}}}})};
  return output;
}

std::shared_ptr<const oval::DefinitionsDocument> definitions() {
  std::string error;
  auto read = oval::read_definitions(kDefinitions, "t.xml", error);
  INFO(error);
  REQUIRE(read);
  return read;
}

}  // namespace

TEST_CASE("collected items print as pugixml prints the same document, and read back alike", "[oval][collect]") {
  const auto d = definitions();
  const std::string banner = "220 a&b<c>\"'\tx\ny";
  const auto collected = oval::collect_cmdlets(*d, connectors(banner), {}, "mail<01>&");
  const auto printed = oval::to_xml(*collected);

  std::string error;
  const auto reread = oval::read_system_characteristics(printed, "printed.xml", error);
  INFO(error);
  REQUIRE(reread);
  // The re-read document is printed by pugixml from its DOM: the same bytes.
  CHECK(oval::to_xml(*reread) == printed);

  const auto from_items = oval::analyse(*d, *collected, {});
  const auto from_document = oval::analyse(*d, *reread, {});
  CHECK(from_items.tests == from_document.tests);
  CHECK(from_items.tested_items == from_document.tested_items);
  CHECK(from_items.definitions == from_document.definitions);

  using R = oval::Result;
  const std::map<std::string, R, std::less<>> expected{
      {"oval:t:tst:1", R::False},    // b's banner differs
      {"oval:t:tst:2", R::Error},    // b has no MaxHopCount, which the state compares
      {"oval:t:tst:3", R::True},     // a union: obj:1's two items and obj:3's one
      {"oval:t:tst:4", R::True},     // a scalar cmdlet's value is named after its noun
      {"oval:t:tst:5", R::Unknown},  // Get-SendConnector was not collected
      {"oval:t:tst:6", R::True},     // one of the variable's two values
      {"oval:t:tst:7", R::True},  // the filter left only a
  };
  CHECK(from_items.tests == expected);
  CHECK(from_items.tested_items.at("oval:t:tst:7").size() == 1);

  CHECK(printed.find("<primary_host_name>mail&lt;01&gt;&amp;</primary_host_name>") != std::string::npos);
  CHECK(printed.find("<field name=\"banner\">220 a&amp;b&lt;c&gt;\"'\tx\ny</field>") != std::string::npos);
  CHECK(printed.find("<field name=\"maxhopcount\" datatype=\"int\">60</field>") != std::string::npos);
  CHECK(printed.find("<field name=\"maxhopcount\" status=\"does not exist\" />") != std::string::npos);
  CHECK(printed.find("<field name=\"comment\" />") != std::string::npos);
  CHECK(printed.find("<field name=\"executionpolicy\">RemoteSigned</field>") != std::string::npos);
  CHECK(printed.find("<object id=\"oval:t:obj:6\" version=\"1\" flag=\"not collected\" />") != std::string::npos);
  CHECK(printed.find("<ind-sc:value>x&amp;y</ind-sc:value>") != std::string::npos);
}

TEST_CASE("collected values keep what a document would lose, and XML's forbidden characters are replaced",
          "[oval][collect]") {
  const auto d = definitions();
  // A carriage return is a reference, so a reader keeps it; a value of spaces is not emptied.
  const auto output = connectors("l1\r\nl2");
  (*output)["get-receiveconnector"][1].properties[1].second.fields[0].second = "  ";
  const auto collected = oval::collect_cmdlets(*d, output, {}, "a\x01z\xEF\xBF\xBFz");
  const auto printed = oval::to_xml(*collected);
  CHECK(printed.find("<field name=\"banner\">l1&#13;\nl2</field>") != std::string::npos);
  CHECK(printed.find("<field name=\"banner\">  </field>") != std::string::npos);
  CHECK(printed.find("<primary_host_name>a\xEF\xBF\xBDz\xEF\xBF\xBDz</primary_host_name>") != std::string::npos);

  std::string error;
  const auto reread = oval::read_system_characteristics(printed, "printed.xml", error);
  INFO(error);
  REQUIRE(reread);
  // Read back, the carriage return is there (pugixml prints it raw).
  CHECK(oval::to_xml(*reread).find("<field name=\"banner\">l1\r\nl2</field>") != std::string::npos);

  // The test sees the values as collected: a state naming them matches.
  auto with_crlf = std::string(kDefinitions);
  with_crlf.replace(with_crlf.find("220 a&amp;b"), std::string("220 a&amp;b&lt;c&gt;\"'\tx\ny").size(), "l1&#13;\nl2");
  const auto d2 = oval::read_definitions(with_crlf, "t2.xml", error);
  REQUIRE(d2);
  const auto analysis = oval::analyse(*d2, *oval::collect_cmdlets(*d2, output, {}, "h"), {});
  CHECK(analysis.tested_items.at("oval:t:tst:1") ==
        std::vector<std::pair<std::string, oval::Result>>{{"1", oval::Result::True}, {"2", oval::Result::False}});
}

TEST_CASE("a message repeated for every item of a test is kept once, with its count", "[oval][collect]") {
  const auto d = definitions();
  auto output = connectors("x");
  for (int i = 0; i < 500; ++i) (*output)["get-receiveconnector"].push_back((*output)["get-receiveconnector"][1]);
  const auto analysis = oval::analyse(*d, *oval::collect_cmdlets(*d, output, {}, "h"), {});
  std::vector<std::string> about_tst2;
  for (const auto& message : analysis.messages) {
    if (message.rfind("oval:t:tst:2:", 0) == 0) about_tst2.push_back(message);
  }
  CHECK(about_tst2 == std::vector<std::string>{"oval:t:tst:2: the record has no field 'maxhopcount' (501 times)"});
}
