// DISA's registry blocks and audit policy statements read as checks: the labeled Windows Server 2016 rules
// (tests/stig/fixtures/labeled-registry-rules.json) come out exactly as labeled, and every rule the
// reader automates reads the one value its text names.
#include <scapc/stig.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace scapc;

namespace {

stig::Benchmark windows_server_2016() {
  controls::Diagnostics diagnostics;
  auto benchmark = stig::read(std::string(SCAPC_SHARED_DIR) +
                                  "/corpus/stig-more/U_MS_Windows_Server_2016_STIG_V2R10_Manual-xccdf.xml",
                              diagnostics);
  REQUIRE(benchmark.has_value());
  return std::move(*benchmark);
}

}  // namespace

TEST_CASE("registry blocks of the labeled Windows Server rules", "[stig][registry]") {
  std::ifstream file(SCAPC_SOURCE_DIR "/tests/stig/fixtures/labeled-registry-rules.json");
  const auto labels = nlohmann::json::parse(file);
  const auto benchmark = windows_server_2016();
  int seen = 0;
  for (const auto& rule : benchmark.rules) {
    if (!labels.contains(rule.stig_id)) continue;
    ++seen;
    const auto& label = labels[rule.stig_id];
    const auto synthesis = stig::synthesize(rule);
    INFO(rule.stig_id << ": " << synthesis.reason);
    if (label.contains("manual")) {
      CHECK_FALSE(synthesis.check.has_value());
      CHECK(synthesis.reason.find(label["manual"].get<std::string>()) != std::string::npos);
      continue;
    }
    REQUIRE(synthesis.check.has_value());
    const auto& query = synthesis.check->query;
    if (label.contains("audit")) {  // "Category >> Subcategory - Success": that outcome, or both
      CHECK(query.data == controls::DataKind::AuditPolicy);
      REQUIRE(query.condition.has_value());
      CHECK(query.condition->property == label["audit"].get<std::string>());
      CHECK(query.condition->op == controls::Op::In);
      REQUIRE(query.condition->values.size() == 2);
      CHECK(query.condition->values[0].text == label["outcome"].get<std::string>());
      CHECK(query.condition->values[1].text == "AUDIT_SUCCESS_FAILURE");
      continue;
    }
    CHECK(query.data == controls::DataKind::Registry);
    REQUIRE(query.entities.size() == 3);
    CHECK(query.entities[0].value == "HKEY_LOCAL_MACHINE");
    CHECK(query.entities[1].value == label["key"].get<std::string>());
    CHECK(query.entities[2].value == label["name"].get<std::string>());
    REQUIRE(query.condition.has_value());
    CHECK(controls::describe(*query.condition) == label["condition"].get<std::string>());
    CHECK(query.on_empty ==
          (label["missing"] == "pass" ? controls::EmptyResult::Pass : controls::EmptyResult::Fail));
  }
  CHECK(seen == static_cast<int>(labels.size()) - 1);
}

TEST_CASE("every automated registry rule reads the one value its text names", "[stig][registry]") {
  const auto benchmark = windows_server_2016();
  int automated = 0;
  for (const auto& rule : benchmark.rules) {
    const auto synthesis = stig::synthesize(rule);
    if (!synthesis.check || synthesis.check->query.data != controls::DataKind::Registry) continue;
    ++automated;
    INFO(rule.stig_id);
    const auto& entities = synthesis.check->query.entities;
    CHECK(rule.check_text.find(entities[1].value) != std::string::npos);
    const auto name_line = rule.check_text.find("Value Name:");
    REQUIRE(name_line != std::string::npos);
    const auto line_end = rule.check_text.find('\n', name_line);
    CHECK(rule.check_text.substr(name_line, line_end - name_line).find(entities[2].value) != std::string::npos);
    // One block only: the same value name is not followed by another.
    CHECK(rule.check_text.find("Value Name:", rule.check_text.find("Value Name:") + 1) == std::string::npos);
  }
  CHECK(automated >= 70);
}

TEST_CASE("audit policy statements of the Windows Server STIG", "[stig][registry]") {
  const auto benchmark = windows_server_2016();
  int automated = 0;
  for (const auto& rule : benchmark.rules) {
    const auto synthesis = stig::synthesize(rule);
    if (synthesis.check && synthesis.check->query.data == controls::DataKind::AuditPolicy) ++automated;
  }
  CHECK(automated == 30);  // 36 statements: 4 apply to domain controllers only, 2 allow judgment
}
