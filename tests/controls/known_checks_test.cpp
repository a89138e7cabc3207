// The project's checks for EDCA's controls (controls/edca), joined to EDCA's own catalog by id.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "test_support.h"

using namespace scapc;

namespace {

controls::Catalog edca_joined(controls::Diagnostics& diagnostics) {
  auto loaded = controls::load_catalog(test::shared_dir() + "/corpus/controls/controls.json");
  REQUIRE(loaded.ok());
  controls::join_known_checks(loaded.catalog, diagnostics);
  return std::move(loaded.catalog);
}

const controls::Control& control_of(const controls::Catalog& catalog, const std::string& id) {
  const auto found = std::find_if(catalog.controls.begin(), catalog.controls.end(),
                                  [&](const controls::Control& c) { return c.id == id; });
  REQUIRE(found != catalog.controls.end());
  return *found;
}

}  // namespace

TEST_CASE("EDCA's catalog gets the project's checks by control id", "[controls][known]") {
  controls::Diagnostics diagnostics;
  const auto catalog = edca_joined(diagnostics);
  for (const auto& diagnostic : diagnostics.items()) UNSCOPED_INFO(controls::format(diagnostic));
  CHECK(diagnostics.items().empty());

  const auto& tls = control_of(catalog, "EDCA-DATA-005");
  REQUIRE(tls.check.has_value());
  CHECK(tls.known_check == "controls/edca/EDCA-DATA-005.json");
  CHECK(tls.check->kind == controls::Check::Kind::AllOf);
  CHECK(tls.check->children.front().query.data == controls::DataKind::Registry);

  const auto& procedural = control_of(catalog, "EDCA-GOV-011");
  CHECK_FALSE(procedural.check.has_value());
  CHECK_FALSE(procedural.manual_reason.empty());

  // Every file names a control of EDCA's catalog, once; informational controls stay unchecked.
  std::set<std::string> ids;
  for (const auto& control : catalog.controls) ids.insert(control.id);
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/controls/edca")) {
    const auto id = entry.path().stem().string();
    INFO(id);
    CHECK(ids.contains(id));
  }
  int checked = 0;
  for (const auto& control : catalog.controls) {
    INFO(control.id);
    if (!control.verify) CHECK_FALSE(control.check.has_value());
    // Every verifiable control is checked, or says why not (docs/edca-coverage.md).
    if (control.verify) CHECK((control.check.has_value() || !control.manual_reason.empty()));
    checked += control.check.has_value() ? 1 : 0;
  }
  CHECK(checked >= 132);
}

TEST_CASE("a control's own check stands over the project's", "[controls][known]") {
  auto loaded = controls::load_catalog_text(R"([{"id": "EDCA-DATA-005", "title": "t", "description": "d",
      "category": "c", "severity": "High", "severityWeight": 8, "frameworks": ["CIS"], "roles": ["Mailbox"],
      "check": {"cmdlet": "Get-ExchangeServer", "condition": {"property": "Name", "op": "notEmpty"}}}])",
                                            "own.json");
  REQUIRE(loaded.ok());
  controls::Diagnostics diagnostics;
  controls::join_known_checks(loaded.catalog, diagnostics);
  const auto& control = loaded.catalog.controls.front();
  REQUIRE(control.check.has_value());
  CHECK(control.check->query.cmdlet == "Get-ExchangeServer");
  CHECK(control.known_check.empty());
}
