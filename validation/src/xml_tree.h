// Read-only helpers over libxml2's tree, so that the checks read as element and attribute names
// instead of pointer walks. Names are compared by namespace URI and local name, never by prefix.
#pragma once

#include <libxml/tree.h>
#include <scapc/xml_namespaces.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace scapc::validation::detail {

namespace ns = scapc::ns;

inline constexpr std::string_view kOvalCheckSystem = ns::kOvalCheckSystem;
inline constexpr std::string_view kOcilCheckSystem = ns::kOcilCheckSystem;

std::string_view local_name(const xmlNode* node);
std::string_view namespace_uri(const xmlNode* node);  // "" when none
bool is_element(const xmlNode* node, std::string_view namespace_uri, std::string_view local);

// The name as written in the file ("win-def:cmdlet_object"), which is what a user searches for.
std::string written_name(const xmlNode* node);
// `local` with the prefix `like` was written with: the expected name in the same vocabulary.
std::string written_like(const xmlNode* like, std::string_view local);

bool has_attribute(const xmlNode* node, const char* name);
// The value of an attribute in no namespace; "" when absent.
std::string attribute(const xmlNode* node, const char* name);
std::string attribute(const xmlNode* node, const char* name, std::string_view namespace_uri);
// Text content with surrounding whitespace removed.
std::string text(const xmlNode* node);
int line(const xmlNode* node);

// The element children of a node, for range-for.
class Elements {
 public:
  class iterator {
   public:
    explicit iterator(const xmlNode* node) : node_(node) {}
    const xmlNode* operator*() const { return node_; }
    iterator& operator++();
    bool operator!=(const iterator& other) const { return node_ != other.node_; }

   private:
    const xmlNode* node_;
  };
  explicit Elements(const xmlNode* parent);
  [[nodiscard]] iterator begin() const { return iterator(first_); }
  [[nodiscard]] iterator end() const { return iterator(nullptr); }

 private:
  const xmlNode* first_;
};

inline Elements elements(const xmlNode* parent) {
  return Elements(parent);
}
std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view namespace_uri, std::string_view local);
const xmlNode* first_child(const xmlNode* parent, std::string_view namespace_uri, std::string_view local);
// Every element below `root` (not `root` itself) with this name, in document order.
std::vector<const xmlNode*> descendants(const xmlNode* root, std::string_view namespace_uri, std::string_view local);
// descendants() for many names at once: one walk of the tree, where each descendants() call walks
// all of it again (on a data stream of a few MB the walks were mostly cache misses).
class DescendantIndex {
 public:
  explicit DescendantIndex(const xmlNode* root);
  // Every element below the root (not the root itself) with this name, in document order.
  [[nodiscard]] const std::vector<const xmlNode*>& of(std::string_view namespace_uri, std::string_view local) const;

 private:
  // The views point into the document's names, which live as long as the tree.
  std::map<std::pair<std::string_view, std::string_view>, std::vector<const xmlNode*>> by_name_;
};

// The nearest enclosing element with this name, or nullptr.
const xmlNode* ancestor(const xmlNode* node, std::string_view namespace_uri, std::string_view local);

// Elements by @id; the first one wins (duplicate ids are the XSD's business).
using IdIndex = std::unordered_map<std::string, const xmlNode*>;
void index_by_id(const std::vector<const xmlNode*>& nodes, IdIndex& index);

}  // namespace scapc::validation::detail
