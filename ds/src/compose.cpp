#include <scapc/ds.h>
#include <scapc/xml_namespaces.h>

namespace scapc::ds {
namespace {

constexpr const char* kCatalog = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

std::string component_id(const Options& options, const Component& component) {
  return "scap_" + options.id_namespace + "_comp_" + component.name;
}

std::string reference_id(const Options& options, const Component& component) {
  return "scap_" + options.id_namespace + "_cref_" + component.name;
}

pugi::xml_node add_reference(pugi::xml_node parent, const Options& options, const Component& component) {
  auto ref = parent.append_child("ds:component-ref");
  ref.append_attribute("id") = reference_id(options, component).c_str();
  ref.append_attribute("xlink:href") = ("#" + component_id(options, component)).c_str();
  return ref;
}

}  // namespace

pugi::xml_document compose(const std::vector<Component>& components, const Options& options) {
  pugi::xml_document document;
  auto root = document.append_child("ds:data-stream-collection");
  root.append_attribute("xmlns:ds") = ns::kDataStream;
  root.append_attribute("xmlns:xlink") = ns::kXlink;
  root.append_attribute("xmlns:cat") = kCatalog;
  root.append_attribute("id") = ("scap_" + options.id_namespace + "_collection_" + options.name).c_str();
  root.append_attribute("schematron-version") = "1.3";

  auto stream = root.append_child("ds:data-stream");
  stream.append_attribute("id") = ("scap_" + options.id_namespace + "_datastream_" + options.name).c_str();
  stream.append_attribute("scap-version") = "1.3";
  stream.append_attribute("use-case") = "CONFIGURATION";
  stream.append_attribute("timestamp") = options.timestamp.c_str();

  auto dictionaries = stream.append_child("ds:dictionaries");
  auto checklists = stream.append_child("ds:checklists");
  auto checks = stream.append_child("ds:checks");
  for (const auto& component : components) {
    if (component.role == Component::Role::Check) {
      add_reference(checks, options, component);
      continue;
    }
    auto ref =
        add_reference(component.role == Component::Role::Dictionary ? dictionaries : checklists, options, component);
    auto catalog = ref.append_child("cat:catalog");
    for (const auto& check : components) {
      if (check.role != Component::Role::Check) continue;
      auto uri = catalog.append_child("cat:uri");
      uri.append_attribute("name") = check.name.c_str();
      uri.append_attribute("uri") = ("#" + reference_id(options, check)).c_str();
    }
  }
  // ds:checks is required; empty dictionaries and checklists elements are not allowed.
  if (dictionaries.first_child().empty()) stream.remove_child(dictionaries);
  if (checklists.first_child().empty()) stream.remove_child(checklists);

  for (const auto& component : components) {
    auto node = root.append_child("ds:component");
    node.append_attribute("id") = component_id(options, component).c_str();
    node.append_attribute("timestamp") = options.timestamp.c_str();
    node.append_copy(component.document->document_element());
  }
  return document;
}

}  // namespace scapc::ds
