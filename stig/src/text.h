// Text helpers shared by the STIG readers and the check synthesis.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scapc::stig::detail {

std::string normalize_newlines(std::string_view text);
std::string trim_copy(std::string_view text);
std::string decode_entities(std::string_view text);
std::string lower(std::string_view text);
std::vector<std::string> split_lines(std::string_view text);
// Lines cut into sentences at ". " before a capital letter, each trimmed.
std::vector<std::string> split_sentences(const std::vector<std::string>& lines);
// "A, B ,C" -> {"A", "B", "C"}: the items of a comma-separated list, trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view text);
// 1-based line and column of a byte offset.
void locate(std::string_view text, std::size_t offset, int& line, int& column);

}  // namespace scapc::stig::detail
