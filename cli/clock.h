// Times written into outputs: --timestamp, else SOURCE_DATE_EPOCH (reproducible runs), else now.
#pragma once

#include <string>

namespace scapc::cli {

// `given`, else SOURCE_DATE_EPOCH as UTC dateTime, else empty.
std::string fixed_timestamp(const std::string& given);

// fixed_timestamp, else the current UTC time.
std::string timestamp_of(const std::string& given);

}  // namespace scapc::cli
