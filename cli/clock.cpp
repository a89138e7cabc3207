#include "clock.h"

#include <scapc/xml_time.h>

#include <cstdlib>

namespace scapc::cli {

std::string fixed_timestamp(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == '\0' && value >= 0) return xml::date_time(static_cast<std::time_t>(value));
  }
  return {};
}

std::string timestamp_of(const std::string& given) {
  auto fixed = fixed_timestamp(given);
  return fixed.empty() ? xml::date_time_now() : fixed;
}

}  // namespace scapc::cli
