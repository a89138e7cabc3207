#include <algorithm>
#include <cctype>
#include <cstring>

#include "scapc/input.h"
#include "scapc/xml_names.h"
#include "xml_checks.h"

namespace scapc::input {
namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The encoding named in the XML declaration, lower-cased; empty when there is none.
std::string declared_encoding(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.substr(0, 5) != "<?xml") return {};
  const auto declaration = text.substr(0, text.find("?>"));
  const auto key = declaration.find("encoding");
  if (key == std::string_view::npos) return {};
  const auto quote = declaration.find_first_of("\"'", key);
  if (quote == std::string_view::npos) return {};
  const auto end = declaration.find(declaration[quote], quote + 1);
  if (end == std::string_view::npos) return {};
  return lowered(declaration.substr(quote + 1, end - quote - 1));
}

// pugixml reads UTF-16/32 (by byte order mark or by the zero bytes around the first '<') and
// Latin-1 (by declaration) itself; every other document it takes as UTF-8, unchecked.
bool read_as_utf8(std::string_view text, const std::string& encoding) {
  if (text.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(text[0]);
    const auto b1 = static_cast<unsigned char>(text[1]);
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE) || b0 == 0 || b1 == 0) return false;
  }
  return encoding != "iso-8859-1" && encoding != "latin1";
}

// Offsets into a converted UTF-16 document do not count the file's own bytes.
int line_of(std::string_view text, std::ptrdiff_t offset, bool utf8) {
  return utf8 ? xml::line_at(text, offset) : 0;
}

// What pugixml lets through that XML forbids, found on one walk of the tree (without recursion,
// since depth is one of them): elements nested deeper than kMaxNesting, an attribute given twice on
// one element, and (when the text refers to characters by number) a character reference to a
// character XML does not allow, such as &#1;. libxml2 and so `scapc validate` refuse all three.
struct TreeFault {
  pugi::xml_node at;
  std::string reason;
};

std::string repeated_attribute(const pugi::xml_node& element) {
  for (auto attribute = element.first_attribute(); !attribute.empty(); attribute = attribute.next_attribute()) {
    for (auto later = attribute.next_attribute(); !later.empty(); later = later.next_attribute()) {
      if (std::strcmp(attribute.name(), later.name()) == 0) return attribute.name();
    }
  }
  return {};
}

bool holds_forbidden_character(const pugi::xml_node& node) {
  if (node.type() != pugi::node_element) return holds_non_xml_text(node.value());
  for (auto attribute = node.first_attribute(); !attribute.empty(); attribute = attribute.next_attribute()) {
    if (holds_non_xml_text(attribute.value())) return true;
  }
  return false;
}

TreeFault tree_fault(const pugi::xml_document& document, bool character_references) {
  int depth = 1;
  auto node = document.first_child();
  while (!node.empty()) {
    if (node.type() == pugi::node_element) {
      if (depth > kMaxNesting) return {node, "elements nested more than " + std::to_string(kMaxNesting) + " deep"};
      if (const auto name = repeated_attribute(node); !name.empty()) {
        return {node, "attribute '" + name + "' given twice on one element"};
      }
    }
    if (character_references && holds_forbidden_character(node)) {
      return {node, "a character reference to a character XML does not allow (such as &#1;)"};
    }
    if (!node.first_child().empty()) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (!node.empty() && node.next_sibling().empty()) {
      node = node.parent();
      --depth;
    }
    if (!node.empty()) node = node.next_sibling();
  }
  return {};
}

}  // namespace

std::string describe(const std::string& name, const XmlError& error) {
  return name + (error.line > 0 ? ":" + std::to_string(error.line) : std::string()) + ": " + error.reason;
}

namespace detail {

bool refers_by_number(std::string_view text) {
  return text.find("&#") != std::string_view::npos;
}

bool check_text(std::string_view text, bool& utf8, Fault& fault) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    fault = {-1, "the file is empty"};
    return false;
  }
  const std::string encoding = declared_encoding(text);
  utf8 = read_as_utf8(text, encoding);
  if (!utf8) return true;
  const auto found = find_text_fault(text, true);
  if (found.offset == std::string_view::npos) return true;
  const bool declared_other = !encoding.empty() && encoding != "utf-8" && encoding != "utf8" && encoding != "us-ascii";
  fault = {static_cast<std::ptrdiff_t>(found.offset),
           found.reason +
               (declared_other ? " (the document declares encoding '" + encoding + "', which is read as UTF-8)" : "")};
  return false;
}

bool check_parsed(const pugi::xml_parse_result& parsed, const pugi::xml_document& document, std::string_view text,
                  bool character_references, Fault& fault) {
  if (!parsed) {
    fault = {parsed.offset, std::string("not well-formed XML: ") + parsed.description()};
    return false;
  }
  for (const auto& node : document.children()) {
    if (node.type() != pugi::node_doctype) continue;
    const auto at = text.find("<!DOCTYPE");
    fault = {at == std::string_view::npos ? 0 : static_cast<std::ptrdiff_t>(at),
             "a DOCTYPE is not accepted (SCAP documents need none, and its entities and external DTD would never "
             "be loaded)"};
    return false;
  }
  if (!document.document_element()) {
    fault = {-1, "no root element"};
    return false;
  }
  if (const auto found = tree_fault(document, character_references); !found.at.empty()) {
    fault = {found.at.offset_debug(), found.reason};
    return false;
  }
  return true;
}

}  // namespace detail

bool parse_xml(std::string_view text, pugi::xml_document& out, XmlError& error) {
  bool utf8 = true;
  detail::Fault fault;
  if (detail::check_text(text, utf8, fault)) {
    const auto parsed =
        out.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
    if (detail::check_parsed(parsed, out, text, detail::refers_by_number(text), fault)) return true;
  }
  error = {fault.offset < 0 ? 0 : line_of(text, fault.offset, utf8), fault.reason};
  return false;
}

bool parse_xml(std::string_view text, const std::string& name, pugi::xml_document& out, std::string& error) {
  XmlError fault;
  if (parse_xml(text, out, fault)) return true;
  error = describe(name, fault);
  return false;
}

bool parse_xml_in_place(std::string& text, const std::string& name, pugi::xml_document& out, std::string& error,
                        unsigned options) {
  bool utf8 = true;
  detail::Fault fault;
  if (!detail::check_text(text, utf8, fault) || !utf8) {
    if (fault.reason.empty()) return parse_xml(text, name, out, error);  // not UTF-8: pugixml converts a copy
    error = describe(name, {fault.offset < 0 ? 0 : line_of(text, fault.offset, utf8), fault.reason});
    return false;
  }
  const bool references = detail::refers_by_number(text);
  const auto parsed = out.load_buffer_inplace(text.data(), text.size(),
                                              pugi::parse_default | pugi::parse_doctype | options, pugi::encoding_utf8);
  if (detail::check_parsed(parsed, out, text, references, fault)) return true;
  // Parsing moved the text about: the place is its element's offset, without a line.
  error = describe(name, {0, fault.reason});
  return false;
}

}  // namespace scapc::input
