// Small pugixml helpers every reader and writer shares: SCAP documents use whatever namespace
// prefixes their authors chose, so elements are matched by local name.
#pragma once

#include <algorithm>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace scapc::xml {

// Serialization straight into a string (pugixml's ostream path costs a copy and a locale per call).
struct StringWriter : pugi::xml_writer {
  std::string& out;
  explicit StringWriter(std::string& text) : out(text) {}
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// "xccdf-1.2:Rule" -> "Rule", of an element's or an attribute's qualified name.
inline std::string_view local_part(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}
inline std::string_view local_name(const pugi::xml_node& node) {
  return local_part(node.name());
}

// The namespace URI of an element: its prefix's declaration, looked up through the ancestors.
inline std::string namespace_uri(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  const std::string attribute =
      colon == std::string_view::npos ? std::string("xmlns") : "xmlns:" + std::string(name.substr(0, colon));
  for (auto scope = node; scope; scope = scope.parent()) {
    if (const auto declared = scope.attribute(attribute.c_str())) return declared.value();
  }
  return {};
}

// The first child element with that local name.
inline pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (const auto& c : node.children()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

// `copy` (of `original`, placed elsewhere) gets the namespace declarations `original` inherited
// from its ancestors, so it stays a document of its own (a component taken out of a data stream).
inline void inherit_namespaces(pugi::xml_node copy, const pugi::xml_node& original) {
  for (auto ancestor = original.parent(); !ancestor.empty(); ancestor = ancestor.parent()) {
    for (const auto& attribute : ancestor.attributes()) {
      const std::string_view name = attribute.name();
      if (name.substr(0, 5) == "xmlns" && copy.attribute(attribute.name()).empty()) {
        copy.append_attribute(attribute.name()) = attribute.value();
      }
    }
  }
}

// The 1-based line of a byte offset into `text` (pugixml reports offsets), for "file:line" errors.
inline int line_at(std::string_view text, std::ptrdiff_t offset) {
  int line = 1;
  const auto end = offset < 0 ? 0 : std::min(static_cast<std::size_t>(offset), text.size());
  for (std::size_t i = 0; i < end; ++i) line += text[i] == '\n' ? 1 : 0;
  return line;
}

// A new child element holding `text`.
inline pugi::xml_node append_text(pugi::xml_node parent, const char* name, const std::string& text) {
  auto node = parent.append_child(name);
  node.text().set(text.c_str());
  return node;
}

}  // namespace scapc::xml
