// Source data stream references (NIST SP 800-126r3 §3.1, §3.2): component-refs name components
// of the collection, catalog entries name component-refs of their data stream, and every XCCDF
// check and CPE dictionary check reaches, through its component-ref's catalog, a component holding
// what it names. `oscap ds sds-validate` checks none of this (XSD only, scap-brief §4.2).
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "checks.h"
#include "xml_tree.h"

namespace scapc::validation::detail {
namespace {

constexpr auto kStreamSections =
    std::to_array<std::string_view>({"dictionaries", "checklists", "checks", "extended-components"});

// A component-ref with its catalog (cat:uri @name -> cat:uri element).
struct ComponentRef {
  const xmlNode* node = nullptr;
  const xmlNode* component = nullptr;  // nullptr when its xlink:href does not resolve
  std::unordered_map<std::string, const xmlNode*> catalog;
};

// What one data stream's component-refs lead to, in document order so that problems are too.
struct DataStream {
  const xmlNode* node = nullptr;
  std::vector<ComponentRef> refs;
  std::unordered_map<std::string, std::size_t> ref_by_id;

  [[nodiscard]] const ComponentRef* find(const std::string& id) const {
    const auto found = ref_by_id.find(id);
    return found == ref_by_id.end() ? nullptr : &refs[found->second];
  }
};

// The ids of the definitions (or questionnaires) of each content element, built on first use: a
// DISA benchmark has hundreds of checks into one OVAL component of thousands of elements.
class ContentIds {
 public:
  bool contains(const xmlNode* content, std::string_view uri, std::string_view local, const std::string& id) {
    auto [entry, added] = ids_.try_emplace(content);
    if (added) {
      for (const xmlNode* node : descendants(content, uri, local)) entry->second.insert(attribute(node, "id"));
    }
    return entry->second.contains(id);
  }

 private:
  std::unordered_map<const xmlNode*, std::unordered_set<std::string>> ids_;
};

// The content element of a component, e.g. its oval_definitions; nullptr when empty.
const xmlNode* content_of(const xmlNode* component) {
  for (const xmlNode* child : elements(component)) return child;
  return nullptr;
}

// The id part of a same-document reference "#id"; "" for anything else.
std::string fragment(const std::string& href) {
  return href.size() > 1 && href[0] == '#' ? href.substr(1) : std::string();
}

// An xlink:href other than "#id" names a remote component (NIST's SCAPVal calls
// it an external reference): legitimate, and not checkable offline, so it and the checks leading
// to it are skipped.
ComponentRef read_component_ref(const xmlNode* node, const IdIndex& components, const Findings& findings) {
  ComponentRef ref{node, nullptr, {}};
  const std::string href = attribute(node, "href", ns::kXlink);
  if (!href.empty() && href[0] == '#') {
    const auto component = components.find(href.substr(1));
    if (component != components.end()) {
      ref.component = component->second;
    } else {
      findings.error(node, "component-ref '" + attribute(node, "id") + "' xlink:href '" + href +
                               "' names no component in the collection");
    }
  }
  for (const xmlNode* catalog : children(node, ns::kXmlCatalog, "catalog")) {
    for (const xmlNode* uri : children(catalog, ns::kXmlCatalog, "uri"))
      ref.catalog.emplace(attribute(uri, "name"), uri);
  }
  return ref;
}

DataStream read_data_stream(const xmlNode* stream, const IdIndex& components, const Findings& findings) {
  DataStream out;
  out.node = stream;
  for (std::string_view section : kStreamSections) {
    for (const xmlNode* parent : children(stream, ns::kDataStream, section)) {
      for (const xmlNode* node : children(parent, ns::kDataStream, "component-ref")) {
        out.ref_by_id.emplace(attribute(node, "id"), out.refs.size());
        out.refs.push_back(read_component_ref(node, components, findings));
      }
    }
  }
  // Catalog entries are checked once, here; the checks that use them skip broken entries quietly.
  for (const ComponentRef& ref : out.refs) {
    for (const xmlNode* catalog : children(ref.node, ns::kXmlCatalog, "catalog")) {
      for (const xmlNode* uri : children(catalog, ns::kXmlCatalog, "uri")) {
        const std::string target = attribute(uri, "uri");
        if (out.find(fragment(target)) != nullptr) continue;
        findings.error(uri, "catalog entry '" + attribute(uri, "name") + "' of component-ref '" +
                                attribute(ref.node, "id") + "' maps to '" + target +
                                "', which names no component-ref in data-stream '" + attribute(stream, "id") + "'");
      }
    }
  }
  return out;
}

// One reference to check content: an XCCDF check-content-ref or a CPE dictionary check.
struct ContentReference {
  const xmlNode* at;
  std::string owner;  // "Rule 'xccdf_…'": who needs the content
  std::string system;
  std::string href;
  std::string name;  // definition or questionnaire id; "" = the whole document
};

// What a check system's content must be: OVAL definitions or an OCIL questionnaire (SRC-118-1).
struct Expected {
  std::string_view label, system, uri, root, item;
};
constexpr auto kExpectations = std::to_array<Expected>({
    {"OVAL", kOvalCheckSystem, ns::kOvalDefinitions, "oval_definitions", "definition"},
    {"OCIL", kOcilCheckSystem, ns::kOcil, "ocil", "questionnaire"},
});

struct Resolver {
  const DataStream& stream;
  const Findings& findings;
  ContentIds& ids;

  void resolve(const ContentReference& reference, const ComponentRef& from) const {
    const auto entry = from.catalog.find(reference.href);
    if (entry == from.catalog.end()) {
      findings.error(reference.at, reference.owner + " check href '" + reference.href +
                                       "' is not a name in the catalog of component-ref '" +
                                       attribute(from.node, "id") + "'" + elsewhere(reference.href));
      return;
    }
    const ComponentRef* target = stream.find(fragment(attribute(entry->second, "uri")));
    // A broken catalog entry is reported with the catalog; a remote component cannot be checked.
    if (target == nullptr || target->component == nullptr) return;
    const xmlNode* content = content_of(target->component);
    const std::string component_id = attribute(target->component, "id");
    for (const Expected& expected : kExpectations) {
      if (reference.system != expected.system) continue;
      if (!is_element(content, expected.uri, expected.root)) {
        findings.error(reference.at, reference.owner + " " + std::string(expected.label) + " check href '" +
                                         reference.href + "' leads to component '" + component_id + "', which holds " +
                                         (content == nullptr ? std::string("nothing") : written_name(content)) +
                                         ", not " + std::string(expected.root));
        return;
      }
      if (reference.name.empty() || ids.contains(content, expected.uri, expected.item, reference.name)) return;
      findings.error(reference.at, reference.owner + " check names " + std::string(expected.item) + " '" +
                                       reference.name + "', which is not in component '" + component_id + "'");
    }
  }

  // Some tools look a name up in every catalog of the data stream; SP 800-126 resolves it through
  // the catalog of the referencing component's own component-ref only. Saying where the name is
  // makes the fix obvious.
  [[nodiscard]] std::string elsewhere(const std::string& href) const {
    for (const ComponentRef& other : stream.refs) {
      if (other.catalog.contains(href))
        return " (it is in the catalog of component-ref '" + attribute(other.node, "id") + "')";
    }
    return "";
  }

  void benchmark(const xmlNode* benchmark, const ComponentRef& from) const {
    for (const xmlNode* rule : descendants(benchmark, ns::kXccdf12, "Rule")) {
      for (const xmlNode* check : descendants(rule, ns::kXccdf12, "check")) {
        for (const xmlNode* ref : children(check, ns::kXccdf12, "check-content-ref")) {
          resolve({ref, "Rule '" + attribute(rule, "id") + "'", attribute(check, "system"), attribute(ref, "href"),
                   attribute(ref, "name")},
                  from);
        }
      }
    }
  }

  // A CPE dictionary check's text is the OVAL definition id; its href a catalog name.
  void dictionary(const xmlNode* list, const ComponentRef& from) const {
    for (const xmlNode* item : children(list, ns::kCpeDictionary, "cpe-item")) {
      for (const xmlNode* check : children(item, ns::kCpeDictionary, "check")) {
        resolve({check, "cpe-item '" + attribute(item, "name") + "'", attribute(check, "system"),
                 attribute(check, "href"), text(check)},
                from);
      }
    }
  }
};

}  // namespace

void check_data_stream_collection(const xmlNode* collection, const Findings& findings) {
  IdIndex components;
  index_by_id(children(collection, ns::kDataStream, "component"), components);
  index_by_id(children(collection, ns::kDataStream, "extended-component"), components);
  ContentIds ids;
  for (const xmlNode* node : children(collection, ns::kDataStream, "data-stream")) {
    const DataStream stream = read_data_stream(node, components, findings);
    const Resolver resolver{stream, findings, ids};
    for (const ComponentRef& ref : stream.refs) {
      if (ref.component == nullptr) continue;
      const xmlNode* content = content_of(ref.component);
      if (is_element(content, ns::kXccdf12, "Benchmark")) resolver.benchmark(content, ref);
      if (is_element(content, ns::kCpeDictionary, "cpe-list")) resolver.dictionary(content, ref);
    }
  }
}

}  // namespace scapc::validation::detail
