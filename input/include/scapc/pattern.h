// The program's own fixed patterns (the STIG readers', id checks), compiled once with PCRE2.
// std::regex did the same work at several times the cost: building the patterns alone was a fifth
// of compiling a STIG (callgrind). Patterns that come from content are oval/src/pattern.h's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

struct pcre2_real_code_8;
struct pcre2_real_match_context_8;

namespace scapc::input {

// The match and depth limits every PCRE2 match in the program runs under, content patterns too:
// far above what a value or a line of check text needs, low enough that a backtracking explosion
// ends within milliseconds. Shared by all threads; PCRE2 only reads it.
pcre2_real_match_context_8* pattern_limits();

// Where a pattern matched in its subject: group 0 is the whole match.
class Match {
 public:
  [[nodiscard]] bool matched(std::size_t group) const;
  [[nodiscard]] std::string_view view(std::size_t group) const;  // empty when the group did not take part
  [[nodiscard]] std::string str(std::size_t group) const { return std::string(view(group)); }
  [[nodiscard]] std::size_t begin() const { return offsets_.empty() ? 0 : offsets_[0]; }
  [[nodiscard]] std::size_t end() const { return offsets_.size() < 2 ? 0 : offsets_[1]; }

 private:
  friend class Pattern;
  std::string_view subject_;
  std::vector<std::size_t> offsets_;  // begin, end per group; kUnset when a group did not take part
};

// Byte semantics, as std::regex on char: '.' stops at CR and LF, '$' only at the end, ignoring
// case is ASCII only. A subject that runs out of the match limits counts as not matching: the
// patterns are fixed and the subjects are lines of STIG text, so only hostile input gets there.
class Pattern {
 public:
  enum class Case { Sensitive, Ignored };
  explicit Pattern(const char* pattern, Case letter_case = Case::Sensitive);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  // The whole subject matches (std::regex_match).
  [[nodiscard]] bool matches(std::string_view subject) const;
  bool matches(std::string_view subject, Match& match) const;
  // A match at or after `start` (std::regex_search); anchored: only one starting at `start`.
  [[nodiscard]] bool finds(std::string_view subject) const;
  bool finds(std::string_view subject, Match& match, std::size_t start = 0, bool anchored = false) const;
  // Every match replaced by `with`, taken literally.
  [[nodiscard]] std::string replace_all(std::string_view subject, std::string_view with) const;
  // The text of `group` in every match, left to right.
  [[nodiscard]] std::vector<std::string> all(std::string_view subject, std::size_t group = 0) const;

 private:
  bool run(std::string_view subject, Match* match, std::size_t start, unsigned options) const;
  // Calls `found` with every match, left to right; an empty match steps on by one byte.
  template <typename Found>
  void each(std::string_view subject, Found found) const {
    Match match;
    for (std::size_t at = 0; at <= subject.size() && finds(subject, match, at);) {
      found(match);
      at = match.end() > match.begin() ? match.end() : match.end() + 1;
    }
  }
  pcre2_real_code_8* code_ = nullptr;
};

}  // namespace scapc::input
