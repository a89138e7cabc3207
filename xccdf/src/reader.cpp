// XCCDF 1.1/1.2 Benchmark and Tailoring read into the loaded model. Elements are matched by local
// name so prefixes do not matter; anything the evaluation does not use is skipped.
#include <scapc/xccdf_loaded.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <unordered_set>

namespace scapc::xccdf::loaded {
namespace {

// All text below `node` (XHTML markup in descriptions reduced to its text).
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (const auto& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      if (xml::local_name(child) == "sub") {
        out += "{" + std::string(child.attribute("idref").value()) + "}";
      } else {
        out += text_of(child);
      }
    }
  }
  return out;
}

bool is_stig_metadata(const pugi::xml_node& node, std::string_view name) {
  return xml::local_name(node) == name && xml::namespace_uri(node) == kStigNamespace;
}

// scapc's metadata of a rule made from a DISA STIG rule (xccdf.h, kStigNamespace).
std::optional<StigRuleSource> stig_rule_of(const pugi::xml_node& metadata) {
  for (const auto& node : metadata.children()) {
    if (!is_stig_metadata(node, "rule")) continue;
    StigRuleSource out;
    out.benchmark = node.attribute("benchmark").value();
    out.vuln_id = node.attribute("vuln").value();
    out.check_id = node.attribute("check").value();
    for (const auto& child : node.children()) {
      if (is_stig_metadata(child, "check-content")) out.check_text = text_of(child);
      if (is_stig_metadata(child, "field")) out.fields[child.attribute("name").value()] = text_of(child);
    }
    return out;
  }
  return std::nullopt;
}

void stig_benchmarks_of(const pugi::xml_node& metadata, std::vector<StigBenchmark>& out) {
  for (const auto& node : metadata.children()) {
    if (!is_stig_metadata(node, "benchmark")) continue;
    StigBenchmark stig;
    stig.id = node.attribute("id").value();
    stig.version = node.attribute("version").value();
    stig.release_info = node.attribute("release-info").value();
    stig.filename = node.attribute("file").value();
    for (const auto& child : node.children()) {
      if (is_stig_metadata(child, "title")) stig.title = text_of(child);
      if (is_stig_metadata(child, "description")) stig.description = text_of(child);
    }
    out.push_back(std::move(stig));
  }
}

bool is_true(const pugi::xml_attribute& attribute, bool fallback) {
  if (!attribute) return fallback;
  const std::string_view value = attribute.value();
  return value == "true" || value == "1";
}

class Reader {
 public:
  Reader(const std::string& name, std::string_view source, std::string& error)
      : name_(name), source_(source), error_(error) {}

  bool benchmark(const pugi::xml_node& root, Benchmark& out) {
    out.where = name_;
    out.id = root.attribute("id").value();
    if (out.id.empty()) return fail(root, "the Benchmark has no id");
    for (const auto& child : root.children()) {
      const auto tag = xml::local_name(child);
      if (tag == "title" && out.title.empty()) out.title = text_of(child);
      if (tag == "description" && out.description.empty()) out.description = text_of(child);
      if (tag == "version") out.version = text_of(child);
      if (tag == "plain-text" && std::string_view(child.attribute("id").value()) == "release-info") {
        out.release_info = text_of(child);
      }
      if (tag == "metadata") stig_benchmarks_of(child, out.stigs);
      if (tag == "platform") out.platforms.emplace_back(child.attribute("idref").value());
      if (tag == "platform-specification") platform_specification(child, out);
      if (tag == "model") out.scoring_models.emplace_back(child.attribute("system").value());
      if (tag == "Profile") {
        Profile profile;
        if (!this->profile(child, profile)) return false;
        out.profiles.push_back(std::move(profile));
      }
      if (tag == "Value" && !value(child, out.values)) return false;
      if (tag == "Group" || tag == "Rule") {
        Item item;
        if (!this->item(child, out.values, item)) return false;
        out.items.push_back(std::move(item));
      }
    }
    return true;
  }

  bool tailoring(const pugi::xml_node& root, Tailoring& out) {
    out.id = root.attribute("id").value();
    if (out.id.empty()) return fail(root, "the Tailoring has no id");
    for (const auto& child : root.children()) {
      if (xml::local_name(child) == "version") {
        out.version = text_of(child);
        out.version_time = child.attribute("time").value();
      }
      if (xml::local_name(child) != "Profile") continue;
      Profile profile;
      if (!this->profile(child, profile)) return false;
      out.profiles.push_back(std::move(profile));
    }
    return true;
  }

 private:
  bool fail(const pugi::xml_node& node, const std::string& reason) {
    error_ = where(node) + ": " + reason;
    return false;
  }

  [[nodiscard]] std::string where(const pugi::xml_node& node) const {
    const auto offset = node.offset_debug();
    if (offset < 0 || static_cast<std::size_t>(offset) > source_.size()) return name_;
    return name_ + ":" + std::to_string(xml::line_at(source_, offset));
  }

  bool profile(const pugi::xml_node& node, Profile& out) {
    out.where = where(node);
    out.id = node.attribute("id").value();
    if (out.id.empty()) return fail(node, "a Profile has no id");
    if (!profile_ids_.insert(out.id).second) return fail(node, "duplicate Profile id '" + out.id + "'");
    out.extends = node.attribute("extends").value();
    for (const auto& child : node.children()) {
      const auto tag = xml::local_name(child);
      const std::string idref = child.attribute("idref").value();
      if (tag == "title" && out.title.empty()) out.title = text_of(child);
      if (tag != "select" && tag != "refine-value" && tag != "refine-rule" && tag != "set-value") continue;
      if (idref.empty()) return fail(child, "Profile " + out.id + ": " + std::string(tag) + " without idref");
      if (tag == "select") out.selects.push_back({idref, is_true(child.attribute("selected"), true)});
      if (tag == "refine-value") out.refine_values.push_back({idref, child.attribute("selector").value()});
      if (tag == "set-value") out.set_values.emplace_back(idref, text_of(child));
      if (tag == "refine-rule") {
        RefineRule refine{idref, {}, {}, {}, {}};
        if (const auto weight = child.attribute("weight")) {
          if (!number(child, weight.value(), refine.weight.emplace())) return false;
        }
        if (const auto severity = child.attribute("severity")) refine.severity = severity.value();
        if (const auto role = child.attribute("role")) refine.role = role.value();
        if (const auto selector = child.attribute("selector")) refine.selector = selector.value();
        out.refine_rules.push_back(std::move(refine));
      }
    }
    return true;
  }

  bool number(const pugi::xml_node& node, const char* text, double& out) {
    char* end = nullptr;
    out = std::strtod(text, &end);
    if (end == text || *end != '\0' || !std::isfinite(out) || out < 0) {
      return fail(node, "weight '" + std::string(text) + "' is not a non-negative number");
    }
    return true;
  }

  bool value(const pugi::xml_node& node, std::vector<Value>& values) {
    Value out;
    out.id = node.attribute("id").value();
    if (out.id.empty()) return fail(node, "a Value has no id");
    if (!unique_item(node, out.id)) return false;
    if (const auto type = node.attribute("type")) out.type = type.value();
    if (const auto op = node.attribute("operator")) out.op = op.value();
    for (const auto& child : node.children()) {
      if (xml::local_name(child) == "value") out.values[child.attribute("selector").value()] = text_of(child);
    }
    values.push_back(std::move(out));
    return true;
  }

  bool item(const pugi::xml_node& node, std::vector<Value>& values, Item& out) {
    out.kind = xml::local_name(node) == "Group" ? Item::Kind::Group : Item::Kind::Rule;
    out.id = node.attribute("id").value();
    if (out.id.empty()) return fail(node, std::string(xml::local_name(node)) + " without id");
    if (!unique_item(node, out.id)) return false;
    out.cluster_id = node.attribute("cluster-id").value();
    out.selected = is_true(node.attribute("selected"), true);
    if (const auto weight = node.attribute("weight")) {
      if (!number(node, weight.value(), out.weight)) return false;
    }
    if (out.kind == Item::Kind::Rule) {
      if (const auto severity = node.attribute("severity")) out.rule.severity = severity.value();
      if (const auto role = node.attribute("role")) out.rule.role = role.value();
      out.rule.multiple = is_true(node.attribute("multiple"), false);
    }
    for (const auto& child : node.children()) {
      const auto tag = xml::local_name(child);
      if (tag == "title" && out.title.empty()) out.title = text_of(child);
      if (tag == "description" && out.description.empty()) out.description = text_of(child);
      if (tag == "platform") out.platforms.emplace_back(child.attribute("idref").value());
      if (tag == "Value" && !value(child, values)) return false;
      if (tag == "Group" || tag == "Rule") {
        if (out.kind == Item::Kind::Rule) return fail(child, "Rule " + out.id + " contains a " + std::string(tag));
        Item nested;
        if (!item(child, values, nested)) return false;
        out.children.push_back(std::move(nested));
      }
      if (out.kind == Item::Kind::Rule && !rule_part(child, tag, out.rule)) return false;
    }
    return true;
  }

  bool rule_part(const pugi::xml_node& node, std::string_view tag, Rule& out) {
    if (tag == "version") out.version = text_of(node);
    if (tag == "ident") out.idents.push_back({node.attribute("system").value(), text_of(node)});
    if (tag == "reference") out.references.push_back(text_of(node));
    if (tag == "fixtext" && out.fixtext.empty()) out.fixtext = text_of(node);
    if (tag == "fix") out.fixes.push_back(text_of(node));
    if (tag == "metadata" && !out.stig) out.stig = stig_rule_of(node);
    if (tag == "check") {
      Check check;
      read_check(node, check);
      out.checks.push_back(std::move(check));
    }
    if (tag == "complex-check") {
      CheckExpression expression;
      if (!complex_check(node, expression)) return false;
      out.complex_check = std::move(expression);
    }
    return true;
  }

  static void read_check(const pugi::xml_node& node, Check& out) {
    out.system = node.attribute("system").value();
    out.selector = node.attribute("selector").value();
    out.id = node.attribute("id").value();
    out.negate = is_true(node.attribute("negate"), false);
    out.multi_check = is_true(node.attribute("multi-check"), false);
    for (const auto& child : node.children()) {
      const auto tag = xml::local_name(child);
      if (tag == "check-export") {
        out.exports.push_back({child.attribute("value-id").value(), child.attribute("export-name").value()});
      }
      if (tag == "check-content-ref") {
        out.content_refs.push_back({child.attribute("href").value(), child.attribute("name").value()});
      }
      if (tag == "check-content") out.content = text_of(child);
    }
  }

  bool complex_check(const pugi::xml_node& node, CheckExpression& out) {
    out.complex = true;
    const std::string_view op = node.attribute("operator").value();
    if (op != "AND" && op != "OR") return fail(node, "complex-check operator '" + std::string(op) + "'");
    out.and_operator = op == "AND";
    out.negate = is_true(node.attribute("negate"), false);
    for (const auto& child : node.children()) {
      const auto tag = xml::local_name(child);
      CheckExpression expression;
      if (tag == "check") {
        read_check(child, expression.check);
      } else if (tag == "complex-check") {
        if (!complex_check(child, expression)) return false;
      } else {
        continue;
      }
      out.children.push_back(std::move(expression));
    }
    if (out.children.empty()) return fail(node, "complex-check without checks");
    return true;
  }

  void platform_specification(const pugi::xml_node& node, Benchmark& out) {
    for (const auto& platform : node.children()) {
      if (xml::local_name(platform) != "platform") continue;
      PlatformTest test;  // a platform without a logical test matches nothing
      test.and_operator = false;
      std::string title;
      for (const auto& child : platform.children()) {
        if (xml::local_name(child) == "logical-test") logical_test(child, test);
        if (xml::local_name(child) == "title" && title.empty()) title = child.text().get();
      }
      test.title = std::move(title);
      out.platform_tests[platform.attribute("id").value()] = std::move(test);
    }
  }

  static void logical_test(const pugi::xml_node& node, PlatformTest& out) {
    out.kind = PlatformTest::Kind::Logical;
    out.and_operator = std::string_view(node.attribute("operator").value()) != "OR";
    out.negate = is_true(node.attribute("negate"), false);
    for (const auto& child : node.children()) {
      const auto tag = xml::local_name(child);
      PlatformTest test;
      if (tag == "logical-test") {
        logical_test(child, test);
      } else if (tag == "fact-ref") {
        test.kind = PlatformTest::Kind::FactRef;
        test.name = child.attribute("name").value();
      } else if (tag == "check-fact-ref") {
        test.kind = PlatformTest::Kind::CheckFactRef;
        test.href = child.attribute("href").value();
        test.definition = child.attribute("id-ref").value();
      } else {
        continue;
      }
      out.children.push_back(std::move(test));
    }
  }

  // Groups, Rules and Values share one id space (the XCCDF schema's key); a second item with an
  // id would otherwise shadow the first in every lookup.
  bool unique_item(const pugi::xml_node& node, const std::string& id) {
    if (item_ids_.insert(id).second) return true;
    return fail(node, "duplicate id '" + id + "' (" + std::string(xml::local_name(node)) + ")");
  }

  const std::string& name_;
  std::string_view source_;
  std::string& error_;
  std::unordered_set<std::string> item_ids_;
  std::unordered_set<std::string> profile_ids_;
};

}  // namespace

bool read_benchmark(const pugi::xml_node& root, const std::string& name, std::string_view source, Benchmark& out,
                    std::string& error) {
  if (xml::local_name(root) != "Benchmark") {
    error = name + ": not an XCCDF Benchmark (root element " + std::string(root.name()) + ")";
    return false;
  }
  return Reader(name, source, error).benchmark(root, out);
}

bool read_tailoring(const pugi::xml_node& root, const std::string& name, std::string_view source, Tailoring& out,
                    std::string& error) {
  if (xml::local_name(root) != "Tailoring") {
    error = name + ": not an XCCDF Tailoring document (root element " + std::string(root.name()) + ")";
    return false;
  }
  return Reader(name, source, error).tailoring(root, out);
}

std::map<std::string, const Item*> rules_by_id(const Benchmark& benchmark) {
  std::map<std::string, const Item*> out;
  std::vector<const std::vector<Item>*> pending{&benchmark.items};
  while (!pending.empty()) {
    const auto* items = pending.back();
    pending.pop_back();
    for (const auto& item : *items) {
      if (item.kind == Item::Kind::Rule) {
        out.emplace(item.id, &item);
      } else {
        pending.push_back(&item.children);
      }
    }
  }
  return out;
}

}  // namespace scapc::xccdf::loaded
