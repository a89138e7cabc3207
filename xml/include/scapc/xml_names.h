// Small pugixml helpers every reader and writer shares: SCAP documents use whatever namespace
// prefixes their authors chose, so elements are matched by local name.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace scapc::xml {

// "xccdf-1.2:Rule" -> "Rule".
inline std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
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

// A new child element holding `text`.
inline pugi::xml_node append_text(pugi::xml_node parent, const char* name, const std::string& text) {
  auto node = parent.append_child(name);
  node.text().set(text.c_str());
  return node;
}

}  // namespace scapc::xml
