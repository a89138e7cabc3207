// The declarative check block: what it reads into, and what it rejects.
#include <scapc/controls/placeholders.h>

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace scapc;
using controls::Check;
using controls::Condition;

namespace {

controls::LoadResult load_check(const std::string& check) {
  const std::string text = R"({"id": "C-1", "title": "t", "description": "d", "category": "c", "severity": "Medium",
      "severityWeight": 5, "frameworks": ["DISA"], "roles": ["Edge"], "check": )" +
                           check + "}";
  return controls::load_catalog_text(text, "c.json");
}

const Check& only_check(const controls::LoadResult& result) {
  INFO(Catch::Detail::stringify(test::lines(result)));
  REQUIRE(result.ok());
  REQUIRE(result.catalog.controls.size() == 1);
  REQUIRE(result.catalog.controls[0].check.has_value());
  return *result.catalog.controls[0].check;
}

}  // namespace

TEST_CASE("a cmdlet check with a filter, a condition and defaults", "[controls][check]") {
  const auto result = load_check(R"({
      "cmdlet": "get-sendconnector",
      "filter": {"property": "AddressSpaces", "op": "contains", "value": "SMTP:*;1", "ignoreCase": true},
      "condition": {"property": "DomainSecureEnabled", "op": "equals", "value": true}})");
  const auto& check = only_check(result);
  CHECK(check.kind == Check::Kind::Query);
  CHECK(check.pointer == "/check");
  const auto& query = check.query;
  CHECK(query.cmdlet == "Get-sendconnector");
  CHECK(query.verb == "Get");
  CHECK(query.noun == "sendconnector");
  CHECK(query.properties == std::vector<std::string>{"AddressSpaces", "DomainSecureEnabled"});
  CHECK(query.require == controls::Quantifier::All);
  CHECK(query.on_empty == controls::EmptyResult::Fail);
  REQUIRE(query.filter.has_value());
  CHECK(query.filter->op == controls::Op::Contains);
  CHECK(query.filter->type == controls::ValueType::String);
  CHECK(query.filter->ignore_case);
  REQUIRE(query.condition.has_value());
  CHECK(query.condition->type == controls::ValueType::Boolean);
  REQUIRE(query.condition->values.size() == 1);
  CHECK(query.condition->values[0].boolean);
  CHECK(query.condition->pointer == "/check/condition");
}

TEST_CASE("the smart-host branches of V-221218 as one condition", "[controls][check]") {
  const auto result = load_check(R"({
      "cmdlet": "Get-SendConnector",
      "properties": ["Name", "SmartHosts", "DomainSecureEnabled", "DNSRoutingEnabled", "RequireTLS", "TlsAuthLevel"],
      "condition": {"anyOf": [
          {"allOf": [{"property": "SmartHosts", "op": "empty"},
                     {"property": "DomainSecureEnabled", "op": "equals", "value": true}]},
          {"allOf": [{"property": "SmartHosts", "op": "notEmpty"},
                     {"property": "DNSRoutingEnabled", "op": "equals", "value": false},
                     {"property": "RequireTLS", "op": "equals", "value": "True", "type": "boolean"},
                     {"property": "TlsAuthLevel", "op": "equals", "value": "DomainValidation"}]}]},
      "require": "all", "onEmpty": "notApplicable"})");
  const auto& query = only_check(result).query;
  CHECK(query.properties.size() == 6);
  CHECK(query.on_empty == controls::EmptyResult::NotApplicable);
  const auto& any = *query.condition;
  REQUIRE(any.kind == Condition::Kind::AnyOf);
  REQUIRE(any.children.size() == 2);
  CHECK(any.children[0].kind == Condition::Kind::AllOf);
  CHECK(any.children[0].children[0].op == controls::Op::Empty);
  CHECK(any.children[0].children[0].values.empty());
  const auto& smart_host = any.children[1];
  REQUIRE(smart_host.children.size() == 4);
  CHECK(smart_host.children[2].type == controls::ValueType::Boolean);
  CHECK(smart_host.children[2].values[0].boolean);
  CHECK(smart_host.children[3].values[0].text == "DomainValidation");
  CHECK(smart_host.children[3].pointer == "/check/condition/anyOf/1/allOf/3");
}

TEST_CASE("combinations of checks over several cmdlets", "[controls][check]") {
  const auto result = load_check(R"({"description": "all anti-spam agents on", "allOf": [
      {"cmdlet": "Get-ContentFilterConfig", "condition": {"property": "Enabled", "op": "equals", "value": true}},
      {"not": {"cmdlet": "Get-IPAllowListEntry", "require": "atLeastOne", "onEmpty": "fail"}},
      {"anyOf": [{"cmdlet": "Get-ExchangeServer", "parameters": {"Status": true, "Identity": "EX01", "Ports": [ "25" ]},
                  "condition": {"property": "ErrorReportingEnabled", "op": "equals", "value": false}}]}]})");
  const auto& check = only_check(result);
  CHECK(check.kind == Check::Kind::AllOf);
  CHECK(check.description == "all anti-spam agents on");
  REQUIRE(check.children.size() == 3);
  CHECK(check.children[1].kind == Check::Kind::Not);
  CHECK(check.children[1].children[0].query.require == controls::Quantifier::AtLeastOne);
  CHECK(check.children[1].children[0].query.properties.empty());
  const auto& server = check.children[2].children[0].query;
  REQUIRE(server.parameters.size() == 3);
  CHECK(server.parameters[0].name == "Identity");  // nlohmann orders object keys
  CHECK(server.parameters[0].values == std::vector<std::string>{"EX01"});
  CHECK(server.parameters[1].name == "Ports");
  CHECK(server.parameters[1].values == std::vector<std::string>{"25"});
  CHECK(server.parameters[2].name == "Status");
  CHECK(server.parameters[2].values.empty());
  CHECK(check.children[2].children[0].pointer == "/check/allOf/2/anyOf/0");
}

TEST_CASE("typed literals: time spans, byte quantities, versions, lists", "[controls][check]") {
  const auto result = load_check(R"J({"allOf": [
      {"cmdlet": "Get-SendConnector", "condition": {"property": "ConnectionInactivityTimeOut", "op": "lessOrEqual", "value": "00:10:00", "type": "timespan"}},
      {"cmdlet": "Get-ReceiveConnector", "condition": {"property": "MaxMessageSize", "op": "lessOrEqual", "value": "36 MB (37,748,736 bytes)", "type": "bytes"}},
      {"cmdlet": "Get-ExchangeServer", "condition": {"property": "AdminDisplayVersion", "op": "greaterOrEqual", "value": "15.2.1118.7", "type": "version"}},
      {"cmdlet": "Get-ExecutionPolicy", "condition": {"property": "ExecutionPolicy", "op": "in", "value": ["AllSigned", "RemoteSigned"]}},
      {"cmdlet": "Get-ReceiveConnector", "condition": {"property": "AuthMechanism", "op": "notContains", "value": "BasicAuth"}},
      {"cmdlet": "Get-ReceiveConnector", "condition": {"property": "Banner", "op": "notMatches", "value": "(?i)microsoft|exchange"}},
      {"cmdlet": "Get-ReceiveConnector", "condition": {"property": "RemoteIPRanges", "op": "notEquals", "value": "0.0.0.0-255.255.255.255", "elements": "none"}}]})J");
  const auto& check = only_check(result);
  REQUIRE(check.children.size() == 7);
  CHECK(check.children[0].query.condition->values[0].number == 600);
  CHECK(check.children[1].query.condition->values[0].number == 37748736);
  CHECK(check.children[2].query.condition->values[0].version == std::vector<std::uint64_t>{15, 2, 1118, 7});
  CHECK(check.children[3].query.condition->values.size() == 2);
  CHECK(check.children[4].query.condition->op == controls::Op::NotContains);
  CHECK(check.children[6].query.condition->elements == controls::ElementMatch::None);
}

TEST_CASE("site values become typed defaults and are referenced by id", "[controls][check]") {
  const auto result = load_check(R"({
      "cmdlet": "Get-TransportService",
      "condition": {"property": "MaxPerDomainOutboundConnections", "op": "lessOrEqual", "valueRef": "max_per_domain"},
      "values": [{"id": "max_per_domain", "title": "Per-domain limit", "description": "From the EDSP.",
                  "type": "int", "default": 20, "selectors": {"strict": 10}, "lowerBound": 1, "upperBound": 1000}]})");
  const auto& check = only_check(result);
  CHECK(check.query.condition->value_ref == "max_per_domain");
  CHECK(check.query.condition->type == controls::ValueType::Int);
  const auto& values = result.catalog.controls[0].values;
  REQUIRE(values.size() == 1);
  CHECK(values[0].default_value.number == 20);
  CHECK(values[0].selectors.at("strict").number == 10);
  CHECK(values[0].lower_bound->number == 1);
  CHECK(values[0].upper_bound->number == 1000);
}

TEST_CASE("check errors each name their place and reason", "[controls][check]") {
  using Lines = std::vector<std::string>;
  CHECK(test::errors(load_check(R"({"cmdlet": "Set-SendConnector"})")) ==
        Lines{"c.json:/check/cmdlet: error: verb 'Set' may change the server; a check may only use Approve, Assert, "
              "Compare, Confirm, Find, Get, Import, Measure, Read, Request, Resolve, Search, Select, Show, Test, "
              "Trace, Watch"});
  CHECK(test::errors(load_check(R"({"cmdlet": "GetSendConnector"})")) ==
        Lines{"c.json:/check/cmdlet: error: 'GetSendConnector' is not a cmdlet name of the form Verb-Noun"});
  CHECK(test::errors(load_check(R"({"description": "x"})")) ==
        Lines{"c.json:/check: error: a check needs one of 'cmdlet', 'registry', 'service', 'auditPolicy', 'fileRights', 'allOf', 'anyOf', 'not'"});
  CHECK(test::errors(load_check(R"({"cmdlet": "Get-X", "allOf": []})")) ==
        Lines{"c.json:/check: error: a check has exactly one of 'cmdlet', 'registry', 'service', 'auditPolicy', 'fileRights', 'allOf', 'anyOf', 'not'"});
  CHECK(
      test::errors(load_check(R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "equal", "value": 1}})")) ==
      Lines{"c.json:/check/condition/op: error: unknown operator 'equal' (expected one of equals, notEquals, lessThan, "
            "lessOrEqual, greaterThan, greaterOrEqual, matches, notMatches, in, notIn, contains, notContains, empty, "
            "notEmpty)"});
  CHECK(
      test::errors(
          load_check(R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "lessThan", "value": "x"}})")) ==
      Lines{"c.json:/check/condition/op: error: 'lessThan' applies to int, version, timespan and bytes only, and this "
            "condition compares string values"});
  CHECK(
      test::errors(load_check(R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "in", "value": [true]}})")) ==
      Lines{"c.json:/check/condition/op: error: 'in' does not apply to booleans (use equals), and this condition "
            "compares boolean values"});
  CHECK(
      test::errors(load_check(
          R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals", "value": "ten", "type": "timespan"}})")) ==
      Lines{"c.json:/check/condition/value: error: 'ten' is not a valid timespan: expected a time span "
            "[-][d.]hh:mm:ss[.fffffff] or Unlimited"});
  CHECK(test::errors(
            load_check(R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals", "value": 1.5}})")) ==
        Lines{"c.json:/check/condition/value: error: cannot infer a type from a number; values are strings, integers "
              "or booleans"});
  CHECK(
      test::errors(load_check(
          R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "matches", "value": "(unclosed"}})")) ==
      Lines{
          "c.json:/check/condition/value: error: invalid regular expression at offset 9: missing closing parenthesis"});
  CHECK(test::errors(
            load_check(R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals", "valueRef": "nope"}})")) ==
        Lines{"c.json:/check/condition/valueRef: error: no site value 'nope' is declared in this control's check"});
  CHECK(test::errors(load_check(R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "empty", "value": 1}})")) ==
        Lines{"c.json:/check/condition: error: 'empty' takes no value"});
  CHECK(test::errors(load_check(R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals"}})")) ==
        Lines{"c.json:/check/condition: error: 'equals' needs a 'value', a 'valueRef' or a 'valueFrom'"});
  CHECK(test::errors(load_check(
            R"({"cmdlet": "Get-X", "properties": ["Name"], "condition": {"property": "A", "op": "notEmpty"}})")) ==
        Lines{"c.json:/check/condition/property: error: property 'A' is used but not listed in /check/properties"});
  CHECK(test::errors(load_check(R"({"cmdlet": "Get-X", "require": "most", "onEmpty": "skip"})")) ==
        Lines{"c.json:/check/require: error: unknown quantifier 'most' (expected all, atLeastOne or none)",
              "c.json:/check/onEmpty: error: unknown empty result 'skip' (expected pass, fail or notApplicable)"});
  CHECK(
      test::errors(load_check(
          R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "contains", "value": "x", "elements": "any"}})")) ==
      Lines{"c.json:/check/condition/elements: error: 'elements' does not apply to 'contains'"});
  CHECK(
      test::errors(load_check(
          R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals", "value": 3, "ignoreCase": true}})")) ==
      Lines{"c.json:/check/condition/ignoreCase: error: 'ignoreCase' applies to string comparisons only"});
  CHECK(test::errors(load_check(R"({"cmdlet": "Get-X", "parameters": {"Force": false}})")) ==
        Lines{"c.json:/check/parameters/Force: error: a switch set to false is the same as leaving it out; remove it"});
  CHECK(test::errors(load_check(R"({"not": {"cmdlet": "Get-X", "values": []}})")) ==
        Lines{"c.json:/check/not/values: error: 'values' may only appear on the root of a check"});
}

TEST_CASE("site value errors", "[controls][check]") {
  using Lines = std::vector<std::string>;
  const auto with_value = [](const std::string& value) {
    return load_check(
        R"({"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals", "valueRef": "v"}, "values": [)" + value +
        "]}");
  };
  CHECK(test::errors(with_value(
            R"({"id": "v", "title": "t", "description": "d", "type": "int", "default": 5000, "upperBound": 1000})")) ==
        Lines{"c.json:/check/values/0/default: error: '5000' is above upperBound '1000'"});
  CHECK(
      test::errors(with_value(
          R"({"id": "v", "title": "t", "description": "d", "type": "string", "default": "x", "choices": ["a", "b"]})")) ==
      Lines{"c.json:/check/values/0/default: error: 'x' is not one of the declared choices"});
  CHECK(test::errors(with_value(R"({"id": "V", "title": "t", "description": "d", "type": "int", "default": 1})"))
            .front() ==
        "c.json:/check/values/0/id: error: site value id 'V' must be lower-case letters, digits and '_', starting with "
        "a letter");
  CHECK(test::errors(with_value(R"({"id": "v", "title": "t", "description": "d", "type": "float", "default": 1})"))
            .front() ==
        "c.json:/check/values/0/type: error: unknown type 'float' (expected boolean, int, string, version, timespan or "
        "bytes)");
  CHECK(
      test::errors(with_value(
          R"({"id": "v", "title": "t", "description": "d", "type": "bytes", "default": "25 MB", "lowerBound": true})")) ==
      Lines{"c.json:/check/values/0/lowerBound: error: 'true' is not a valid bytes: expected a byte quantity such as "
            "25 MB, "
            "36 MB (37,748,736 bytes), a byte count or Unlimited"});
  CHECK(test::errors(with_value(R"({"id": "v", "title": "t", "description": "d", "type": "int", "default": 1},
                                   {"id": "v", "title": "t", "description": "d", "type": "int", "default": 2})")) ==
        Lines{"c.json:/check/values/1/id: error: duplicate site value id 'v'"});
  CHECK(test::errors(with_value(R"({"id": "v", "title": "t", "description": "d", "type": 5, "default": 1})")) ==
        Lines{"c.json:/check/values/0/type: error: 'type' must be a string, not an integer"});
  CHECK(test::errors(with_value(R"({"id": "v", "title": "t", "description": "d", "type": "int"})")).front() ==
        "c.json:/check/values/0: error: missing required field 'default'");
}

TEST_CASE("placeholders in remediation scripts must name a site value", "[controls][check]") {
  const auto text = R"({"id": "C-1", "title": "t", "description": "d", "category": "c", "severity": "Low",
      "severityWeight": 3, "frameworks": ["DISA"], "roles": ["Edge"],
      "remediation": {"scriptTemplate": "Set-TransportService -MaxOutboundConnections {{max_out}} -X {{ other }}"},
      "check": {"cmdlet": "Get-TransportService",
                "condition": {"property": "MaxOutboundConnections", "op": "lessOrEqual", "valueRef": "max_out"},
                "values": [{"id": "max_out", "title": "t", "description": "d", "type": "int", "default": 1000}]}})";
  CHECK(test::errors(controls::load_catalog_text(text, "c.json")) ==
        std::vector<std::string>{
            "c.json:/remediation/scriptTemplate: error: placeholder '{{other}}' names no site value of this control"});
}

TEST_CASE("placeholders are found as the brace pattern finds them, at any length", "[controls][check]") {
  const auto found = controls::find_placeholders("a {{ x }} {{{y}} {{z} {{}} {{w\n}}");
  REQUIRE(found.size() == 4);
  CHECK(found[0].name == "x");
  CHECK((found[0].position == 2 && found[0].length == 7));
  CHECK(found[1].name == "y");
  CHECK(found[1].position == 11);
  CHECK(found[2].name.empty());
  CHECK(found[3].name == "w");
  // An unclosed placeholder followed by a megabyte of text is scanned, not recursed through.
  CHECK(controls::find_placeholders("{{" + std::string(1 << 20, 'a')).empty());
}

TEST_CASE("site value ids are unique across the catalog", "[controls][check]") {
  const auto control = [](const std::string& id) {
    return R"({"id": ")" + id + R"(", "title": "t", "description": "d", "category": "c", "severity": "Low",
      "severityWeight": 3, "frameworks": ["DISA"], "roles": ["Edge"],
      "check": {"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals", "valueRef": "limit"},
                "values": [{"id": "limit", "title": "t", "description": "d", "type": "int", "default": 1}]}})";
  };
  CHECK(test::errors(controls::load_catalog_text("[" + control("C-1") + "," + control("C-2") + "]", "c.json")) ==
        std::vector<std::string>{
            "c.json:/1/check/values: error: site value id 'limit' is already declared by control 'C-1'"});
}

TEST_CASE("nesting is bounded", "[controls][check]") {
  std::string condition = R"({"property": "A", "op": "notEmpty"})";
  for (int i = 0; i < 40; ++i) condition = R"({"not": )" + condition + "}";
  const auto errors = test::errors(load_check(R"({"cmdlet": "Get-X", "condition": )" + condition + "}"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("error: conditions nested deeper than 32 levels") != std::string::npos);
}

TEST_CASE("catalogs merged for one compile keep ids unique across files", "[controls][check]") {
  const auto control = [](const std::string& id, const std::string& value) {
    return R"({"id": ")" + id + R"(", "title": "t", "description": "d", "category": "c", "severity": "Low",
      "severityWeight": 3, "frameworks": ["DISA"], "roles": ["Edge"],
      "check": {"cmdlet": "Get-X", "condition": {"property": "A", "op": "equals", "valueRef": ")" + value + R"("},
                "values": [{"id": ")" + value + R"(", "title": "t", "description": "d", "type": "int", "default": 1}]}})";
  };
  const auto first = controls::load_catalog_text(R"({"title": "First", "controls": [)" + control("C-1", "a") + "]}", "one.json");
  const auto second = controls::load_catalog_text("[" + control("C-2", "a") + "," + control("C-1", "b") + "]", "two.json");
  REQUIRE((first.ok() && second.ok()));
  const auto merged = controls::merge_catalogs({first.catalog, second.catalog});
  CHECK(test::errors(merged) ==
        std::vector<std::string>{
            "two.json:/0/check/values: error: site value id 'a' is already declared by control 'C-1'",
            "two.json:/1/id: error: duplicate control id 'C-1' (first defined at one.json:/controls/0)"});
  const auto apart = controls::merge_catalogs(
      {first.catalog, controls::load_catalog_text("[" + control("C-3", "c") + "]", "three.json").catalog});
  CHECK(apart.ok());
  CHECK(apart.catalog.title == "First");
  REQUIRE(apart.catalog.controls.size() == 2);
  CHECK(apart.catalog.controls[1].id == "C-3");
}

TEST_CASE("registry and service checks name their object and the item's own properties", "[controls][check]") {
  const auto registry_result = load_check(R"({
      "registry": {"hive": "hklm", "key": "SYSTEM\\CurrentControlSet\\Control\\Lsa", "name": "LmCompatibilityLevel"},
      "condition": {"property": "Value", "op": "greaterOrEqual", "value": 5}})");
  const auto& registry = only_check(registry_result);
  CHECK(registry.kind == Check::Kind::Query);
  CHECK(registry.query.data == controls::DataKind::Registry);
  REQUIRE(registry.query.entities.size() == 3);
  CHECK(registry.query.entities[0].value == "HKEY_LOCAL_MACHINE");
  CHECK(registry.query.entities[1].value == "SYSTEM\\CurrentControlSet\\Control\\Lsa");
  CHECK(registry.query.entities[2].name == "name");
  CHECK(registry.query.properties == std::vector<std::string>{"value"});

  const auto service_result = load_check(R"({
      "service": {"name": {"pattern": "^MSExchange(POP3|IMAP4)$"}},
      "condition": {"property": "start_type", "op": "equals", "value": "SERVICE_DISABLED"}, "onEmpty": "pass"})");
  const auto& service = only_check(service_result);
  CHECK(service.query.data == controls::DataKind::Service);
  REQUIRE(service.query.entities.size() == 1);
  CHECK(service.query.entities[0].name == "service_name");
  CHECK(service.query.entities[0].pattern);
  CHECK(service.query.on_empty == controls::EmptyResult::Pass);
}

TEST_CASE("registry and service checks refuse what they cannot read", "[controls][check]") {
  using Lines = std::vector<std::string>;
  CHECK(test::errors(load_check(R"({"registry": {"hive": "HKLM", "key": "K", "name": "N"},
      "condition": {"property": "Data", "op": "equals", "value": 1}})")) ==
        Lines{"c.json:/check/condition/property: error: a registry item has no property 'Data'; it has hive, key, "
              "name, last_write_time, type, value"});
  CHECK(test::errors(load_check(R"({"registry": {"hive": "HKXX", "key": "K", "name": "N"}})")) ==
        Lines{"c.json:/check/registry/hive: error: 'HKXX' is not a registry hive (HKEY_LOCAL_MACHINE, HKEY_USERS, "
              "HKEY_CURRENT_CONFIG, HKEY_CLASSES_ROOT, HKEY_CURRENT_USER)"});
  CHECK(test::errors(load_check(R"({"registry": {"hive": "HKLM", "key": "\\SOFTWARE", "name": "N"}})")) ==
        Lines{"c.json:/check/registry/key: error: a key is written without a leading backslash, below its hive"});
  CHECK(test::errors(load_check(R"({"registry": {"hive": "HKLM", "key": "K"}})")) ==
        Lines{"c.json:/check/registry: error: 'name' is required"});
  CHECK(test::errors(load_check(R"({"service": {"name": "X"}, "properties": ["start_type"]})")) ==
        Lines{"c.json:/check/properties: error: unknown field 'properties' in a service check"});
}

TEST_CASE("a file rights check names a folder, by path or site value, and the trustees it reads", "[controls][check]") {
  const auto result = load_check(R"({
      "fileRights": {"path": {"valueRef": "logs"}, "trustee": {"pattern": ".*"}},
      "filter": {"not": {"property": "trustee_sid", "op": "matches", "value": "^S-1-5-18$"}},
      "condition": {"property": "file_read_data", "op": "equals", "value": false}, "onEmpty": "pass",
      "values": [{"id": "logs", "title": "t", "description": "d", "type": "string", "default": "C:\\Logs"}]})");
  const auto& check = only_check(result);
  CHECK(check.query.data == controls::DataKind::FileRights);
  REQUIRE(check.query.entities.size() == 3);
  CHECK(check.query.entities[0].name == "path");
  CHECK(check.query.entities[0].value_ref == "logs");
  CHECK(check.query.entities[1].name == "filename");
  CHECK(check.query.entities[1].nil);
  CHECK(check.query.entities[2].name == "trustee_sid");
  CHECK(check.query.entities[2].pattern);
  CHECK(controls::oval_item_type(check.query.data) == std::string("fileeffectiverights53"));

  using Lines = std::vector<std::string>;
  CHECK(test::errors(load_check(R"({"fileRights": {"path": {"valueRef": "nowhere"}, "trustee": "S-1-5-18"}})")) ==
        Lines{"c.json:/check/fileRights/path/valueRef: error: no string site value 'nowhere' is declared in this "
              "control's check"});
  CHECK(test::errors(load_check(R"({"fileRights": {"path": {"pattern": "^C:"}, "trustee": "S-1-5-18"}})")) ==
        Lines{"c.json:/check/fileRights/path: error: a folder is named exactly or by a site value, not by a pattern"});
  CHECK(test::errors(load_check(R"({"fileRights": {"path": "C:\\Logs", "trustee": "S-1-5-18"},
      "condition": {"property": "trustee_name", "op": "equals", "value": "SYSTEM"}})")) ==
        Lines{"c.json:/check/condition/property: error: a fileRights item has no property 'trustee_name'; it has "
              "filepath, path, filename, trustee_sid, standard_delete, standard_read_control, standard_write_dac, "
              "standard_write_owner, standard_synchronize, access_system_security, generic_read, generic_write, "
              "generic_execute, generic_all, file_read_data, file_write_data, file_append_data, file_read_ea, "
              "file_write_ea, file_execute, file_delete_child, file_read_attributes, file_write_attributes"});
  CHECK(test::errors(load_check(R"({"fileRights": {"path": "C:\\Logs"}})")) ==
        Lines{"c.json:/check/fileRights: error: 'trustee' is required"});
}

TEST_CASE("a cmdlet parameter takes one value", "[controls][check]") {
  using Lines = std::vector<std::string>;
  CHECK(test::errors(load_check(R"({"cmdlet": "Get-WindowsFeature", "parameters": {"Name": ["MSMQ", "NET-WCF-MSMQ-Activation45"]}})")) ==
        Lines{"c.json:/check/parameters/Name: error: a parameter takes one value; to read several objects, give none "
              "and use a filter"});
}

TEST_CASE("a condition may compare with another cmdlet's property", "[controls][check]") {
  const auto result = load_check(R"({"cmdlet": "Get-SendConnector", "condition": {"property": "MaxMessageSize",
      "op": "equals", "valueFrom": {"cmdlet": "Get-TransportConfig", "property": "MaxSendSize"}, "type": "bytes"}})");
  const auto& condition = *only_check(result).query.condition;
  REQUIRE(condition.value_from.has_value());
  CHECK(condition.value_from->cmdlet == "Get-TransportConfig");
  CHECK(condition.value_from->property == "MaxSendSize");
  CHECK(condition.values.empty());
  CHECK(controls::describe(condition) == "MaxMessageSize equals Get-TransportConfig's MaxSendSize");

  using Lines = std::vector<std::string>;
  const auto errors = [](const std::string& condition_text) {
    return test::errors(load_check(R"({"cmdlet": "Get-X", "condition": )" + condition_text + "}"));
  };
  CHECK(errors(R"({"property": "A", "op": "equals", "value": 1, "valueFrom": {"cmdlet": "Get-Y", "property": "B"}})") ==
        Lines{"c.json:/check/condition: error: give one of 'value', 'valueRef' and 'valueFrom'"});
  CHECK(errors(R"({"property": "A", "op": "matches", "type": "string",
                   "valueFrom": {"cmdlet": "Get-Y", "property": "B"}})") ==
        Lines{"c.json:/check/condition/op: error: 'matches' does not compare with another query's value"});
  CHECK(errors(R"({"property": "A", "op": "equals", "valueFrom": {"cmdlet": "Get-Y", "property": "B"}})") ==
        Lines{"c.json:/check/condition: error: a condition with 'valueFrom' declares its 'type'"});
  CHECK(errors(R"({"property": "A", "op": "equals", "type": "int",
                   "valueFrom": {"cmdlet": "Set-Y", "property": "B"}})") ==
        Lines{"c.json:/check/condition/valueFrom/cmdlet: error: 'Set-Y' is not a Get- cmdlet"});
  CHECK(errors(R"({"property": "A", "op": "equals", "type": "int", "valueFrom": "Get-Y"})") ==
        Lines{"c.json:/check/condition/valueFrom: error: 'valueFrom' is an object with 'cmdlet' and 'property'"});
  CHECK(errors(R"({"property": "A", "op": "contains", "type": "string",
                   "valueFrom": {"cmdlet": "Get-Y", "property": "B"}})") ==
        Lines{"c.json:/check/condition/op: error: 'contains' does not compare with another query's value"});
}

TEST_CASE("membership in another cmdlet's values: in and notIn with valueFrom", "[controls][check]") {
  const auto result = load_check(R"({"cmdlet": "Get-User", "condition": {"property": "Identity", "op": "notIn",
      "valueFrom": {"cmdlet": "Get-RoleGroup", "property": "Members"}, "type": "string", "ignoreCase": true}})");
  const auto& condition = *only_check(result).query.condition;
  CHECK(condition.op == controls::Op::NotIn);
  REQUIRE(condition.value_from.has_value());
  CHECK(condition.value_from->property == "Members");
  CHECK(controls::describe(condition) == "Identity is none of Get-RoleGroup's Members (ignoring case)");
}
