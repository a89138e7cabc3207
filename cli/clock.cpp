#include "clock.h"

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>

namespace scapc::cli {
namespace {

std::string utc_text(std::time_t seconds) {
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
  return text.data();
}

}  // namespace

std::string fixed_timestamp(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == '\0' && value >= 0) return utc_text(static_cast<std::time_t>(value));
  }
  return {};
}

std::string timestamp_of(const std::string& given) {
  auto fixed = fixed_timestamp(given);
  return fixed.empty() ? utc_text(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())) : fixed;
}

}  // namespace scapc::cli
