// Following a data stream's references: component-ref -> component by xlink:href, and each
// component-ref's catalog mapping the names inside the component to other component-refs.
#include <scapc/ds_open.h>
#include <scapc/xml_names.h>

#include <string_view>
#include <unordered_map>

namespace scapc::ds {
namespace {

pugi::xml_node first_element(const pugi::xml_node& node) {
  for (const auto& child : node.children()) {
    if (child.type() == pugi::node_element) return child;
  }
  return {};
}

std::string fragment(const char* href) {
  const std::string_view text = href;
  return text.empty() || text.front() != '#' ? std::string() : std::string(text.substr(1));
}

class Opener {
 public:
  Opener(const std::string& name, std::string_view source, std::string& error)
      : name_(name), source_(source), error_(error) {}

  bool open(const pugi::xml_node& collection, const pugi::xml_node& stream, const std::string& benchmark_id,
            OpenedStream& out) {
    if (!index_components(collection) || !index_component_refs(stream)) return false;
    out.data_stream_id = stream.attribute("id").value();
    pugi::xml_node checklist_ref;
    for (const auto& group : stream.children()) {
      if (xml::local_name(group) != "checklists") continue;
      for (const auto& ref : group.children()) {
        if (xml::local_name(ref) != "component-ref") continue;
        ComponentInDocument component;
        if (!follow(ref, component)) return false;
        if (xml::local_name(component.root) != "Benchmark") continue;
        if (!benchmark_id.empty() && benchmark_id != component.root.attribute("id").value()) continue;
        out.checklist = component;
        checklist_ref = ref;
        break;
      }
      if (!checklist_ref.empty()) break;
    }
    if (!checklist_ref) {
      error_ = name_ + ": data stream " + out.data_stream_id + " has no checklist" +
               (benchmark_id.empty() ? std::string() : " with Benchmark " + benchmark_id);
      return false;
    }
    if (!catalog(checklist_ref, out.by_href)) return false;
    for (const auto& group : stream.children()) {
      if (xml::local_name(group) != "dictionaries") continue;
      for (const auto& ref : group.children()) {
        if (xml::local_name(ref) == "component-ref" && !dictionary(ref, out)) return false;
      }
    }
    return true;
  }

 private:
  // A second component or component-ref with an id would make every reference to it ambiguous.
  bool index_components(const pugi::xml_node& collection) {
    for (const auto& child : collection.children()) {
      const auto tag = xml::local_name(child);
      if (tag != "component" && tag != "extended-component") continue;
      if (!components_.emplace(child.attribute("id").value(), child).second)
        return fail(child, "duplicate component id '" + std::string(child.attribute("id").value()) + "'");
    }
    return true;
  }

  bool index_component_refs(const pugi::xml_node& stream) {
    for (const auto& group : stream.children()) {
      for (const auto& ref : group.children()) {
        if (xml::local_name(ref) != "component-ref") continue;
        if (!refs_.emplace(ref.attribute("id").value(), ref).second)
          return fail(ref, "duplicate component-ref id '" + std::string(ref.attribute("id").value()) + "'");
      }
    }
    return true;
  }

  bool fail(const pugi::xml_node& node, const std::string& reason) {
    const auto line = source_.empty() ? 0 : xml::line_at(source_, node.offset_debug());
    error_ = name_ + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + reason;
    return false;
  }

  bool follow(const pugi::xml_node& ref, ComponentInDocument& out) {
    const auto target = fragment(ref.attribute("xlink:href").value());
    const auto found = components_.find(target);
    if (target.empty() || found == components_.end()) {
      return fail(ref, "component-ref " + std::string(ref.attribute("id").value()) + " points at no component ('" +
                           ref.attribute("xlink:href").value() + "')");
    }
    out.id = target;
    out.root = first_element(found->second);
    if (!out.root) return fail(found->second, "component " + target + " is empty");
    return true;
  }

  bool catalog(const pugi::xml_node& ref, std::map<std::string, ComponentInDocument>& out) {
    for (const auto& child : ref.children()) {
      if (xml::local_name(child) != "catalog") continue;
      for (const auto& uri : child.children()) {
        if (xml::local_name(uri) != "uri") continue;
        const auto ref_id = fragment(uri.attribute("uri").value());
        const auto target = refs_.find(ref_id);
        if (ref_id.empty() || target == refs_.end()) {
          return fail(uri, "catalog entry '" + std::string(uri.attribute("name").value()) +
                               "' points at no component-ref ('" + uri.attribute("uri").value() + "')");
        }
        ComponentInDocument component;
        if (!follow(target->second, component)) return false;
        out[uri.attribute("name").value()] = component;
      }
    }
    return true;
  }

  bool dictionary(const pugi::xml_node& ref, OpenedStream& out) {
    ComponentInDocument dictionary;
    if (!follow(ref, dictionary)) return false;
    std::map<std::string, ComponentInDocument> hrefs;
    if (!catalog(ref, hrefs)) return false;
    for (const auto& item : dictionary.root.children()) {
      if (xml::local_name(item) != "cpe-item") continue;
      for (const auto& check : item.children()) {
        if (xml::local_name(check) != "check") continue;
        const auto target = hrefs.find(check.attribute("href").value());
        if (target == hrefs.end()) continue;  // a CPE whose check is not in the stream stays unresolved
        out.cpe_checks[item.attribute("name").value()] = {target->second, check.text().get()};
      }
    }
    return true;
  }

  const std::string& name_;
  std::string_view source_;
  std::string& error_;
  std::unordered_map<std::string, pugi::xml_node> components_;
  std::unordered_map<std::string, pugi::xml_node> refs_;
};

}  // namespace

bool open(const pugi::xml_document& collection, const std::string& name, std::string_view source,
          const std::string& data_stream_id, const std::string& benchmark_id, OpenedStream& out, std::string& error) {
  const auto root = collection.document_element();
  if (xml::local_name(root) != "data-stream-collection") {
    error = name + ": not a source data stream collection (root element " + std::string(root.name()) + ")";
    return false;
  }
  for (const auto& stream : root.children()) {
    if (xml::local_name(stream) != "data-stream") continue;
    if (!data_stream_id.empty() && data_stream_id != stream.attribute("id").value()) continue;
    return Opener(name, source, error).open(root, stream, benchmark_id, out);
  }
  error = name + ": no data stream" + (data_stream_id.empty() ? std::string() : " '" + data_stream_id + "'");
  return false;
}

}  // namespace scapc::ds
