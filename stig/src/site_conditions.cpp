// "This is not applicable for SIPR enclaves": the conditions a STIG's text names under which a rule
// does not apply. Each known phrasing maps to one site condition; a "not applicable" sentence of
// any other shape is reported, so that an automated check never ignores an exception it did not read.
#include "site_conditions.h"

#include <scapc/input.h>
#include <scapc/pattern.h>

#include <algorithm>
#include <array>
#include <memory>

#include "text.h"

namespace scapc::stig::detail {
namespace {

using controls::SiteCondition;

struct Phrasing {
  SiteCondition condition;
  const char* pattern;
};

// Each pattern is searched in a sentence that already says "not applicable".
const std::array<Phrasing, 6> kPhrasings{{
    {SiteCondition::SiprEnclave, R"(\bSIPR|classified or (completely )?closed network)"},
    {SiteCondition::EmailGateway,
     R"(EEMSG|email (security )?gateway|anti-?spam product|email sanitization|enterprise protections for email)"},
    {SiteCondition::ThirdPartyMonitoring, R"(third-party application is performing monitoring)"},
    {SiteCondition::NoAutoForwarding, R"(auto-?forwarding is not (being )?used)"},
    {SiteCondition::NoServiceProvider, R"(not using a service provider)"},
    {SiteCondition::NoPublicFolders, R"(public folders are not used)"},
}};

// Sentences, split at ". " and line ends: DISA writes each condition as a sentence or a note line.
std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& line : split_lines(text)) {
    std::size_t start = 0;
    while (start < line.size()) {
      auto end = line.find(". ", start);
      if (end == std::string::npos) end = line.size();
      const auto sentence = trim_copy(std::string_view(line).substr(start, end - start));
      if (!sentence.empty()) out.push_back(sentence);
      start = end + 2;
    }
  }
  return out;
}

}  // namespace

SiteConditions site_conditions_of(const controls::StigRule& rule) {
  static const input::Pattern not_applicable(R"(not applicable|\(NA\))", input::Pattern::Case::Ignored);
  // "This requirement is N/A for SIPR enclaves", "this check is NA": capitals only, so that no word
  // containing "na" counts.
  static const input::Pattern abbreviated(R"(\bN/?A\b)", input::Pattern::Case::Sensitive);
  static const auto patterns = [] {
    std::vector<std::unique_ptr<input::Pattern>> out;
    out.reserve(kPhrasings.size());
    for (const auto& phrasing : kPhrasings) {
      out.push_back(std::make_unique<input::Pattern>(phrasing.pattern, input::Pattern::Case::Ignored));
    }
    return out;
  }();
  SiteConditions found;
  for (const auto* text : {&rule.check_text, &rule.discussion}) {
    for (const auto& sentence : sentences_of(*text)) {
      if (!input::regex_safe(sentence) || !(not_applicable.finds(sentence) || abbreviated.finds(sentence))) continue;
      bool known = false;
      for (std::size_t i = 0; i < kPhrasings.size(); ++i) {
        if (!patterns[i]->finds(sentence)) continue;
        known = true;
        const auto condition = kPhrasings[i].condition;
        if (std::find(found.conditions.begin(), found.conditions.end(), condition) == found.conditions.end()) {
          found.conditions.push_back(condition);
        }
      }
      if (!known && found.unread.empty()) found.unread = sentence;
    }
  }
  return found;
}

}  // namespace scapc::stig::detail
