// Waivers files: read with errors located by JSON pointer, unusable waivers dropped with a warning,
// rules named the ways an assessor knows them, hosts by name or glob, and the evaluated result kept.
#include <scapc/waivers.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace scapc;
using xccdf::RuleResult;

namespace {

const std::string kGood = SCAPC_SOURCE_DIR "/tests/check/fixtures/waivers/good.json";

// The error for a waivers file holding `text`.
std::string error_for(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("scapc-waivers-" + std::to_string(getpid()) + ".json");
  std::ofstream(path) << text;
  check::Waivers waivers;
  std::string error;
  const bool ok = check::read_waivers(path.string(), waivers, error);
  std::filesystem::remove(path);
  CHECK_FALSE(ok);
  return error.substr(path.string().size());
}

const std::string kWaiver =
    R"("rule": "V-1", "result": "pass", "justification": "j", "approvedBy": "a", "approved": "2026-01-01")";

xccdf::loaded::Item stig_rule() {
  xccdf::loaded::Item rule;
  rule.id = "xccdf_mil.disa.stig_rule_SV-259685r942369_rule";
  rule.rule.version = "EX19-MB-000132";
  rule.rule.stig = xccdf::StigRuleSource{"MS_Exchange_2019_Mailbox_Server_STIG", "V-259685", "", "", {}};
  return rule;
}

check::Host host(const std::string& name, const std::string& fqdn) {
  check::Host out;
  out.host_name = name;
  out.fqdn = fqdn;
  return out;
}

}  // namespace

TEST_CASE("a waivers file reads, and a malformed one says where", "[check][waivers]") {
  check::Waivers waivers;
  std::string error;
  REQUIRE(check::read_waivers(kGood, waivers, error));
  REQUIRE(waivers.list.size() == 6);
  CHECK(waivers.list[0].hosts == std::vector<std::string>{"MAILBOX0*"});
  CHECK(waivers.list[0].severity == "low");
  CHECK(waivers.list[1].result == RuleResult::Fail);
  CHECK(waivers.list[3].result == RuleResult::Informational);
  CHECK(waivers.list[2].pointer == "/waivers/2");

  CHECK(error_for("[]") == ": a waivers file is an object with a 'waivers' list");
  CHECK(error_for(R"({"waivers": [{)" + kWaiver + "}], \"extra\": 1}") == ":/extra: unknown field 'extra'");
  CHECK(error_for(R"({"waivers": [{)" + kWaiver + "}]}") == ":/waivers/0: 'expires' is missing");
  CHECK(error_for(R"({"waivers": [{)" + kWaiver + R"(, "expires": "2026-13-01"}]})") ==
        ":/waivers/0/expires: '2026-13-01' is not a YYYY-MM-DD date");
  CHECK(error_for(R"({"waivers": [{)" + kWaiver + R"(, "expires": "2025-12-31"}]})") ==
        ":/waivers/0/expires: expires before it was approved");
  CHECK(error_for(R"({"waivers": [{)" + kWaiver + R"(, "expires": "2027-01-01", "result": "waived"}]})")
            .starts_with(":/waivers/0/result: "));
  CHECK(error_for(R"({"waivers": [{)" + kWaiver + R"(, "expires": "2027-01-01", "host": "x"}]})") ==
        ":/waivers/0/host: unknown field 'host'");
  CHECK(error_for(R"({"waivers": [{)" + kWaiver + R"(, "expires": "2027-01-01", "hosts": "x"}]})") ==
        ":/waivers/0/hosts: a list of host names or patterns");
  CHECK(error_for(R"({"waivers": [{"rule": "V-1", "result": "pass", "justification": " ", "approvedBy": "a", )"
                  R"("approved": "2026-01-01", "expires": "2027-01-01"}]})") == ":/waivers/0/justification: empty");
}

TEST_CASE("waivers name rules by V-ID, STIG ID, DISA rule id or catalog id, and hosts by glob",
          "[check][waivers]") {
  const auto rule = stig_rule();
  check::Waiver waiver;
  for (const auto* name : {"V-259685", "EX19-MB-000132", "SV-259685r942369_rule",
                           "xccdf_mil.disa.stig_rule_SV-259685r942369_rule"}) {
    waiver.rule = name;
    CHECK(check::waiver_names_rule(waiver, rule));
  }
  for (const auto* name : {"V-25968", "EX19-MB-00013", "SV-259685r1_rule", "v-259685"}) {
    waiver.rule = name;
    CHECK_FALSE(check::waiver_names_rule(waiver, rule));
  }
  xccdf::loaded::Item control;
  control.id = "xccdf_org.scapc_rule_EXC-TS-007";
  control.rule.version = "EXC-TS-007";
  waiver.rule = "EXC-TS-007";
  CHECK(check::waiver_names_rule(waiver, control));

  const auto mailbox = host("MAILBOX01", "mailbox01.example.com");
  CHECK(check::waiver_names_host(waiver, mailbox));  // no hosts: every host
  waiver.hosts = {"mailbox0?"};
  CHECK(check::waiver_names_host(waiver, mailbox));
  waiver.hosts = {"*.EXAMPLE.COM"};
  CHECK(check::waiver_names_host(waiver, mailbox));
  waiver.hosts = {"mailbox01.example.com"};
  CHECK(check::waiver_names_host(waiver, host("mailbox01.example.com", "")));
  waiver.hosts = {"mailbox01"};
  CHECK(check::waiver_names_host(waiver, host("mailbox01.example.com", "")));  // the short name
  waiver.hosts = {"edge*", "mailbox02"};
  CHECK_FALSE(check::waiver_names_host(waiver, mailbox));
}

TEST_CASE("a waiver sets the result and keeps the evaluated one; expired and unknown ones are dropped",
          "[check][waivers]") {
  check::Waivers waivers;
  std::string error;
  REQUIRE(check::read_waivers(kGood, waivers, error));

  xccdf::loaded::Benchmark benchmark;
  benchmark.id = "xccdf_mil.disa.stig_benchmark_MS_Exchange_2019_Mailbox_Server_STIG";
  benchmark.items.push_back(stig_rule());
  auto other = stig_rule();
  other.id = "xccdf_mil.disa.stig_rule_SV-259646r942252_rule";
  other.rule.version = "EX19-MB-000016";
  other.rule.stig->vuln_id = "V-259646";
  benchmark.items.push_back(other);
  std::vector<std::string> warnings;
  check::drop_unusable_waivers(waivers, benchmark, "2026-12-06", warnings);
  // Only the first and the expired one name rules of this benchmark; the expired one goes too.
  REQUIRE(waivers.list.size() == 1);
  CHECK(waivers.list[0].rule == "V-259685");
  REQUIRE(warnings.size() == 5);
  CHECK(warnings[3].ends_with("good.json:/waivers/4: warning: no rule of "
                              "xccdf_mil.disa.stig_benchmark_MS_Exchange_2019_Mailbox_Server_STIG is V-999999; the "
                              "waiver is ignored"));
  CHECK(warnings[4].ends_with(
      "good.json:/waivers/5: warning: the waiver for V-259646 expired on 2025-06-30; it is ignored"));

  check::RuleOutcome outcome;
  outcome.result = RuleResult::Fail;
  check::apply_waivers(waivers, benchmark.items[0], host("MAILBOX01", "mailbox01.example.com"), outcome);
  CHECK(outcome.result == RuleResult::Pass);
  REQUIRE(outcome.waiver);
  CHECK(outcome.waiver->evaluated == RuleResult::Fail);
  CHECK(outcome.waiver->approved_by == "ISSM");
  CHECK(outcome.waiver->severity == "low");

  // Another host, a rule that does not apply, a rule not selected: left alone.
  for (const auto& [name, result] : {std::pair{"EDGE01", RuleResult::Fail}, std::pair{"MAILBOX01", RuleResult::NotApplicable},
                                     std::pair{"MAILBOX01", RuleResult::NotSelected}}) {
    check::RuleOutcome untouched;
    untouched.result = result;
    check::apply_waivers(waivers, benchmark.items[0], host(name, ""), untouched);
    CHECK(untouched.result == result);
    CHECK_FALSE(untouched.waiver);
  }
}
