#include "xml_tree.h"

#include <algorithm>

#include "libxml2.h"

namespace scapc::validation::detail {
namespace {

std::string_view view(const xmlChar* text) {
  return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

const xmlNode* next_element(const xmlNode* node) {
  while (node != nullptr && node->type != XML_ELEMENT_NODE) node = node->next;
  return node;
}

// Takes ownership of a string libxml2 allocated.
std::string adopt(xmlChar* text) {
  if (text == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(text));
  libxml2().free(text);
  return out;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

void collect(const xmlNode* parent, std::string_view namespace_uri, std::string_view local,
             std::vector<const xmlNode*>& out) {
  for (const xmlNode* child : elements(parent)) {
    if (is_element(child, namespace_uri, local)) out.push_back(child);
    collect(child, namespace_uri, local, out);
  }
}

}  // namespace

std::string_view local_name(const xmlNode* node) {
  return view(node->name);
}

std::string_view namespace_uri(const xmlNode* node) {
  return node->ns == nullptr ? std::string_view() : view(node->ns->href);
}

bool is_element(const xmlNode* node, std::string_view uri, std::string_view local) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && local_name(node) == local && namespace_uri(node) == uri;
}

std::string written_name(const xmlNode* node) {
  return written_like(node, local_name(node));
}

std::string written_like(const xmlNode* like, std::string_view local) {
  if (like->ns == nullptr || like->ns->prefix == nullptr) return std::string(local);
  return std::string(view(like->ns->prefix)) + ":" + std::string(local);
}

bool has_attribute(const xmlNode* node, const char* name) {
  return libxml2().xmlHasNsProp(node, reinterpret_cast<const xmlChar*>(name), nullptr) != nullptr;
}

std::string attribute(const xmlNode* node, const char* name) {
  return adopt(libxml2().xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name)));
}

std::string attribute(const xmlNode* node, const char* name, std::string_view uri) {
  const std::string uri_text(uri);
  return adopt(libxml2().xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                                      reinterpret_cast<const xmlChar*>(uri_text.c_str())));
}

std::string text(const xmlNode* node) {
  return trim(adopt(libxml2().xmlNodeGetContent(node)));
}

int line(const xmlNode* node) {
  // -1 when libxml2 cannot tell (nodes other than elements, text, comments and PIs).
  return std::max(0, static_cast<int>(libxml2().xmlGetLineNo(node)));
}

Elements::iterator& Elements::iterator::operator++() {
  node_ = next_element(node_->next);
  return *this;
}

Elements::Elements(const xmlNode* parent) : first_(parent == nullptr ? nullptr : next_element(parent->children)) {}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view uri, std::string_view local) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* child : elements(parent)) {
    if (is_element(child, uri, local)) out.push_back(child);
  }
  return out;
}

const xmlNode* first_child(const xmlNode* parent, std::string_view uri, std::string_view local) {
  for (const xmlNode* child : elements(parent)) {
    if (is_element(child, uri, local)) return child;
  }
  return nullptr;
}

std::vector<const xmlNode*> descendants(const xmlNode* root, std::string_view uri, std::string_view local) {
  std::vector<const xmlNode*> out;
  collect(root, uri, local, out);
  return out;
}

DescendantIndex::DescendantIndex(const xmlNode* root) {
  const auto walk = [this](auto& self, const xmlNode* parent) -> void {
    for (const xmlNode* child : elements(parent)) {
      by_name_[{namespace_uri(child), local_name(child)}].push_back(child);
      self(self, child);
    }
  };
  walk(walk, root);
}

const std::vector<const xmlNode*>& DescendantIndex::of(std::string_view uri, std::string_view local) const {
  static const std::vector<const xmlNode*> none;
  const auto found = by_name_.find({uri, local});
  return found == by_name_.end() ? none : found->second;
}

const xmlNode* ancestor(const xmlNode* node, std::string_view uri, std::string_view local) {
  for (const xmlNode* up = node->parent; up != nullptr && up->type == XML_ELEMENT_NODE; up = up->parent) {
    if (is_element(up, uri, local)) return up;
  }
  return nullptr;
}

void index_by_id(const std::vector<const xmlNode*>& nodes, IdIndex& index) {
  for (const xmlNode* node : nodes) index.emplace(attribute(node, "id"), node);
}

}  // namespace scapc::validation::detail
