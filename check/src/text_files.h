// Reading input files whole, and parsing XML with errors that name the file and line.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace scapc::check {

bool read_text_file(const std::string& path, std::string& out, std::string& error);

// Through scapc_input, so the limits on size, encoding, DOCTYPEs and nesting hold here too.
bool parse_xml(std::string_view text, const std::string& name, pugi::xml_document& out, std::string& error);

// "name:line" for a byte offset into `text`.
std::string position(std::string_view text, std::ptrdiff_t offset, const std::string& name);

}  // namespace scapc::check
