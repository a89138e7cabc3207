// A waivers file (docs/waivers.schema.json) read, then sorted into usable and unusable waivers
// against a benchmark of one STIG rule.
#include <scapc/waivers.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scapc::check::Waivers waivers;
  std::string error;
  if (!scapc::check::read_waivers_text(text, "fuzz.json", waivers, error)) return 0;
  scapc::xccdf::loaded::Benchmark benchmark;
  scapc::xccdf::loaded::Item rule;
  rule.id = "xccdf_mil.disa.stig_rule_SV-259685r942369_rule";
  rule.rule.version = "EX19-MB-000132";
  benchmark.items.push_back(rule);
  std::vector<std::string> warnings;
  scapc::check::drop_unusable_waivers(waivers, benchmark, "2026-12-06", warnings);
  scapc::check::Host host;
  host.host_name = "mailbox01";
  scapc::check::RuleOutcome outcome;
  outcome.rule_id = rule.id;
  outcome.result = scapc::xccdf::RuleResult::Fail;
  scapc::check::apply_waivers(waivers, rule, host, outcome);
  return 0;
}
