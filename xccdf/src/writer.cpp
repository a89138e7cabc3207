#include <scapc/xccdf.h>
#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

namespace scapc::xccdf {
namespace {

constexpr const char* kDublinCore = "http://purl.org/dc/elements/1.1/";

// Paragraphs as XHTML <p>, which XCCDF's formatted text allows and report renderers honour.
void paragraphs(pugi::xml_node parent, const char* name, const std::vector<std::string>& paragraphs) {
  if (paragraphs.empty()) return;
  auto node = parent.append_child(name);
  if (paragraphs.size() == 1) {
    node.text().set(paragraphs.front().c_str());
    return;
  }
  for (const auto& paragraph : paragraphs) xml::append_text(node, "xhtml:p", paragraph);
}

void write_parts(pugi::xml_node node, const std::vector<TextPart>& parts) {
  for (const auto& part : parts) {
    if (part.sub_idref.empty()) {
      node.append_child(pugi::node_pcdata).set_value(part.text.c_str());
    } else {
      auto sub = node.append_child("sub");
      sub.append_attribute("idref") = part.sub_idref.c_str();
      sub.append_attribute("use") = "value";
    }
  }
}

void write_check(pugi::xml_node parent, const Check& check) {
  auto node = parent.append_child("check");
  node.append_attribute("system") = check.system.c_str();
  for (const auto& exported : check.exports) {
    auto child = node.append_child("check-export");
    child.append_attribute("value-id") = exported.value_id.c_str();
    child.append_attribute("export-name") = exported.export_name.c_str();
  }
  auto ref = node.append_child("check-content-ref");
  ref.append_attribute("href") = check.href.c_str();
  if (!check.name.empty()) ref.append_attribute("name") = check.name.c_str();
}

void write_stig_rule(pugi::xml_node parent, const StigRuleSource& stig) {
  auto node = parent.append_child("metadata").append_child("stig:rule");
  node.append_attribute("benchmark") = stig.benchmark.c_str();
  node.append_attribute("vuln") = stig.vuln_id.c_str();
  if (!stig.check_id.empty()) node.append_attribute("check") = stig.check_id.c_str();
  if (!stig.check_text.empty()) xml::append_text(node, "stig:check-content", stig.check_text);
  for (const auto& [name, text] : stig.fields) {
    xml::append_text(node, "stig:field", text).append_attribute("name") = name.c_str();
  }
}

void write_stig_benchmark(pugi::xml_node metadata, const StigBenchmark& stig) {
  auto node = metadata.append_child("stig:benchmark");
  node.append_attribute("id") = stig.id.c_str();
  node.append_attribute("version") = stig.version.c_str();
  node.append_attribute("release-info") = stig.release_info.c_str();
  node.append_attribute("file") = stig.filename.c_str();
  xml::append_text(node, "stig:title", stig.title);
  if (!stig.description.empty()) xml::append_text(node, "stig:description", stig.description);
}

void write_rule(pugi::xml_node parent, const Rule& rule) {
  auto node = parent.append_child("Rule");
  node.append_attribute("id") = rule.id.c_str();
  node.append_attribute("selected") = rule.selected ? "true" : "false";
  node.append_attribute("weight") = rule.weight.c_str();
  node.append_attribute("severity") = rule.severity.c_str();
  node.append_attribute("role") = rule.role.c_str();
  if (!rule.version.empty()) xml::append_text(node, "version", rule.version);
  xml::append_text(node, "title", rule.title);
  paragraphs(node, "description", rule.description);
  for (const auto& warning : rule.warnings)
    xml::append_text(node, "warning", warning).append_attribute("category") = "functionality";
  for (const auto& reference : rule.references) {
    auto child = xml::append_text(node, "reference", reference.text);
    if (!reference.href.empty()) child.append_attribute("href") = reference.href.c_str();
  }
  if (rule.stig) write_stig_rule(node, *rule.stig);
  for (const auto& platform : rule.platforms)
    node.append_child("platform").append_attribute("idref") = platform.c_str();
  for (const auto& ident : rule.idents) {
    xml::append_text(node, "ident", ident.value).append_attribute("system") = ident.system.c_str();
  }
  if (!rule.fixtext.empty()) {
    auto fixtext = xml::append_text(node, "fixtext", rule.fixtext);
    if (!rule.fixtext_fixref.empty()) fixtext.append_attribute("fixref") = rule.fixtext_fixref.c_str();
  }
  if (rule.fix) {
    auto fix = node.append_child("fix");
    fix.append_attribute("id") = rule.fix->id.c_str();
    fix.append_attribute("system") = rule.fix->system.c_str();
    write_parts(fix, rule.fix->content);
  }
  for (const auto& check : rule.checks) write_check(node, check);
}

void write_value(pugi::xml_node parent, const Value& value) {
  auto node = parent.append_child("Value");
  node.append_attribute("id") = value.id.c_str();
  node.append_attribute("type") = value.type.c_str();
  xml::append_text(node, "title", value.title);
  paragraphs(node, "description", value.description);
  xml::append_text(node, "value", value.default_value);
  for (const auto& [selector, setting] : value.selectors) {
    xml::append_text(node, "value", setting).append_attribute("selector") = selector.c_str();
  }
  if (value.lower_bound) xml::append_text(node, "lower-bound", *value.lower_bound);
  if (value.upper_bound) xml::append_text(node, "upper-bound", *value.upper_bound);
  if (!value.choices.empty()) {
    auto choices = node.append_child("choices");
    for (const auto& choice : value.choices) xml::append_text(choices, "choice", choice);
  }
}

void write_profile(pugi::xml_node parent, const Profile& profile) {
  auto node = parent.append_child("Profile");
  node.append_attribute("id") = profile.id.c_str();
  xml::append_text(node, "title", profile.title);
  paragraphs(node, "description", profile.description);
  for (const auto& select : profile.selects) {
    auto child = node.append_child("select");
    child.append_attribute("idref") = select.idref.c_str();
    child.append_attribute("selected") = select.selected ? "true" : "false";
  }
  for (const auto& refine : profile.refine_values) {
    auto child = node.append_child("refine-value");
    child.append_attribute("idref") = refine.idref.c_str();
    child.append_attribute("selector") = refine.selector.c_str();
  }
}

void write_platforms(pugi::xml_node parent, const std::vector<Platform>& platforms) {
  if (platforms.empty()) return;
  auto specification = parent.append_child("cpe2:platform-specification");
  for (const auto& platform : platforms) {
    auto node = specification.append_child("cpe2:platform");
    node.append_attribute("id") = platform.id.c_str();
    xml::append_text(node, "cpe2:title", platform.title);
    auto test = node.append_child("cpe2:logical-test");
    test.append_attribute("operator") = "AND";
    test.append_attribute("negate") = "false";
    for (const auto& name : platform.cpe_names)
      test.append_child("cpe2:fact-ref").append_attribute("name") = name.c_str();
    for (const auto& fact : platform.facts) {
      auto ref = test.append_child("cpe2:check-fact-ref");
      ref.append_attribute("system") = fact.system.c_str();
      ref.append_attribute("href") = fact.href.c_str();
      ref.append_attribute("id-ref") = fact.id_ref.c_str();
    }
  }
}

}  // namespace

pugi::xml_document cpe_dictionary(const std::vector<CpeItem>& items) {
  pugi::xml_document document;
  auto root = document.append_child("cpe-dict:cpe-list");
  root.append_attribute("xmlns:cpe-dict") = ns::kCpeDictionary;
  for (const auto& item : items) {
    auto node = root.append_child("cpe-dict:cpe-item");
    node.append_attribute("name") = item.name.c_str();
    xml::append_text(node, "cpe-dict:title", item.title).append_attribute("xml:lang") = "en-US";
    auto check = xml::append_text(node, "cpe-dict:check", item.definition);
    check.append_attribute("system") = kOvalSystem;
    check.append_attribute("href") = item.href.c_str();
  }
  return document;
}

pugi::xml_document to_document(const Benchmark& benchmark) {
  pugi::xml_document document;
  auto root = document.append_child("Benchmark");
  root.append_attribute("xmlns") = kNamespace;
  root.append_attribute("xmlns:xhtml") = ns::kXhtml;
  root.append_attribute("xmlns:dc") = kDublinCore;
  if (!benchmark.platforms.empty()) root.append_attribute("xmlns:cpe2") = ns::kCpeLanguage;
  if (!benchmark.stigs.empty()) root.append_attribute("xmlns:stig") = kStigNamespace;
  root.append_attribute("id") = benchmark.id.c_str();
  root.append_attribute("resolved") = "true";
  root.append_attribute("xml:lang") = benchmark.lang.c_str();
  root.append_attribute("style") = benchmark.style.c_str();

  xml::append_text(root, "status", benchmark.status).append_attribute("date") = benchmark.status_date.c_str();
  xml::append_text(root, "title", benchmark.title);
  paragraphs(root, "description", benchmark.description);
  if (!benchmark.release_info.empty()) {
    xml::append_text(root, "plain-text", benchmark.release_info).append_attribute("id") = "release-info";
  }
  write_platforms(root, benchmark.platforms);
  auto version = xml::append_text(root, "version", benchmark.version);
  if (!benchmark.version_time.empty()) version.append_attribute("time") = benchmark.version_time.c_str();
  auto metadata = root.append_child("metadata");
  xml::append_text(metadata, "dc:creator", benchmark.metadata.creator);
  xml::append_text(metadata, "dc:publisher", benchmark.metadata.publisher);
  xml::append_text(metadata, "dc:contributor", benchmark.metadata.contributor);
  xml::append_text(metadata, "dc:source", benchmark.metadata.source);
  for (const auto& stig : benchmark.stigs) write_stig_benchmark(metadata, stig);
  for (const auto& profile : benchmark.profiles) write_profile(root, profile);
  for (const auto& value : benchmark.values) write_value(root, value);
  for (const auto& group : benchmark.groups) {
    auto node = root.append_child("Group");
    node.append_attribute("id") = group.id.c_str();
    node.append_attribute("selected") = group.selected ? "true" : "false";
    xml::append_text(node, "title", group.title);
    paragraphs(node, "description", group.description);
    for (const auto& rule : group.rules) write_rule(node, rule);
  }
  return document;
}

}  // namespace scapc::xccdf
