// Loading what is evaluated: a source data stream (components found through its catalogs) or an
// XCCDF file whose check-content-ref hrefs name files beside it, as oscap resolves them.
#include <scapc/check.h>
#include <scapc/ds_open.h>
#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "text_files.h"

namespace scapc::check {
namespace {

void collect_hrefs(const xccdf::loaded::CheckExpression& expression, std::set<std::string>& out) {
  for (const auto& ref : expression.check.content_refs) out.insert(ref.href);
  for (const auto& child : expression.children) collect_hrefs(child, out);
}

void collect_hrefs(const std::vector<xccdf::loaded::Item>& items, std::set<std::string>& out) {
  for (const auto& item : items) {
    for (const auto& check : item.rule.checks) {
      for (const auto& ref : check.content_refs) out.insert(ref.href);
    }
    if (item.rule.complex_check) collect_hrefs(*item.rule.complex_check, out);
    collect_hrefs(item.children, out);
  }
}

void collect_hrefs(const xccdf::loaded::PlatformTest& test, std::set<std::string>& out) {
  if (test.kind == xccdf::loaded::PlatformTest::Kind::CheckFactRef) out.insert(test.href);
  for (const auto& child : test.children) collect_hrefs(child, out);
}

// `source` is the text `root` was parsed from, for line numbers in errors.
bool add_component(const pugi::xml_node& root, const std::string& href, const std::string& key, const std::string& name,
                   std::string_view source,
                   std::map<std::string, std::shared_ptr<const oval::DefinitionsDocument>>& parsed, Content& out,
                   std::string& error) {
  const auto tag = xml::local_name(root);
  if (tag == "oval_definitions") {
    auto& definitions = parsed[key];
    if (!definitions) definitions = oval::read_definitions(root, name, error, source);
    if (!definitions) return false;
    out.oval[href] = {key, definitions};
  } else if (tag == "ocil") {
    out.ocil[href] = root;
  }
  return true;
}

bool is_xccdf_12(const pugi::xml_node& benchmark, const std::string& path, std::string& error) {
  const auto uri = xml::namespace_uri(benchmark);
  if (uri == xccdf::kNamespace) return true;
  error = path + ": the Benchmark is in namespace '" + uri + "'; scapc check evaluates XCCDF 1.2" +
          (uri == std::string_view(ns::kXccdf11) ? " (compile XCCDF 1.1 STIGs with scapc compile first)" : "");
  return false;
}

bool load_data_stream(pugi::xml_document& document, const ContentOptions& options, Content& out, std::string& error) {
  ds::OpenedStream stream;
  if (!ds::open(document, out.path, out.source_text, options.data_stream_id, options.benchmark_id, stream, error))
    return false;
  out.data_stream = true;
  out.benchmark_node = stream.checklist.root;
  out.benchmark_component_id = stream.checklist.id;
  if (!is_xccdf_12(out.benchmark_node, out.path, error)) return false;
  if (!xccdf::loaded::read_benchmark(out.benchmark_node, out.path, out.source_text, out.benchmark, error)) {
    return false;
  }
  std::map<std::string, std::shared_ptr<const oval::DefinitionsDocument>> parsed;
  for (const auto& [href, component] : stream.by_href) {
    if (!add_component(component.root, href, component.id, out.path, out.source_text, parsed, out, error)) return false;
  }
  for (const auto& [cpe, check] : stream.cpe_checks) {
    if (xml::local_name(check.oval.root) != "oval_definitions") continue;
    auto& definitions = parsed[check.oval.id];
    if (!definitions) definitions = oval::read_definitions(check.oval.root, out.path, error, out.source_text);
    if (!definitions) return false;
    out.cpe_checks[cpe] = {{check.oval.id, definitions}, check.definition};
  }
  return true;
}

using Parsed = std::map<std::string, std::shared_ptr<const oval::DefinitionsDocument>>;

// One file reached by two routes ("./x-oval.xml" beside the XCCDF file, "/abs/x-oval.xml" from the
// dictionary) is one OVAL component: keyed by its canonical path.
std::string component_key(const std::filesystem::path& path) {
  std::error_code failed;
  auto canonical = std::filesystem::weakly_canonical(path, failed);
  return failed ? path.lexically_normal().string() : canonical.string();
}

// An XCCDF file's check hrefs are paths relative to it; a missing file leaves its checks unresolved
// (the rules come out notchecked), as oscap does.
bool load_checks_beside(Content& out, Parsed& parsed, std::string& error) {
  std::set<std::string> hrefs;
  collect_hrefs(out.benchmark.items, hrefs);
  for (const auto& [id, test] : out.benchmark.platform_tests) collect_hrefs(test, hrefs);
  const auto folder = std::filesystem::path(out.path).parent_path();
  for (const auto& href : hrefs) {
    if (href.empty() || href.find("://") != std::string::npos) continue;
    const auto path = (folder / href).string();
    std::string text;
    // A check file that is not there leaves its rules in error, as oscap does.
    if (std::string missing; !read_text_file(path, text, missing)) continue;
    auto document = std::make_shared<pugi::xml_document>();
    if (!parse_xml(text, path, *document, error)) return false;
    if (!add_component(document->document_element(), href, component_key(path), path, text, parsed, out, error))
      return false;
    out.documents.push_back(std::move(document));
  }
  return true;
}

// The CPE dictionary of an XCCDF file's platforms: the one given, else "<name>-cpe-dictionary.xml"
// beside "<name>-xccdf.xml" (how scapc compile --cpe and SSG name them). Its checks' hrefs are
// relative to the dictionary; a file already read for the rules is the same OVAL component.
bool load_dictionary(const std::string& given, Content& out, Parsed& parsed, std::string& error) {
  std::string path = given;
  if (path.empty()) {
    const std::string suffix = "-xccdf.xml";
    if (out.path.size() <= suffix.size() ||
        out.path.compare(out.path.size() - suffix.size(), suffix.size(), suffix) != 0)
      return true;
    path = out.path.substr(0, out.path.size() - suffix.size()) + "-cpe-dictionary.xml";
    if (!std::filesystem::is_regular_file(path)) return true;
  }
  std::string text;
  if (!read_text_file(path, text, error)) return false;
  auto document = std::make_shared<pugi::xml_document>();
  if (!parse_xml(text, path, *document, error)) return false;
  const auto root = document->document_element();
  if (xml::local_name(root) != "cpe-list") {
    error = path + ": not a CPE dictionary (root element " + std::string(root.name()) + ")";
    return false;
  }
  const auto folder = std::filesystem::path(path).parent_path();
  for (const auto& item : root.children()) {
    if (xml::local_name(item) != "cpe-item") continue;
    for (const auto& check : item.children()) {
      if (xml::local_name(check) != "check" ||
          std::string_view(check.attribute("system").value()) != xccdf::kOvalSystem)
        continue;
      const auto file = (folder / check.attribute("href").value()).string();
      const auto key = component_key(file);
      auto& definitions = parsed[key];
      if (!definitions) {
        std::string check_text;
        if (std::string missing; !read_text_file(file, check_text, missing)) continue;  // unresolved, as oscap
        definitions = oval::read_definitions(check_text, file, error);
        if (!definitions) return false;
      }
      out.cpe_checks[item.attribute("name").value()] = {{key, definitions}, check.text().get()};
    }
  }
  out.documents.push_back(std::move(document));
  return true;
}

}  // namespace

bool load_content(const std::string& path, const ContentOptions& options, Content& out, std::string& error) {
  std::string text;
  if (!read_text_file(path, text, error)) return false;
  return load_content_text(std::move(text), path, options, out, error);
}

bool load_content_text(std::string text, const std::string& path, const ContentOptions& options, Content& out,
                       std::string& error) {
  out = Content{};
  out.path = path;
  out.source_text = std::move(text);
  auto document = std::make_shared<pugi::xml_document>();
  out.documents.push_back(document);
  if (!parse_xml(out.source_text, path, *document, error)) return false;
  const auto root = document->document_element();
  out.root = root;
  if (xml::local_name(root) == "data-stream-collection") return load_data_stream(*document, options, out, error);
  if (xml::local_name(root) != "Benchmark") {
    error = path + ": not a source data stream or an XCCDF Benchmark (root element " + std::string(root.name()) + ")";
    return false;
  }
  out.benchmark_node = root;
  if (!is_xccdf_12(root, path, error)) return false;
  if (!options.benchmark_id.empty() && options.benchmark_id != root.attribute("id").value()) {
    error = path + ": the Benchmark is " + root.attribute("id").value() + ", not " + options.benchmark_id;
    return false;
  }
  if (!xccdf::loaded::read_benchmark(root, path, out.source_text, out.benchmark, error)) return false;
  Parsed parsed;
  return load_checks_beside(out, parsed, error) && load_dictionary(options.cpe_dictionary, out, parsed, error);
}

}  // namespace scapc::check
