#include "scapc/controls/known_checks.h"

#include <map>

#include "check_reader.h"
#include "field_reader.h"
#include "json_document.h"
#include "known_checks_data.h"

namespace scapc::controls {
namespace {

using detail::Presence;

// One file of controls/edca: {"id", "basis", "check"} or {"id", "basis", "manual"}.
struct KnownCheck {
  std::string path;
  nlohmann::json document;
};

std::map<std::string, KnownCheck> read_known(Diagnostics& diagnostics) {
  std::map<std::string, KnownCheck> out;
  for (const auto& file : detail::known_check_files()) {
    const std::string path(file.path);
    auto document = detail::parse_json(file.text, path, diagnostics);
    if (!document) continue;
    const detail::Source source{path, diagnostics};
    if (!document->is_object()) {
      source.error("", "a known check is an object");
      continue;
    }
    detail::FieldReader fields(source, *document, "");
    fields.reject_unknown({"id", "basis", "check", "manual"}, Diagnostic::Level::Error, "a known check");
    const auto id = fields.string("id", Presence::Required);
    if (!fields.string("basis", Presence::Required)) continue;
    if (document->contains("check") == document->contains("manual")) {
      source.error("", "a known check has exactly one of 'check' and 'manual'");
      continue;
    }
    if (id) out[*id] = {path, std::move(*document)};
  }
  return out;
}

}  // namespace

void join_known_checks(Catalog& catalog, Diagnostics& diagnostics) {
  const auto known = read_known(diagnostics);
  for (auto& control : catalog.controls) {
    const auto found = known.find(control.id);
    if (found == known.end() || control.check || !control.verify) continue;
    const auto& [path, document] = found->second;
    const detail::Source source{path, diagnostics};
    if (document.contains("manual")) {
      control.manual_reason = document["manual"].is_string() ? document["manual"].get<std::string>() : "";
      continue;
    }
    control.check = detail::read_check(source, document["check"], "/check", control.values);
    if (control.check) control.known_check = path;
  }
}

KnownCheckCounts known_check_counts() {
  Diagnostics ignored;
  KnownCheckCounts counts;
  for (const auto& [id, check] : read_known(ignored)) {
    ++(check.document.contains("check") ? counts.checks : counts.explained);
  }
  return counts;
}

}  // namespace scapc::controls
