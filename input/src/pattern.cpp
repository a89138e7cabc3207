#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <scapc/pattern.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace scapc::input {
namespace {

constexpr std::size_t kUnset = PCRE2_UNSET;

}  // namespace

pcre2_match_context* pattern_limits() {
  static pcre2_match_context* const context = [] {
    auto* c = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(c, 1'000'000);
    pcre2_set_depth_limit(c, 10'000);
    return c;
  }();
  return context;
}

bool Match::matched(std::size_t group) const {
  return 2 * group + 1 < offsets_.size() && offsets_[2 * group] != kUnset;
}

std::string_view Match::view(std::size_t group) const {
  if (!matched(group)) return {};
  return subject_.substr(offsets_[2 * group], offsets_[2 * group + 1] - offsets_[2 * group]);
}

Pattern::Pattern(const char* pattern, Case letter_case) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  const std::uint32_t options = PCRE2_DOLLAR_ENDONLY | (letter_case == Case::Ignored ? PCRE2_CASELESS : 0U);
  // CR is a line break too, as for std::regex's '.': STIG text from Windows keeps its CRs.
  const std::unique_ptr<pcre2_compile_context, decltype(&pcre2_compile_context_free)> context(
      pcre2_compile_context_create(nullptr), pcre2_compile_context_free);
  if (context) pcre2_set_newline(context.get(), PCRE2_NEWLINE_ANYCRLF);
  code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern), PCRE2_ZERO_TERMINATED, options, &error, &offset,
                        context.get());
  if (code_ == nullptr) {
    // The patterns are the program's own: one that does not compile is a bug, found by any test.
    std::fprintf(stderr, "scapc: internal error: pattern '%s' does not compile (offset %zu)\n", pattern, offset);
    std::abort();
  }
}

Pattern::~Pattern() {
  pcre2_code_free(code_);
}

bool Pattern::run(std::string_view subject, Match* match, std::size_t start, unsigned options) const {
  const std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
      pcre2_match_data_create_from_pattern(code_, nullptr), pcre2_match_data_free);
  if (!data) return false;
  const int rc = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start, options,
                             data.get(), pattern_limits());
  if (rc < 0) return false;  // no match, or out of the limits
  if (match != nullptr) {
    const PCRE2_SIZE* offsets = pcre2_get_ovector_pointer(data.get());
    const std::size_t groups = pcre2_get_ovector_count(data.get());
    match->subject_ = subject;
    match->offsets_.assign(offsets, offsets + 2 * groups);
    // Pairs past the last group that took part are not promised to be set; they did not take part.
    for (std::size_t i = 2 * static_cast<std::size_t>(rc); i < match->offsets_.size(); ++i) match->offsets_[i] = kUnset;
  }
  return true;
}

bool Pattern::matches(std::string_view subject) const {
  return run(subject, nullptr, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
}

bool Pattern::matches(std::string_view subject, Match& match) const {
  return run(subject, &match, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
}

bool Pattern::finds(std::string_view subject) const {
  return run(subject, nullptr, 0, 0);
}

bool Pattern::finds(std::string_view subject, Match& match, std::size_t start, bool anchored) const {
  return run(subject, &match, start, anchored ? PCRE2_ANCHORED : 0U);
}

std::string Pattern::replace_all(std::string_view subject, std::string_view with) const {
  std::string out;
  std::size_t copied = 0;
  each(subject, [&](const Match& match) {
    out.append(subject.substr(copied, match.begin() - copied)).append(with);
    copied = match.end();
  });
  return out.append(subject.substr(copied));
}

std::vector<std::string> Pattern::all(std::string_view subject, std::size_t group) const {
  std::vector<std::string> out;
  each(subject, [&](const Match& match) { out.push_back(match.str(group)); });
  return out;
}

}  // namespace scapc::input
