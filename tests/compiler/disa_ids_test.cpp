// Rules compiled from a DISA STIG keep DISA's ids, and what the STIG says beyond XCCDF's fields
// survives the compiled content, so that the STIG's checklist can be rebuilt from it alone.
#include <scapc/checklist.h>
#include <scapc/compiler.h>
#include <scapc/stig.h>
#include <scapc/xccdf_loaded.h>

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

using namespace scapc;

namespace {

const std::string kStigs = SCAPC_SHARED_DIR "/corpus/stig/";
const std::string kMailbox2019 = kStigs + "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml";
const std::string kEdge2019 = kStigs + "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml";

stig::Benchmark read_stig(const std::string& path) {
  controls::Diagnostics diagnostics;
  auto benchmark = stig::read(path, diagnostics);
  REQUIRE(benchmark);
  return *benchmark;
}

compiler::Content compiled(const std::vector<stig::Benchmark>& stigs) {
  controls::Diagnostics diagnostics;
  const auto catalog = stig::join({}, stigs, diagnostics);
  compiler::Options options;
  options.timestamp = "2026-01-01T00:00:00";
  return compiler::compile(catalog, options).content;
}

// The benchmark as a checker reads it back from the written document.
xccdf::loaded::Benchmark written_and_read(const xccdf::Benchmark& benchmark) {
  std::ostringstream text;
  xccdf::to_document(benchmark).save(text);
  pugi::xml_document document;
  REQUIRE(document.load_string(text.str().c_str()));
  xccdf::loaded::Benchmark out;
  std::string error;
  const auto source = text.str();
  INFO(error);
  REQUIRE(xccdf::loaded::read_benchmark(document.document_element(), "x.xml", source, out, error));
  return out;
}

}  // namespace

TEST_CASE("content made from one STIG is the STIG's benchmark, its rules and groups DISA's", "[compiler][stig]") {
  const auto mailbox = read_stig(kMailbox2019);
  const auto content = compiled({mailbox});
  const auto& benchmark = content.benchmark;
  CHECK(benchmark.id == "xccdf_mil.disa.stig_benchmark_MS_Exchange_2019_Mailbox_Server_STIG");
  CHECK(benchmark.version == "1");
  CHECK(benchmark.release_info == "Release: 1 Benchmark Date: 17 Jan 2024");
  REQUIRE(benchmark.stigs.size() == 1);
  CHECK(benchmark.stigs[0].id == "MS_Exchange_2019_Mailbox_Server_STIG");
  CHECK(benchmark.stigs[0].filename == "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml");

  std::set<std::string> rule_ids;
  for (const auto& group : benchmark.groups) {
    REQUIRE(group.rules.size() == 1);
    const auto& rule = group.rules[0];
    REQUIRE(rule.stig);
    CHECK(group.id == "xccdf_mil.disa.stig_group_" + rule.stig->vuln_id);
    rule_ids.insert(rule.id);
  }
  CHECK(rule_ids.size() == mailbox.rules.size());
  for (const auto& rule : mailbox.rules) {
    INFO(rule.vuln_id);
    CHECK(rule_ids.contains("xccdf_mil.disa.stig_rule_" + rule.rule_id));
  }
}

TEST_CASE("content joining two STIGs keeps scapc's benchmark id and both STIGs' rules", "[compiler][stig]") {
  const auto content = compiled({read_stig(kMailbox2019), read_stig(kEdge2019)});
  CHECK(content.benchmark.id == "xccdf_org.scapc_benchmark_exchange");
  CHECK(content.benchmark.release_info.empty());
  REQUIRE(content.benchmark.stigs.size() == 2);
  CHECK(content.benchmark.stigs[1].id == "MS_Exchange_2019_Edge_Server_STIG");
}

TEST_CASE("the STIGs of compiled content are rebuilt from it as DISA wrote them", "[compiler][stig][checklist]") {
  const auto mailbox = read_stig(kMailbox2019);
  const auto edge = read_stig(kEdge2019);
  const auto loaded = written_and_read(compiled({mailbox, edge}).benchmark);
  const auto rebuilt = output::stigs_in_content(loaded);
  REQUIRE(rebuilt.size() == 2);
  for (std::size_t n = 0; n < 2; ++n) {
    const auto& original = n == 0 ? mailbox : edge;
    const auto& again = rebuilt[n];
    CHECK(again.id == original.id);
    CHECK(again.title == original.title);
    CHECK(again.version == original.version);
    CHECK(again.release_info == original.release_info);
    CHECK(again.description == original.description);
    REQUIRE(again.rules.size() == original.rules.size());
    for (std::size_t r = 0; r < original.rules.size(); ++r) {
      const auto& want = original.rules[r];
      const auto& got = again.rules[r];
      INFO(want.vuln_id);
      CHECK(got.vuln_id == want.vuln_id);
      CHECK(got.rule_id == want.rule_id);
      CHECK(got.stig_id == want.stig_id);
      CHECK(got.group_title == want.group_title);
      CHECK(got.severity == want.severity);
      CHECK(got.weight == want.weight);
      CHECK(got.title == want.title);
      CHECK(got.discussion == want.discussion);
      CHECK(got.check_id == want.check_id);
      CHECK(got.check_text == want.check_text);
      CHECK(got.fix_text == want.fix_text);
      CHECK(got.ccis == want.ccis);
      CHECK(got.legacy_ids == want.legacy_ids);
      for (const auto& [name, text] : want.description_fields) {
        const auto found = got.description_fields.find(name);
        CHECK((found == got.description_fields.end() ? std::string() : found->second) == text);
      }
    }
  }
}

TEST_CASE("the checklist layout follows the content's STIGs unless told otherwise", "[output][checklist]") {
  const auto with_stig = written_and_read(compiled({read_stig(kMailbox2019)}).benchmark);
  output::ChecklistLayout layout;
  std::string error;
  REQUIRE(output::checklist_layout(with_stig, {}, "", layout, error));
  CHECK(layout.rules == output::ChecklistRules::Stig);
  REQUIRE(layout.stigs.size() == 1);
  CHECK(layout.stigs[0].rules.size() == 68);
  REQUIRE(output::checklist_layout(with_stig, {}, "both", layout, error));
  CHECK(layout.rules == output::ChecklistRules::Both);
  REQUIRE(output::checklist_layout(with_stig, {}, "benchmark", layout, error));
  CHECK(layout.rules == output::ChecklistRules::Benchmark);
  // STIGs given on the command line replace the content's.
  REQUIRE(output::checklist_layout(with_stig, {read_stig(kEdge2019)}, "", layout, error));
  REQUIRE(layout.stigs.size() == 1);
  CHECK(layout.stigs[0].id == "MS_Exchange_2019_Edge_Server_STIG");

  xccdf::Benchmark plain;
  plain.id = "xccdf_org.example_benchmark_plain";
  plain.title = "Plain";
  plain.version = "1";
  const auto without = written_and_read(plain);
  REQUIRE(output::checklist_layout(without, {}, "", layout, error));
  CHECK(layout.rules == output::ChecklistRules::Benchmark);
  CHECK_FALSE(output::checklist_layout(without, {}, "stig", layout, error));
  CHECK(error ==
        "--checklist stig: xccdf_org.example_benchmark_plain was not compiled from a DISA STIG; name the STIG with "
        "--stig, or use --checklist benchmark");
}
