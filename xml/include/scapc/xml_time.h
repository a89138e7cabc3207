// Times as SCAP documents write them: xsd:dateTime in UTC without a zone suffix
// ("2026-01-01T00:00:00"), as oscap writes start-time and end-time.
#pragma once

#include <array>
#include <chrono>
#include <ctime>
#include <string>

namespace scapc::xml {

inline std::string date_time(std::time_t seconds) {
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
  return text.data();
}

inline std::string date_time_now() {
  return date_time(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

}  // namespace scapc::xml
