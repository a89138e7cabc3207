#include "evidence.h"

namespace scapc::check {
namespace {

// Enough to show which connector failed on any real server, short enough to stay readable.
constexpr std::size_t kItemsShown = 25;

std::string test_line(const oval::TestEvidence& test) {
  std::string line = "test " + test.test_id + " is " + oval::to_string(test.result) + ": ";
  if (test.items.empty()) {
    if (test.object_flag == "does not exist") return line + "no objects (none returned, or none matched the filter)";
    if (test.object_flag == "complete") return line + "no objects matched";
    if (test.object_flag == "not collected") return line + "the data was not collected";
    if (test.object_flag == "error") return line + "collecting the data failed";
    return line + "no objects examined (" + test.object_flag + ")";
  }
  line += std::to_string(test.items.size()) + (test.items.size() == 1 ? " object: " : " objects: ");
  for (std::size_t i = 0; i < test.items.size() && i < kItemsShown; ++i) {
    if (i > 0) line += "; ";
    line += "[" + std::string(oval::to_string(test.items[i].second)) + "] " + test.items[i].first;
  }
  if (test.items.size() > kItemsShown) line += "; … " + std::to_string(test.items.size() - kItemsShown) + " more";
  return line;
}

}  // namespace

std::vector<std::string> definition_evidence(const oval::DefinitionsDocument& definitions,
                                             const oval::SystemCharacteristics& system, const oval::Analysis& analysis,
                                             const std::string& definition_id) {
  std::vector<std::string> lines;
  const auto result = analysis.definitions.find(definition_id);
  lines.push_back("OVAL definition " + definition_id + " is " +
                  (result == analysis.definitions.end() ? "not evaluated" : oval::to_string(result->second)));
  const auto tests = oval::evidence(definitions, system, analysis, definition_id);
  for (const auto& test : tests) lines.push_back(test_line(test));
  for (const auto& message : analysis.messages) {
    for (const auto& test : tests) {
      if (message.compare(0, test.test_id.size() + 1, test.test_id + ":") == 0) {
        lines.push_back(message);
        break;
      }
    }
  }
  return lines;
}

}  // namespace scapc::check
