// DISA STIG benchmarks in XCCDF 1.1 or 1.2, whatever the namespace prefixes.
#include <scapc/input.h>
#include <scapc/stig.h>
#include <scapc/xml_names.h>

#include <cctype>
#include <pugixml.hpp>

#include "text.h"

namespace scapc::stig {
namespace {

using xml::child;
using xml::local_name;

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (auto c : node.children()) {
    if (local_name(c) == name) out.push_back(c);
  }
  return out;
}

std::string text_of(const pugi::xml_node& node) {
  return detail::normalize_newlines(node.child_value());
}

struct DescriptionField {
  std::string name;
  std::string value;
};

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// <Name>value</Name> and <Name/> fields, left to right (what the pattern
// <(\w+)>([\s\S]*?)</\1>|<(\w+)\s*/> finds), scanned by hand: std::regex recurses per character
// and a long description would overflow the stack.
std::vector<DescriptionField> description_fields(std::string_view text) {
  std::vector<DescriptionField> out;
  std::size_t position = 0;
  while ((position = text.find('<', position)) != std::string_view::npos) {
    auto end = position + 1;
    while (end < text.size() && is_word(text[end])) ++end;
    const auto name = text.substr(position + 1, end - position - 1);
    if (!name.empty() && end < text.size() && text[end] == '>') {
      const auto close = text.find("</" + std::string(name) + ">", end + 1);
      if (close != std::string_view::npos) {
        out.push_back({std::string(name), std::string(text.substr(end + 1, close - end - 1))});
        position = close + name.size() + 3;
        continue;
      }
    }
    auto slash = end;
    while (slash < text.size() && std::isspace(static_cast<unsigned char>(text[slash])) != 0) ++slash;
    if (!name.empty() && text.substr(slash, 2) == "/>") {
      out.push_back({std::string(name), {}});
      position = slash + 2;
      continue;
    }
    ++position;
  }
  return out;
}

// The Rule description is escaped pseudo-XML: <VulnDiscussion>…</VulnDiscussion><Documentable>…
void read_description(const std::string& text, controls::StigRule& rule) {
  const auto fields = description_fields(text);
  for (const auto& [name, raw] : fields) {
    const auto value = detail::decode_entities(raw);
    if (name == "VulnDiscussion") {
      rule.discussion = detail::trim_copy(value);
    } else {
      rule.description_fields[name] = detail::trim_copy(value);
    }
  }
  if (fields.empty()) rule.discussion = detail::trim_copy(text);  // some releases write plain text
}

controls::StigRule read_rule(const pugi::xml_node& group, const pugi::xml_node& rule_node, const Benchmark& benchmark) {
  controls::StigRule rule;
  rule.benchmark_id = benchmark.id;
  rule.benchmark_title = benchmark.title;
  rule.vuln_id = group.attribute("id").value();
  rule.group_title = detail::trim_copy(text_of(child(group, "title")));
  rule.rule_id = rule_node.attribute("id").value();
  rule.severity = rule_node.attribute("severity").value();
  rule.weight = rule_node.attribute("weight").value();
  rule.stig_id = detail::trim_copy(text_of(child(rule_node, "version")));
  rule.title = detail::trim_copy(text_of(child(rule_node, "title")));
  read_description(text_of(child(rule_node, "description")), rule);
  for (const auto& ident : children(rule_node, "ident")) {
    const std::string system = ident.attribute("system").value();
    const auto value = detail::trim_copy(text_of(ident));
    if (system.find("/cci") != std::string::npos) {
      rule.ccis.push_back(value);
    } else {
      rule.legacy_ids.push_back(value);
    }
  }
  const auto fixtext = child(rule_node, "fixtext");
  rule.fix_text = detail::trim_copy(text_of(fixtext));
  rule.fix_id = fixtext.attribute("fixref").value();
  const auto check = child(rule_node, "check");
  rule.check_id = check.attribute("system").value();
  rule.check_text = detail::trim_copy(text_of(child(check, "check-content")));
  return rule;
}

}  // namespace

std::optional<Benchmark> read_xccdf_text(std::string_view xml, const std::string& name,
                                         controls::Diagnostics& diagnostics) {
  pugi::xml_document document;
  if (input::XmlError error; !input::parse_xml(xml, document, error)) {
    controls::Diagnostic diagnostic;
    diagnostic.file = name;
    diagnostic.line = error.line;
    diagnostic.message = error.reason;
    diagnostics.add(std::move(diagnostic));
    return std::nullopt;
  }
  const auto root = document.document_element();
  if (local_name(root) != "Benchmark") {
    diagnostics.error(name, "", "not an XCCDF Benchmark (root element '" + std::string(root.name()) + "')");
    return std::nullopt;
  }
  Benchmark benchmark;
  benchmark.source = name;
  std::string namespaces;
  for (const auto& attribute : root.attributes()) {
    if (std::string_view(attribute.name()).rfind("xmlns", 0) == 0) namespaces += attribute.value();
  }
  benchmark.format = namespaces.find("xccdf/1.2") != std::string::npos ? "XCCDF 1.2" : "XCCDF 1.1";
  benchmark.id = root.attribute("id").value();
  benchmark.title = detail::trim_copy(text_of(child(root, "title")));
  benchmark.description = detail::trim_copy(text_of(child(root, "description")));
  benchmark.version = detail::trim_copy(text_of(child(root, "version")));
  benchmark.status_date = child(root, "status").attribute("date").value();
  for (const auto& plain : children(root, "plain-text")) {
    if (std::string_view(plain.attribute("id").value()) == "release-info")
      benchmark.release_info = detail::trim_copy(text_of(plain));
  }
  for (const auto& profile : children(root, "Profile"))
    benchmark.profiles.emplace_back(profile.attribute("id").value());

  // DISA writes one Rule per Group; nested Groups occur in other benchmarks and are walked too.
  std::vector<pugi::xml_node> pending{root};
  while (!pending.empty()) {
    const auto group = pending.back();
    pending.pop_back();
    const auto groups = children(group, "Group");
    pending.insert(pending.end(), groups.rbegin(), groups.rend());  // popped in document order
    if (group == root) continue;
    for (const auto& rule : children(group, "Rule")) benchmark.rules.push_back(read_rule(group, rule, benchmark));
  }
  if (benchmark.rules.empty()) diagnostics.warning(name, "", "the benchmark holds no rules");
  return benchmark;
}

}  // namespace scapc::stig
