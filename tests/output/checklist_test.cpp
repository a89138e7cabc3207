// STIG Viewer checklists: the corpus files written by STIG Viewer, Evaluate-STIG and STIG Manager
// read, written as CKL and CKLB, and read back without losing a status, a finding detail or a
// comment; and the reader's one-line errors.
#include <scapc/checklist.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace scapc;

namespace {

const std::filesystem::path kCorpus = SCAPC_SHARED_DIR "/corpus/checklists";

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

output::Checklist read_any(const std::filesystem::path& path) {
  output::Checklist out;
  std::string error;
  const bool ok = path.extension() == ".ckl" ? output::read_ckl(slurp(path), path.string(), out, error)
                                             : output::read_cklb(slurp(path), path.string(), out, error);
  INFO(error);
  REQUIRE(ok);
  return out;
}

// What a reviewer's work consists of, per rule.
std::vector<std::string> reviews(const output::Checklist& checklist) {
  std::vector<std::string> out;
  for (const auto& stig : checklist.stigs) {
    for (const auto& rule : stig.rules) {
      out.push_back(stig.stig_id + "|" + rule.rule_id + "|" + rule.vuln_num + "|" + rule.status + "|" +
                    rule.finding_details + "|" + rule.comments + "|" + rule.severity_override + "|" +
                    rule.severity_justification);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("corpus checklists round-trip through CKL and CKLB", "[output][checklist]") {
  int files = 0;
  int rules = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    const auto extension = entry.path().extension();
    if (extension != ".ckl" && extension != ".cklb") continue;
    INFO(entry.path().filename().string());
    const auto original = read_any(entry.path());
    REQUIRE_FALSE(original.stigs.empty());
    const auto expected = reviews(original);
    CHECK_FALSE(expected.empty());

    output::Checklist again;
    std::string error;
    REQUIRE(output::read_ckl(output::to_ckl(original), "written.ckl", again, error));
    CHECK(reviews(again) == expected);
    CHECK(again.asset.host_name == original.asset.host_name);
    REQUIRE(output::read_cklb(output::to_cklb(original), "written.cklb", again, error));
    CHECK(reviews(again) == expected);
    CHECK(again.asset.host_fqdn == original.asset.host_fqdn);
    ++files;
    rules += static_cast<int>(expected.size());
  }
  CHECK(files == 7);
  CHECK(rules > 100);
}

TEST_CASE("the CKL and CKLB of one checklist agree", "[output][checklist]") {
  const auto ckl = read_any(kCorpus / "Asset_a-multi-stig.ckl");
  const auto cklb = read_any(kCorpus / "Asset_a-multi-stig.cklb");
  REQUIRE(ckl.stigs.size() == cklb.stigs.size());
  for (std::size_t i = 0; i < ckl.stigs.size(); ++i) {
    REQUIRE(ckl.stigs[i].rules.size() == cklb.stigs[i].rules.size());
    for (std::size_t j = 0; j < ckl.stigs[i].rules.size(); ++j) {
      CHECK(ckl.stigs[i].rules[j].status == cklb.stigs[i].rules[j].status);
      CHECK(ckl.stigs[i].rules[j].rule_id == cklb.stigs[i].rules[j].rule_id);
    }
  }
}

TEST_CASE("status words map as STIG Manager's table says", "[output][checklist]") {
  using xccdf::RuleResult;
  CHECK(output::ckl_status(RuleResult::Pass) == "NotAFinding");
  CHECK(output::ckl_status(RuleResult::Fixed) == "NotAFinding");
  CHECK(output::ckl_status(RuleResult::Fail) == "Open");
  CHECK(output::ckl_status(RuleResult::NotApplicable) == "Not_Applicable");
  for (const auto other : {RuleResult::Error, RuleResult::Unknown, RuleResult::NotChecked, RuleResult::NotSelected,
                           RuleResult::Informational}) {
    CHECK(output::ckl_status(other) == "Not_Reviewed");
  }
}

TEST_CASE("checklists that do not read say why, with file and position", "[output][checklist]") {
  output::Checklist out;
  std::string error;
  CHECK_FALSE(output::read_ckl("<CHECKLIST>\n<STIGS>\n</CHECKLIST>", "a.ckl", out, error));
  CHECK(error == "a.ckl:3: not well-formed XML: Start-end tags mismatch");
  CHECK_FALSE(output::read_ckl("<STIGS/>", "b.ckl", out, error));
  CHECK(error == "b.ckl:1: not a CKL checklist (no CHECKLIST root)");
  CHECK_FALSE(
      output::read_ckl("<CHECKLIST><STIGS><iSTIG><VULN>\n<STATUS>Passed</STATUS></VULN></iSTIG></STIGS></CHECKLIST>",
                       "c.ckl", out, error));
  CHECK(error == "c.ckl:2: STATUS 'Passed' is not NotAFinding, Open, Not_Applicable or Not_Reviewed");
  CHECK_FALSE(output::read_cklb(R"({"stigs": [{"rules": [{"status": "pass"}]}]})", "d.cklb", out, error));
  CHECK(error == "d.cklb:/stigs/0/rules/0/status: 'pass' is not not_a_finding, open, not_applicable or not_reviewed");
  CHECK_FALSE(output::read_cklb(R"({"target_data": {}})", "e.cklb", out, error));
  CHECK(error == "e.cklb:/stigs: not a CKLB checklist (no stigs array)");
}
