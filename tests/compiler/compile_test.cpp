// What the compiler makes of catalog constructs, asserted on the emitted models.
#include <catch2/catch.hpp>
#include <scapc/compiler.h>
#include <sstream>

using namespace scapc;

namespace {

compiler::Options options() {
  compiler::Options options;
  options.id_namespace = "org.example";
  options.name = "test";
  options.timestamp = "2026-01-01T00:00:00";
  return options;
}

std::string control(const std::string& id, const std::string& extra) {
  return R"({"id": ")" + id + R"(", "title": "Title )" + id +
         R"(", "description": "Why.", "category": "Transport Security", "severity": "High", "severityWeight": 8,
             "frameworks": ["DISA", "CIS"], "roles": ["Edge", "Mailbox"])" +
         extra + "}";
}

compiler::Result compile(const std::string& catalog_text) {
  const auto loaded = controls::load_catalog_text(catalog_text, "t.json");
  for (const auto& diagnostic : loaded.diagnostics.items()) UNSCOPED_INFO(controls::format(diagnostic));
  REQUIRE(loaded.ok());
  return compiler::compile(loaded.catalog, options());
}

const oval::WindowsState& state(const compiler::Content& content, const std::string& id) {
  const auto found = std::find_if(content.oval.states.begin(), content.oval.states.end(),
                                  [&](const oval::WindowsState& s) { return s.id == id; });
  REQUIRE(found != content.oval.states.end());
  return *found;
}

// The single field of the single state a one-test check compiles to.
oval::Field only_field(const std::string& condition) {
  const auto result = compile(control("C-1", R"(, "check": {"cmdlet": "Get-ReceiveConnector", "condition": )" + condition + "}"));
  REQUIRE(result.errors.empty());
  REQUIRE(result.content.oval.tests.size() == 1);
  REQUIRE(result.content.oval.tests[0].state_refs.size() == 1);
  const auto& fields = state(result.content, result.content.oval.tests[0].state_refs[0]).value;
  REQUIRE(fields.size() == 1);
  return fields[0];
}

std::string summary(const oval::Field& f) {
  return f.name + "|" + f.datatype + "|" + f.operation + "|" + f.value + "|" + f.entity_check;
}

}  // namespace

TEST_CASE("property tests become typed record fields", "[compiler][oval]") {
  CHECK(summary(only_field(R"({"property": "RequireTLS", "op": "equals", "value": true})")) ==
        "requiretls|string|case insensitive equals|true|");
  CHECK(summary(only_field(R"({"property": "RequireTLS", "op": "notEquals", "value": false})")) ==
        "requiretls|string|case insensitive not equal|false|");
  CHECK(summary(only_field(R"({"property": "MaxHopCount", "op": "lessOrEqual", "value": 60})")) ==
        "maxhopcount|int|less than or equal|60|");
  CHECK(summary(only_field(R"({"property": "ConnectionTimeout", "op": "lessOrEqual", "value": "00:10:00", "type": "timespan"})")) ==
        "connectiontimeout|int|less than or equal|600|");
  CHECK(summary(only_field(R"({"property": "MaxMessageSize", "op": "lessThan", "value": "25 MB", "type": "bytes"})")) ==
        "maxmessagesize|int|less than|26214400|");
  CHECK(summary(only_field(R"({"property": "MaxMessageSize", "op": "equals", "value": "Unlimited", "type": "bytes"})")) ==
        "maxmessagesize|int|equals|9223372036854775807|");
  CHECK(summary(only_field(R"({"property": "Version", "op": "greaterOrEqual", "value": "15.2.1118.7", "type": "version"})")) ==
        "version|version|greater than or equal|15.2.1118.7|");
  CHECK(summary(only_field(R"({"property": "TlsAuthLevel", "op": "equals", "value": "DomainValidation", "ignoreCase": true})")) ==
        "tlsauthlevel|string|case insensitive equals|DomainValidation|");
  CHECK(summary(only_field(R"({"property": "Banner", "op": "matches", "value": "^220 ", "ignoreCase": true})")) ==
        "banner|string|pattern match|(?i)^220 |");
  CHECK(summary(only_field(R"({"property": "Banner", "op": "notMatches", "value": "Microsoft"})")) ==
        "banner|string|pattern match|^(?!(?s:.*?)(?:Microsoft))|");
  CHECK(summary(only_field(R"({"property": "Level", "op": "in", "value": ["Low", "Lowest.x"]})")) ==
        "level|string|pattern match|^(?:Low|Lowest\\.x)$|");
  CHECK(summary(only_field(R"({"property": "Level", "op": "notIn", "value": ["Low"]})")) ==
        "level|string|pattern match|^(?!(?s:.*?)(?:^(?:Low)$))|");
  CHECK(summary(only_field(R"({"property": "AuthMechanism", "op": "contains", "value": "Tls"})")) ==
        "authmechanism|string|equals|Tls|at least one");
  CHECK(summary(only_field(R"({"property": "AuthMechanism", "op": "notContains", "value": "BasicAuth"})")) ==
        "authmechanism|string|equals|BasicAuth|none satisfy");
  CHECK(summary(only_field(R"({"property": "SmartHosts", "op": "empty"})")) == "smarthosts|string|equals||");
  CHECK(summary(only_field(R"({"property": "SmartHosts", "op": "notEmpty"})")) == "smarthosts|string|not equal||at least one");
  CHECK(summary(only_field(R"({"property": "RemoteIPRanges", "op": "notEquals", "value": "0.0.0.0-255.255.255.255", "elements": "any"})")) ==
        "remoteipranges|string|not equal|0.0.0.0-255.255.255.255|at least one");
}

TEST_CASE("negated property tests flip the operation or the element quantifier", "[compiler][oval]") {
  CHECK(summary(only_field(R"({"not": {"property": "MaxHopCount", "op": "lessOrEqual", "value": 60}})")) ==
        "maxhopcount|int|greater than|60|at least one");
  CHECK(summary(only_field(R"({"not": {"property": "AuthMechanism", "op": "contains", "value": "Tls"}})")) ==
        "authmechanism|string|equals|Tls|none satisfy");
  CHECK(summary(only_field(R"({"not": {"property": "Banner", "op": "notMatches", "value": "x"}})")) ==
        "banner|string|pattern match|x|at least one");
}

TEST_CASE("quantifiers, state operators and empty results", "[compiler][oval]") {
  const auto result = compile("[" +
      control("C-1", R"(, "check": {"cmdlet": "Get-SendConnector", "require": "atLeastOne",
          "condition": {"anyOf": [{"property": "A", "op": "equals", "value": 1}, {"property": "B", "op": "equals", "value": 2}]}})") + "," +
      control("C-2", R"(, "check": {"cmdlet": "Get-SendConnector", "require": "none", "onEmpty": "pass",
          "condition": {"allOf": [{"property": "A", "op": "equals", "value": 1}, {"property": "A", "op": "equals", "value": 3}]}})") + "]");
  REQUIRE(result.errors.empty());
  const auto& oval = result.content.oval;
  REQUIRE(oval.definitions.size() == 2);
  const auto& first = oval.tests[0];
  CHECK(first.check == "at least one");
  CHECK(first.state_operator == "OR");
  CHECK(first.state_refs.size() == 2);
  // onEmpty pass: OR(no objects, the condition); the same-named fields stay in separate states.
  const auto& second = oval.definitions[1].criteria;
  CHECK(second.op == "OR");
  REQUIRE(second.children.size() == 2);
  const auto& none_exist = *std::find_if(oval.tests.begin(), oval.tests.end(),
                                         [&](const oval::WindowsTest& t) { return t.id == second.children[0].ref; });
  CHECK(none_exist.check_existence == "none_exist");
  const auto& condition = *std::find_if(oval.tests.begin(), oval.tests.end(),
                                        [&](const oval::WindowsTest& t) { return t.id == second.children[1].ref; });
  CHECK(condition.check == "none satisfy");
  CHECK(condition.state_operator == "AND");
  CHECK(condition.state_refs.size() == 2);
}

TEST_CASE("conditions no state can hold go through filtered objects and sets", "[compiler][oval]") {
  const auto result = compile(control("C-1", R"(, "check": {"cmdlet": "Get-SendConnector",
      "filter": {"not": {"anyOf": [{"property": "Name", "op": "equals", "value": "a"}, {"property": "Name", "op": "equals", "value": "b"}]}},
      "condition": {"allOf": [{"property": "RequireTLS", "op": "equals", "value": true},
                              {"anyOf": [{"property": "Port", "op": "equals", "value": 25}, {"property": "Port", "op": "equals", "value": 587}]}]}})"));
  REQUIRE(result.errors.empty());
  const auto& oval = result.content.oval;
  // all: objects exist, and none of them violates the condition
  const auto& root = oval.definitions[0].criteria;
  CHECK(root.op == "AND");
  REQUIRE(root.children.size() == 2);
  const auto& none_exist = *std::find_if(oval.tests.begin(), oval.tests.end(),
                                         [&](const oval::WindowsTest& t) { return t.id == root.children[1].ref; });
  CHECK(none_exist.check_existence == "none_exist");
  std::vector<std::string> operators;
  for (const auto& object : oval.objects) {
    if (!object.set.empty()) operators.push_back(object.set[0].set_operator);
  }
  CHECK(std::count(operators.begin(), operators.end(), "COMPLEMENT") >= 1);
  CHECK(std::count(operators.begin(), operators.end(), "UNION") >= 1);
  for (const auto& test : oval.tests) CHECK(test.state_refs.empty());
}

TEST_CASE("a root query that finds nothing makes the rule not applicable", "[compiler][xccdf]") {
  const auto result = compile(control("C-1", R"(, "check": {"cmdlet": "Get-MailboxDatabase", "onEmpty": "notApplicable",
      "condition": {"property": "CircularLoggingEnabled", "op": "equals", "value": false}})"));
  const auto& benchmark = result.content.benchmark;
  REQUIRE(benchmark.platforms.size() == 1);
  // The platform names a CPE; the content's CPE dictionary checks it with the inventory definition.
  CHECK(benchmark.platforms[0].cpe_names == std::vector<std::string>{"cpe:/a:scapc:finds_objects:c-1"});
  REQUIRE(result.content.cpe.size() == 1);
  CHECK(result.content.cpe[0].name == "cpe:/a:scapc:finds_objects:c-1");
  CHECK(result.content.cpe[0].definition == "oval:org.example:def:2");
  CHECK(result.content.cpe[0].href == "test-oval.xml");
  const auto& rule = benchmark.groups[0].rules[0];
  CHECK(rule.platforms == std::vector<std::string>{"#" + benchmark.platforms[0].id});
  CHECK(result.content.oval.definitions[1].cls == "inventory");
}

TEST_CASE("rules apply to their role and version, unless the site declares a condition", "[compiler][xccdf]") {
  auto loaded = controls::load_catalog_text(
      "[" + control("C-1", R"(, "notApplicableWhen": ["siprEnclave"], "check": {"cmdlet": "Get-SendConnector",
          "condition": {"property": "RequireTLS", "op": "equals", "value": true}})") + "," +
          control("C-2", "") + "]",
      "t.json");
  REQUIRE(loaded.ok());
  loaded.catalog.controls[0].roles = {"Edge"};
  loaded.catalog.controls[0].versions = {"2019"};
  loaded.catalog.controls[1].roles = {"Mailbox"};  // a manual control: its questionnaire still has a platform
  const auto result = compiler::compile(loaded.catalog, options());
  REQUIRE(result.errors.empty());
  const auto& benchmark = result.content.benchmark;
  REQUIRE(benchmark.platforms.size() == 2);
  CHECK(benchmark.platforms[0].title ==
        "Exchange 2019 Edge servers, unless the site declares: The server is in a SIPR enclave, or on a classified or "
        "closed network");
  CHECK(benchmark.platforms[0].cpe_names ==
        std::vector<std::string>{"cpe:/a:microsoft:exchange_server:2019", "cpe:/a:scapc:exchange_server_role:edge",
                                 "cpe:/a:scapc:site_undeclared:sipr_enclave"});
  CHECK(benchmark.platforms[1].cpe_names == std::vector<std::string>{"cpe:/a:scapc:exchange_server_role:mailbox"});
  // The site's declaration is a boolean Value, false unless the site says otherwise, which the
  // rule's check exports to the variable the platform's definition reads.
  REQUIRE(benchmark.values.size() == 1);
  CHECK(benchmark.values[0].id == "xccdf_org.example_value_site_sipr_enclave");
  CHECK(benchmark.values[0].type == "boolean");
  CHECK(benchmark.values[0].default_value == "false");
  const auto& automated = benchmark.groups[0].rules[0];
  REQUIRE(automated.checks[0].exports.size() == 1);
  CHECK(automated.checks[0].exports[0].value_id == "xccdf_org.example_value_site_sipr_enclave");
  const auto& variable = automated.checks[0].exports[0].export_name;
  REQUIRE(result.content.oval.undeclared.size() == 1);
  CHECK(result.content.oval.undeclared[0].variable == variable);
  // Version and role are read from Get-ExchangeServer.
  const auto& dictionary = result.content.cpe;
  REQUIRE(dictionary.size() == 4);
  CHECK(dictionary[0].title == "Microsoft Exchange Server 2019");
  CHECK(dictionary[1].title == "Exchange server with the Edge role");
  const auto& manual = benchmark.groups[0].rules[1];
  CHECK(manual.checks[0].system == xccdf::kOcilSystem);
  CHECK(manual.platforms.size() == 1);
}

TEST_CASE("rules, values, fixes and profiles", "[compiler][xccdf]") {
  const auto result = compile("[" + control("C-1", R"J(, "references": [{"name": "DISA STIG EX19-ED-000110: t (V-259597)", "url": "https://example.org/V-259597"}],
      "remediation": {"description": "Lower it.", "scriptTemplate": "Set-SendConnector -ConnectionInactivityTimeOut {{idle}}"},
      "considerations": "Queues grow.",
      "check": {"cmdlet": "Get-SendConnector", "condition": {"property": "ConnectionInactivityTimeOut", "op": "lessOrEqual", "valueRef": "idle"},
                "values": [{"id": "idle", "title": "Idle", "description": "d", "type": "timespan", "default": "00:10:00",
                            "selectors": {"cis": "00:05:00"}, "upperBound": "01:00:00"}]})J") + "," +
      R"({"id": "M-1", "title": "Manual", "description": "Ask.", "category": "Governance", "severity": "Low", "severityWeight": 3,
          "frameworks": ["BSI"], "roles": ["Mailbox"], "verify": false}])");
  REQUIRE(result.errors.empty());
  const auto& benchmark = result.content.benchmark;
  CHECK(benchmark.id == "xccdf_org.example_benchmark_test");
  REQUIRE(benchmark.groups.size() == 2);
  const auto& rule = benchmark.groups[0].rules[0];
  CHECK(rule.id == "xccdf_org.example_rule_C-1");
  CHECK(rule.version == "C-1");
  CHECK(rule.severity == "high");
  CHECK(rule.weight == "8.0");
  CHECK(rule.description == std::vector<std::string>{"Why.", "Considerations: Queues grow."});
  CHECK(rule.references[0].href == "https://example.org/V-259597");
  REQUIRE(rule.checks.size() == 1);
  CHECK(rule.checks[0].system == xccdf::kOvalSystem);
  CHECK(rule.checks[0].href == "test-oval.xml");
  CHECK(rule.checks[0].name == "oval:org.example:def:1");
  REQUIRE(rule.checks[0].exports.size() == 1);
  CHECK(rule.checks[0].exports[0].value_id == "xccdf_org.example_value_idle");
  CHECK(rule.checks[0].exports[0].export_name == "oval:org.example:var:1");
  REQUIRE(rule.fix.has_value());
  REQUIRE(rule.fix->content.size() == 6);
  CHECK(rule.fix->content[5].text == "\n");
  CHECK(rule.fix->content[1].text == "([TimeSpan]::FromSeconds(");
  CHECK(rule.fix->content[2].sub_idref == "xccdf_org.example_value_idle");
  CHECK(rule.fixtext_fixref == rule.fix->id);

  REQUIRE(benchmark.values.size() == 1);
  const auto& value = benchmark.values[0];
  CHECK(value.type == "number");
  CHECK(value.title == "Idle (seconds)");
  CHECK(value.default_value == "600");
  CHECK(value.selectors.at("cis") == "300");
  CHECK(value.upper_bound == "3600");

  const auto& manual = benchmark.groups[1].rules[0];
  CHECK(manual.role == "unscored");
  CHECK(manual.checks[0].system == xccdf::kOcilSystem);
  CHECK(manual.checks[0].name == "ocil:org.example:questionnaire:1");
  REQUIRE(result.content.ocil.questionnaires.size() == 1);
  CHECK(result.content.ocil.questionnaires[0].question == "Does the server meet this requirement: Manual?");

  std::vector<std::string> profile_ids;
  for (const auto& profile : benchmark.profiles) profile_ids.push_back(profile.id);
  CHECK(profile_ids == std::vector<std::string>{
                           "xccdf_org.example_profile_all", "xccdf_org.example_profile_framework_bsi",
                           "xccdf_org.example_profile_framework_cis", "xccdf_org.example_profile_framework_disa",
                           "xccdf_org.example_profile_role_mailbox", "xccdf_org.example_profile_role_edge",
                           "xccdf_org.example_profile_severity_high", "xccdf_org.example_profile_severity_medium",
                           "xccdf_org.example_profile_severity_low"});
  const auto& cis = benchmark.profiles[2];
  REQUIRE(cis.selects.size() == 2);
  CHECK(cis.selects[0].selected);
  CHECK_FALSE(cis.selects[1].selected);
  REQUIRE(cis.refine_values.size() == 1);
  CHECK(cis.refine_values[0].selector == "cis");
}

TEST_CASE("compilation is deterministic and option errors are explained", "[compiler]") {
  const auto text = "[" + control("C-1", R"(, "check": {"cmdlet": "Get-X", "condition": {"property": "A", "op": "notEmpty"}})") + "]";
  const auto serialize = [&] {
    const auto result = compile(text);
    std::ostringstream out;
    compiler::data_stream(result.content, options()).save(out);
    return out.str();
  };
  CHECK(serialize() == serialize());
  auto bad = options();
  bad.id_namespace = "org_example";
  CHECK(compiler::check_options(bad) == "id namespace 'org_example' must be reverse DNS: letters, digits, '.', '-' (no '_')");
  bad = options();
  bad.timestamp = "yesterday";
  CHECK(compiler::check_options(bad) == "timestamp 'yesterday' must be YYYY-MM-DDThh:mm:ss");
}

TEST_CASE("a negated pattern over a site value cannot be expressed and says so", "[compiler]") {
  const auto result = compile(control("C-1", R"(, "check": {"cmdlet": "Get-X",
      "filter": {"not": {"property": "A", "op": "notMatches", "valueRef": "p"}},
      "condition": {"property": "B", "op": "notEmpty"},
      "values": [{"id": "p", "title": "t", "description": "d", "type": "string", "default": "x"}]})"));
  CHECK(result.errors == std::vector<std::string>{"C-1: filter 'A does not match site value p' cannot be expressed in OVAL"});
}

TEST_CASE("registry and service checks become the standard win-def tests", "[compiler][oval]") {
  const auto result = compile("[" +
                              control("C-1", R"(, "check": {"registry": {"hive": "HKLM",
      "key": "SYSTEM\\CurrentControlSet\\Control\\Lsa", "name": "LmCompatibilityLevel"},
      "condition": {"property": "value", "op": "greaterOrEqual", "value": 5}})") +
                              "," + control("C-2", R"(, "check": {"service": {"name": "MSExchangePOP3"},
      "condition": {"anyOf": [{"allOf": [{"property": "current_state", "op": "equals", "value": "SERVICE_STOPPED"},
                                         {"property": "start_type", "op": "equals", "value": "SERVICE_DISABLED"}]},
                              {"property": "start_name", "op": "equals", "value": "LocalSystem", "ignoreCase": true}]},
      "onEmpty": "pass"})") +
                              "]");
  REQUIRE(result.errors.empty());
  const auto& oval = result.content.oval;
  REQUIRE(oval.objects.size() == 2);
  CHECK(oval.objects[0].item == "registry");
  REQUIRE(oval.objects[0].entities.size() == 3);
  CHECK(summary(oval.objects[0].entities[0]) == "hive|string|equals|HKEY_LOCAL_MACHINE|");
  CHECK(summary(oval.objects[0].entities[2]) == "name|string|equals|LmCompatibilityLevel|");
  CHECK(oval.objects[1].item == "service");
  CHECK(summary(oval.objects[1].entities[0]) == "service_name|string|equals|MSExchangePOP3|");

  REQUIRE(oval.tests.size() == 3);  // the registry value; the service: none exist, or all satisfy
  CHECK(oval.tests[0].item == "registry");
  CHECK(summary(state(result.content, oval.tests[0].state_refs[0]).value[0]) ==
        "value|int|greater than or equal|5|");
  const auto& service_test = oval.tests[1].check_existence == "none_exist" ? oval.tests[2] : oval.tests[1];
  CHECK(service_test.item == "service");
  CHECK(service_test.state_operator == "OR");
  REQUIRE(service_test.state_refs.size() == 2);
  // Entities in the schema's order (start_type before current_state), whatever the condition's order.
  const auto& both = state(result.content, service_test.state_refs[0]);
  CHECK(both.item == "service");
  REQUIRE(both.value.size() == 2);
  CHECK(both.value[0].name == "start_type");
  CHECK(both.value[1].name == "current_state");

  const auto document = oval::to_document(oval);
  std::ostringstream text;
  document.save(text);
  CHECK(text.str().find("<win-def:registry_test ") != std::string::npos);
  CHECK(text.str().find("<win-def:service_state ") != std::string::npos);
  CHECK(text.str().find("<win-def:start_type>SERVICE_DISABLED</win-def:start_type>") != std::string::npos);
  CHECK(text.str().find("cmdlet_object") == std::string::npos);
}
