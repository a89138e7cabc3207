#include "text_files.h"

#include <scapc/input.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace scapc::check {

bool read_text_file(const std::string& path, std::string& out, std::string& error) {
  return input::read_file(path, out, error);
}

std::string position(std::string_view text, std::ptrdiff_t offset, const std::string& name) {
  return name + ":" + std::to_string(xml::line_at(text, offset));
}

bool parse_xml(std::string_view text, const std::string& name, pugi::xml_document& out, std::string& error) {
  return input::parse_xml(text, name, out, error);
}

}  // namespace scapc::check
