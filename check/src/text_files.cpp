#include "text_files.h"

#include <scapc/xml_names.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace scapc::check {

bool read_text_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return false;
  out = std::move(text).str();
  return true;
}

std::string position(std::string_view text, std::ptrdiff_t offset, const std::string& name) {
  return name + ":" + std::to_string(xml::line_at(text, offset));
}

bool parse_xml(std::string_view text, const std::string& name, pugi::xml_document& out, std::string& error) {
  const auto parsed = out.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    error = position(text, parsed.offset, name) + ": not well-formed XML: " + parsed.description();
    return false;
  }
  if (!out.document_element()) {
    error = name + ": no root element";
    return false;
  }
  return true;
}

}  // namespace scapc::check
