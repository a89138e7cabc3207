#include "evidence.h"

#include <scapc/exchange_scope.h>
#include <scapc/input.h>

#include <algorithm>
#include <cctype>

namespace scapc::check {
namespace {

// Enough to show which connector failed on any real server, short enough to stay readable.
constexpr std::size_t kItemsShown = 25;
constexpr std::size_t kMessagesShown = 25;
constexpr std::size_t kMessageShown = 1024;  // bytes of one message

// Whether an invocation key ("get-service -name msexchangepop3*") runs the cmdlet ("Get-Service").
bool runs(const std::string& invocation, const std::string& cmdlet) {
  if (invocation.size() < cmdlet.size() ||
      !std::equal(cmdlet.begin(), cmdlet.end(), invocation.begin(),
                  [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
    return false;
  }
  return invocation.size() == cmdlet.size() || invocation[cmdlet.size()] == ' ';
}

// The cmdlet's scope as Exchange defines it; for a cmdlet the table does not know, as the bundle
// recorded it for that invocation (a collector of other content may know it), else Unknown.
oval::CmdletScope scope_of(const oval::TestEvidence& test, const Host& host) {
  const auto known = oval::scope_of(test.cmdlet).scope;
  if (known != oval::CmdletScope::Unknown) return known;
  for (const auto& [invocation, recorded] : host.scopes) {
    if (!runs(invocation, test.cmdlet)) continue;
    oval::CmdletScope scope{};
    if (oval::parse_scope(recorded, scope)) return scope;
  }
  return oval::CmdletScope::Unknown;
}

// Whose objects the test read.
std::string whose(const oval::TestEvidence& test, const Host& host) {
  if (test.cmdlet.empty()) return {};
  switch (scope_of(test, host)) {
    case oval::CmdletScope::Organization:
      return " (" + test.cmdlet + ": organisation-wide, the same for every server)";
    case oval::CmdletScope::Server:
      return " (" + test.cmdlet + ": this server's objects only)";
    case oval::CmdletScope::Local:
    case oval::CmdletScope::Unknown:
      break;
  }
  return {};
}

// What the collector recorded when the test's cmdlet failed, cut to a readable length.
std::string why_collecting_failed(const oval::TestEvidence& test, const Host& host) {
  std::string reasons;
  for (const auto& [invocation, why] : host.failed) {
    if (test.cmdlet.empty() || !runs(invocation, test.cmdlet)) continue;
    reasons += (reasons.empty() ? ": " : "; ") + (why.empty() ? invocation + " recorded no reason" : why);
  }
  return input::cut_text(reasons, kMessageShown);
}

std::string test_line(const oval::TestEvidence& test, const Host& host) {
  std::string line = "test " + test.test_id + " is " + oval::to_string(test.result) + whose(test, host) + ": ";
  if (test.items.empty()) {
    if (test.object_flag == "does not exist") return line + "no objects (none returned, or none matched the filter)";
    // A test without a state compares nothing: its object's items only had to exist.
    if (test.object_flag == "complete" && test.object_items > 0)
      return line + std::to_string(test.object_items) + (test.object_items == 1 ? " object exists" : " objects exist");
    if (test.object_flag == "complete") return line + "no objects matched";
    if (test.object_flag == "not collected") return line + "the data was not collected";
    if (test.object_flag == "error") return line + "collecting the data failed" + why_collecting_failed(test, host);
    return line + "no objects examined (" + test.object_flag + ")";
  }
  const auto count = std::max(test.items_tested, test.items.size());
  line += std::to_string(count) + (count == 1 ? " object" : " objects");
  // "4000 objects, 3 false: [false] …": how many decided the result, when not all did; they are
  // listed first.
  if (test.items_deciding > 0 && test.items_deciding < count) {
    line += ", " + std::to_string(test.items_deciding) + " " + oval::to_string(test.deciding);
  }
  line += ": ";
  for (std::size_t i = 0; i < test.items.size(); ++i) {
    if (i > 0) line += "; ";
    line += "[" + std::string(oval::to_string(test.items[i].second)) + "] " + test.items[i].first;
  }
  if (count > test.items.size()) line += "; … " + std::to_string(count - test.items.size()) + " more";
  return line;
}

}  // namespace

Evidence definition_evidence(const oval::DefinitionsDocument& definitions, const oval::SystemCharacteristics& system,
                             const oval::Analysis& analysis, const std::string& definition_id, const Host& host) {
  Evidence out;
  auto& lines = out.lines;
  const auto result = analysis.definitions.find(definition_id);
  lines.push_back("OVAL definition " + definition_id + " is " +
                  (result == analysis.definitions.end() ? "not evaluated" : oval::to_string(result->second)));
  const auto tests = oval::evidence(definitions, system, analysis, definition_id, kItemsShown);
  out.organization_wide = !tests.empty();
  for (const auto& test : tests) {
    lines.push_back(test_line(test, host));
    out.organization_wide =
        out.organization_wide && !test.cmdlet.empty() && scope_of(test, host) == oval::CmdletScope::Organization;
  }
  // The analysis's messages about these tests: the first few, each cut to a readable length. A
  // message per item of a large object would otherwise be repeated in every rule.
  std::size_t left_out = 0;
  for (const auto& message : analysis.messages) {
    for (const auto& test : tests) {
      if (message.compare(0, test.test_id.size() + 1, test.test_id + ":") != 0) continue;
      if (lines.size() - tests.size() - 1 >= kMessagesShown) {
        ++left_out;
      } else {
        lines.push_back(input::cut_text(message, kMessageShown));
      }
      break;
    }
  }
  if (left_out > 0) lines.push_back("… " + std::to_string(left_out) + " more messages about these tests");
  return out;
}

}  // namespace scapc::check
