#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <pcre2.h>
#include <scapc/pattern.h>

#include <array>
#include <memory>
#include <unordered_map>

namespace scapc::oval::detail {
namespace {

struct Compiled {
  std::unique_ptr<pcre2_code, decltype(&pcre2_code_free)> code{nullptr, pcre2_code_free};
  std::string error;
};

const Compiled& compiled(const std::string& pattern) {
  // One cache per thread: hosts are evaluated in parallel, and a shared map would let one thread
  // see a pattern another is still compiling.
  thread_local std::unordered_map<std::string, Compiled> cache;
  auto [entry, fresh] = cache.try_emplace(pattern);
  if (fresh) {
    int code = 0;
    PCRE2_SIZE offset = 0;
    entry->second.code.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_UTF,
                                           &code, &offset, nullptr));
    if (!entry->second.code) {
      std::array<PCRE2_UCHAR, 256> message{};
      pcre2_get_error_message(code, message.data(), message.size());
      entry->second.error = "invalid pattern '" + pattern + "' at offset " + std::to_string(offset) + ": " +
                            reinterpret_cast<const char*>(message.data());
    }
  }
  return entry->second;
}

Result run(const std::string& subject, const std::string& pattern, std::optional<std::string>* first_group,
           std::string& why) {
  const auto& pcre = compiled(pattern);
  if (!pcre.code) {
    why = pcre.error;
    return Result::Error;
  }
  const std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
      pcre2_match_data_create_from_pattern(pcre.code.get(), nullptr), pcre2_match_data_free);
  const int rc = pcre2_match(pcre.code.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0,
                             data.get(), input::pattern_limits());
  if (rc == PCRE2_ERROR_NOMATCH) return Result::False;
  if (rc < 0) {
    why = "pattern '" + pattern + "' failed on the value (match limit or invalid UTF-8)";
    return Result::Error;
  }
  if (first_group != nullptr) {
    first_group->reset();
    const PCRE2_SIZE* offsets = pcre2_get_ovector_pointer(data.get());
    if (rc > 1 && offsets[2] != PCRE2_UNSET) *first_group = subject.substr(offsets[2], offsets[3] - offsets[2]);
  }
  return Result::True;
}

}  // namespace

Result pattern_match(const std::string& subject, const std::string& pattern, std::string& why) {
  return run(subject, pattern, nullptr, why);
}

Result pattern_capture(const std::string& subject, const std::string& pattern, std::optional<std::string>& first_group,
                       std::string& why) {
  return run(subject, pattern, &first_group, why);
}

}  // namespace scapc::oval::detail
