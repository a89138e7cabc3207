// Which commands the selected rules need. Rule selection and the choice of check follow scapc check
// (check/src/evaluate.cpp), so the collector gathers exactly what an evaluation of the same profile
// reads; the OVAL side is followed by id references from the definitions down to cmdlet objects.
#include <scapc/collector.h>
#include <scapc/exchange_scope.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "allow_list.h"

namespace scapc::collector {
namespace {

using xccdf::loaded::Check;
using xccdf::loaded::CheckExpression;
using xccdf::loaded::Item;
using xccdf::loaded::PlatformTest;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Content text quoted in a one-line message: control characters would break the line.
std::string shown(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 80)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  return "'" + out + (text.size() > 80 ? "...'" : "'");
}

// The OVAL definitions one component needs.
struct Wanted {
  const check::OvalComponent* component = nullptr;
  std::string href;  // how the content names it, for messages
  bool every_definition = false;
  std::set<std::string> definitions;
  // Definition id ("" for the whole component) -> the first rule (or platform) that wants it.
  std::map<std::string, std::string> asked_by;
};

// The rules and platforms an evaluation of the profile would check, and the OVAL definitions behind
// them, keyed by component (one component may be reached through several hrefs).
class Selection {
 public:
  Selection(const check::Content& content, const xccdf::loaded::Evaluation& evaluation)
      : content_(content), evaluation_(evaluation) {
    platforms(content_.benchmark.platforms);
    items(content_.benchmark.items, true);
  }

  [[nodiscard]] const std::map<std::string, Wanted>& wanted() const { return wanted_; }
  // OVAL variable id -> the value in effect the selected checks export to it.
  [[nodiscard]] const std::map<std::string, std::string>& exported() const { return exported_; }

 private:
  [[nodiscard]] const xccdf::loaded::ItemSettings* settings(const Item& item) const {
    const auto found = evaluation_.items.find(item.id);
    return found == evaluation_.items.end() ? nullptr : &found->second;
  }

  [[nodiscard]] bool selected(const Item& item) const {
    const auto* effective = settings(item);
    return effective == nullptr ? item.selected : effective->selected;
  }

  // Groups and rules not selected are not evaluated, and neither are their platforms.
  void items(const std::vector<Item>& list, bool parent_selected) {
    for (const auto& item : list) {
      if (!parent_selected || !selected(item)) continue;
      platforms(item.platforms);
      if (item.kind == Item::Kind::Group) {
        items(item.children, true);
      } else {
        rule(item);
      }
    }
  }

  void rule(const Item& item) {
    asker_ = "rule " + item.id;
    const auto* effective = settings(item);
    const auto& role = effective != nullptr && !effective->role.empty() ? effective->role : item.rule.role;
    if (role == "unchecked") return;  // scapc check does not run its check
    if (item.rule.complex_check) {
      expression(*item.rule.complex_check);
    } else if (const auto* chosen = selected_check(item)) {
      check(*chosen);
    }
  }

  // XCCDF §7.2.3.5.1 as scapc check applies it: checks with the refined selector, else the unnamed
  // ones; the first in a system the checker evaluates (OVAL or OCIL).
  [[nodiscard]] const Check* selected_check(const Item& item) const {
    const auto* effective = settings(item);
    const std::string selector = effective == nullptr ? std::string() : effective->selector;
    for (const auto& wanted : {selector, std::string()}) {
      bool any = false;
      for (const auto& candidate : item.rule.checks) {
        if (candidate.selector != wanted) continue;
        any = true;
        if (candidate.system == xccdf::kOvalSystem || candidate.system.starts_with("http://scap.nist.gov/schema/ocil/"))
          return &candidate;
      }
      if (any) return nullptr;
    }
    return nullptr;
  }

  void expression(const CheckExpression& node) {
    if (!node.complex) check(node.check);
    for (const auto& child : node.children) expression(child);
  }

  // The first check-content-ref naming an OVAL component of the content, as the checker picks it.
  void check(const Check& chosen) {
    if (chosen.system != xccdf::kOvalSystem) return;
    for (const auto& bound : chosen.exports) {
      if (const auto value = evaluation_.values.find(bound.value_id); value != evaluation_.values.end())
        exported_.emplace(bound.export_name, value->second);
    }
    for (const auto& ref : chosen.content_refs) {
      const auto component = content_.oval.find(ref.href);
      if (component == content_.oval.end()) continue;
      want(component->second, ref.href, ref.name);
      return;
    }
  }

  void platforms(const std::vector<std::string>& idrefs) {
    asker_ = "a platform check";
    for (const auto& idref : idrefs) {
      if (!idref.starts_with('#')) {
        cpe_name(idref);
      } else if (const auto test = content_.benchmark.platform_tests.find(idref.substr(1));
                 test != content_.benchmark.platform_tests.end()) {
        platform(test->second);
      }
    }
  }

  void platform(const PlatformTest& test) {
    if (test.kind == PlatformTest::Kind::FactRef) {
      cpe_name(test.name);
    } else if (test.kind == PlatformTest::Kind::CheckFactRef) {
      if (const auto component = content_.oval.find(test.href); component != content_.oval.end())
        want(component->second, test.href, test.definition);
    }
    for (const auto& child : test.children) platform(child);
  }

  void cpe_name(const std::string& name) {
    const auto found = content_.cpe_checks.find(name);
    if (found != content_.cpe_checks.end()) want(found->second.oval, "CPE " + name, found->second.definition);
  }

  void want(const check::OvalComponent& component, const std::string& href, const std::string& definition) {
    auto& wanted = wanted_[component.key];
    if (wanted.component == nullptr) {
      wanted.component = &component;
      wanted.href = href;
    }
    if (definition.empty()) {
      wanted.every_definition = true;
    } else {
      wanted.definitions.insert(definition);
    }
    wanted.asked_by.try_emplace(definition, asker_);
  }

  const check::Content& content_;
  const xccdf::loaded::Evaluation& evaluation_;
  std::map<std::string, Wanted> wanted_;
  std::map<std::string, std::string> exported_;
  std::string asker_;
};

// Everything a set of definitions reaches: criteria (test_ref, extend_definition), tests (object and
// state refs), objects (sets, filters, var_ref), states and variables (var_ref, object_component).
class References {
 public:
  explicit References(const pugi::xml_node& root) {
    for (const auto& group : root.children()) {
      for (const auto& node : group.children()) {
        if (const auto id = node.attribute("id"); id) by_id_.emplace(id.value(), node);
      }
    }
  }

  std::unordered_set<std::string> reached_from(const std::vector<std::string>& definitions) {
    std::unordered_set<std::string> reached;
    std::vector<std::string> pending(definitions.begin(), definitions.end());
    while (!pending.empty()) {
      const auto id = std::move(pending.back());
      pending.pop_back();
      if (!reached.insert(id).second) continue;
      if (const auto node = by_id_.find(id); node != by_id_.end()) references(node->second, pending);
    }
    return reached;
  }

 private:
  static void references(const pugi::xml_node& node, std::vector<std::string>& out) {
    for (const char* attribute : {"test_ref", "definition_ref", "object_ref", "state_ref", "var_ref"}) {
      if (const auto ref = node.attribute(attribute); ref) out.emplace_back(ref.value());
    }
    const auto tag = xml::local_name(node);
    if (tag == "object_reference" || tag == "filter" || tag == "var_ref") out.push_back(trimmed(node.text().get()));
    for (const auto& child : node.children()) {
      if (child.type() == pugi::node_element) references(child, out);
    }
  }

  std::unordered_map<std::string, pugi::xml_node> by_id_;
};

bool is_nil(const pugi::xml_node& node) {
  for (const auto& attribute : node.attributes()) {
    const std::string_view name = attribute.name();
    if ((name == "nil" || name.ends_with(":nil")) && attribute.as_bool()) return true;
  }
  return false;
}

// One cmdlet_object read as the command it runs, checked so that nothing but validated names ever
// becomes code in the script.
class ObjectReader {
 public:
  ObjectReader(const pugi::xml_node& node, std::string where) : node_(node), where_(std::move(where)) {}

  bool read(Invocation& out, std::string& error) {
    out.objects.push_back(node_.attribute("id").value());
    out.verb = trimmed(xml::child(node_, "verb").text().get());
    out.noun = trimmed(xml::child(node_, "noun").text().get());
    // Get cmdlets, and the Test cmdlets of the allow-list, which probe without changing anything.
    if (lower(out.verb) != "get" && lower(out.verb) != "test") {
      return fail("runs " + shown(out.verb + "-" + out.noun) +
                      "; the collector runs only Get cmdlets and the read-only Test cmdlets of its allow-list",
                  error);
    }
    out.verb = lower(out.verb) == "get" ? "Get" : "Test";
    if (!is_plain_name(out.noun)) return fail("cmdlet noun " + shown(out.noun) + " is not a plain name", error);
    if (const auto why = refusal(out.cmdlet()); !why.empty()) return fail(why, error);
    return parameters(out, error) && select(out, error);
  }

 private:
  bool fail(const std::string& why, std::string& error) const {
    error = where_ + ": " + why;
    return false;
  }

  bool parameters(Invocation& out, std::string& error) const {
    const auto record = xml::child(node_, "parameters");
    if (!record || is_nil(record)) return true;
    std::set<std::string> seen;
    for (const auto& field : record.children()) {
      if (xml::local_name(field) != "field") continue;
      const std::string name = field.attribute("name").value();
      if (!is_plain_name(name)) return fail("parameter name " + shown(name) + " is not a plain name", error);
      if (!field.attribute("var_ref").empty()) {
        return fail("parameter " + name + " takes its value from a variable; the collector runs fixed commands only",
                    error);
      }
      if (!seen.insert(lower(name)).second) return fail("parameter " + name + " is given twice", error);
      if (const auto why = refusal(out.cmdlet(), name, field.text().get()); !why.empty()) return fail(why, error);
      out.parameters.push_back({name, field.text().get()});
    }
    std::sort(out.parameters.begin(), out.parameters.end(),
              [](const Parameter& a, const Parameter& b) { return lower(a.name) < lower(b.name); });
    return true;
  }

  // The 'property' field of select, comma-separated as oval/src/collect.cpp reads it; no select (or
  // a nil one) keeps every property.
  bool select(Invocation& out, std::string& error) const {
    const auto record = xml::child(node_, "select");
    out.every_property = !record || is_nil(record);
    if (out.every_property) return true;
    bool any = false;
    for (const auto& field : record.children()) {
      if (xml::local_name(field) != "field" || std::string_view(field.attribute("name").value()) != "property")
        continue;
      if (!field.attribute("var_ref").empty()) return fail("the selected properties come from a variable", error);
      std::stringstream list(field.text().get());
      for (std::string property; std::getline(list, property, ',');) {
        property = trimmed(property);
        if (property.empty()) continue;
        if (!is_plain_name(property)) return fail("property " + shown(property) + " is not a plain name", error);
        out.properties.push_back(property);
        any = true;
      }
    }
    out.every_property = !any;
    return true;
  }

  pugi::xml_node node_;
  std::string where_;
};

// Commands that differ only in case, or in how a switch is written, are one: the bundle reader keys
// output the same way.
std::string invocation_key(const Invocation& invocation) {
  std::vector<std::pair<std::string, std::string>> parameters;
  for (const auto& parameter : invocation.parameters) parameters.emplace_back(parameter.name, parameter.value);
  return oval::invocation_key(invocation.cmdlet(), std::move(parameters));
}

// A server-scoped cmdlet asks for this server, unless the OVAL object already names what to get
// (its -Identity or -Server would clash with ours); the properties that tell an object's server
// are kept whatever the checks select, so that the checker can tell whose each object is.
void scope(Invocation& invocation) {
  const auto& rule = oval::scope_of(invocation.cmdlet());
  // A server-scoped cmdlet whose target the content names (or one the table does not know) gets no
  // recorded scope: what its output covers is not the collector's to say.
  invocation.scope.clear();
  if (rule.scope == oval::CmdletScope::Organization || rule.scope == oval::CmdletScope::Local)
    invocation.scope = oval::to_string(rule.scope);
  const bool names_target =
      std::any_of(invocation.parameters.begin(), invocation.parameters.end(),
                  [](const Parameter& p) { return lower(p.name) == "identity" || lower(p.name) == "server"; });
  if (!rule.server_parameter.empty() && !names_target) {
    invocation.server_parameter = rule.server_parameter;
    invocation.server_parameter_on_edge = rule.parameter_on_edge;
    invocation.scope = "server";
  }
  if (invocation.every_property) return;
  for (const auto& property : rule.attributing_properties) {
    const auto same = [&](const std::string& known) { return lower(known) == lower(std::string(property)); };
    if (std::none_of(invocation.properties.begin(), invocation.properties.end(), same))
      invocation.properties.emplace_back(property);
  }
}

void merge(Invocation& into, Invocation&& from) {
  into.every_property = into.every_property || from.every_property;
  for (auto& property : from.properties) {
    const auto same = [&](const std::string& known) { return lower(known) == lower(property); };
    if (std::none_of(into.properties.begin(), into.properties.end(), same)) into.properties.push_back(property);
  }
  for (auto& object : from.objects) {
    if (std::find(into.objects.begin(), into.objects.end(), object) == into.objects.end())
      into.objects.push_back(std::move(object));
  }
}

// What the script reads for registry and service objects. Registry keys are read whole (every
// value), so objects that pick values by pattern are served too; a key given by a pattern or a
// variable cannot be read without walking the registry, which the script does not do.
struct WindowsReads {
  std::map<std::string, RegistryKey> keys;     // by lower-cased "hive\\key"
  std::map<std::string, FilePath> file_paths;  // by lower-cased path
  // OVAL variable id -> the value the evaluation exports to it (a site value naming a folder).
  std::map<std::string, std::string> exported;
  std::vector<std::string> service_objects;
  std::vector<std::string> audit_policy_objects;
  std::vector<std::string> not_collected;
};

// A fileeffectiverights53_object names one path (filepath, or path with a nil filename for a
// folder, or path and filename), literally or by an exported site value; the script reads its DACL.
void add_file_rights_object(const pugi::xml_node& node, WindowsReads& reads) {
  const std::string id = node.attribute("id").value();
  const auto value_of = [&reads](const pugi::xml_node& entity) -> std::optional<std::string> {
    if (!entity || is_nil(entity) || std::string_view(entity.attribute("operation").as_string("equals")) != "equals")
      return std::nullopt;
    const std::string var_ref = entity.attribute("var_ref").value();
    if (var_ref.empty()) return std::string(entity.text().get());
    const auto found = reads.exported.find(var_ref);
    return found == reads.exported.end() ? std::nullopt : std::optional<std::string>(found->second);
  };
  std::optional<std::string> path;
  if (const auto filepath = xml::child(node, "filepath"); !filepath.empty()) {
    path = value_of(filepath);
  } else if (const auto filename = xml::child(node, "filename"); !filename.empty() && is_nil(filename)) {
    path = value_of(xml::child(node, "path"));
  } else if (const auto folder = value_of(xml::child(node, "path")); folder && value_of(filename)) {
    path = *folder + "\\" + *value_of(filename);
  }
  if (!path || path->empty()) {
    reads.not_collected.push_back(id + ": file path given by a pattern or a variable the profile does not export");
    return;
  }
  auto [found, added] = reads.file_paths.try_emplace(lower(*path), FilePath{*path, {id}});
  if (!added) found->second.objects.push_back(id);
}

void add_windows_object(const pugi::xml_node& node, WindowsReads& reads) {
  const std::string id = node.attribute("id").value();
  if (!xml::child(node, "set").empty()) return;
  if (xml::local_name(node) == "service_object") {
    reads.service_objects.push_back(id);
    return;
  }
  if (xml::local_name(node) == "auditeventpolicysubcategories_object") {
    reads.audit_policy_objects.push_back(id);
    return;
  }
  if (xml::local_name(node) == "fileeffectiverights53_object") {
    add_file_rights_object(node, reads);
    return;
  }
  const auto hive = xml::child(node, "hive");
  const auto key = xml::child(node, "key");
  const auto exact = [](const pugi::xml_node& entity) {
    return entity && entity.attribute("var_ref").empty() &&
           std::string_view(entity.attribute("operation").as_string("equals")) == "equals" && !is_nil(entity);
  };
  static const std::set<std::string> kHives{"HKEY_LOCAL_MACHINE", "HKEY_USERS", "HKEY_CURRENT_CONFIG",
                                            "HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER"};
  if (!exact(hive) || !exact(key) || !kHives.contains(trimmed(hive.text().get()))) {
    reads.not_collected.push_back(id + ": registry key given by a pattern, a variable or an unknown hive");
    return;
  }
  RegistryKey wanted{trimmed(hive.text().get()), key.text().get(), {id}};
  auto [found, added] = reads.keys.try_emplace(lower(wanted.hive + "\\" + wanted.key), wanted);
  if (!added) found->second.objects.push_back(id);
}

// The cmdlet objects (not sets: their members are reached themselves) of one component's wanted
// definitions, in document order, read into `invocations`; registry and service objects into `reads`.
bool add_component(const check::Content& content, const Wanted& wanted, std::map<std::string, Invocation>& invocations,
                   WindowsReads& reads, std::string& error) {
  const auto root =
      wanted.component->definitions ? oval::definitions_root(*wanted.component->definitions) : pugi::xml_node();
  if (!root) {
    error = content.path + ": cannot find the OVAL definitions of " + wanted.href + " (" + wanted.component->key + ")";
    return false;
  }
  std::vector<std::string> definitions(wanted.definitions.begin(), wanted.definitions.end());
  if (wanted.every_definition) definitions = oval::definition_ids(*wanted.component->definitions);
  const auto reached = References(root).reached_from(definitions);
  for (const auto& node : xml::child(root, "objects").children()) {
    const auto type = xml::local_name(node);
    if ((type == "registry_object" || type == "service_object" || type == "auditeventpolicysubcategories_object" ||
         type == "fileeffectiverights53_object") &&
        reached.contains(node.attribute("id").value())) {
      add_windows_object(node, reads);
      continue;
    }
    if (type != "cmdlet_object" || !reached.contains(node.attribute("id").value())) continue;
    if (!xml::child(node, "set").empty()) continue;
    Invocation invocation;
    const std::string id = node.attribute("id").value();
    const auto where = content.path + ": " + wanted.href + ": OVAL object " + id;
    ObjectReader reader(node, where);
    if (!reader.read(invocation, error)) {
      // Which rule brought the object in: what an author looks for first.
      for (const auto& [definition, asker] : wanted.asked_by) {
        if (definition.empty() || References(root).reached_from({definition}).contains(id)) {
          error.insert(where.size(), " (for " + asker + ")");
          break;
        }
      }
      return false;
    }
    const auto key = invocation_key(invocation);
    if (const auto known = invocations.find(key); known != invocations.end()) {
      merge(known->second, std::move(invocation));
    } else {
      invocations.emplace(key, std::move(invocation));
    }
  }
  return true;
}

}  // namespace

// ASCII only, whatever the locale: these names become PowerShell code.
bool is_plain_name(std::string_view name) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (name.empty() || !letter(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

bool plan(const check::Content& content, const xccdf::loaded::Evaluation& evaluation, Plan& out, std::string& error) {
  out = Plan{};
  const Selection selection(content, evaluation);
  std::map<std::string, Invocation> invocations;  // by key: sorted by cmdlet, then parameters
  WindowsReads reads;
  reads.exported = selection.exported();
  for (const auto& [key, wanted] : selection.wanted()) {
    if (!add_component(content, wanted, invocations, reads, error)) {
      // Ids and hrefs come from the content too: the message stays on one line whatever they hold.
      std::replace_if(
          error.begin(), error.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, '?');
      return false;
    }
  }
  for (auto& [key, invocation] : invocations) {
    scope(invocation);
    out.invocations.push_back(std::move(invocation));
  }
  for (auto& [key, read] : reads.keys) out.registry_keys.push_back(std::move(read));
  out.service_objects = std::move(reads.service_objects);
  out.audit_policy_objects = std::move(reads.audit_policy_objects);
  for (auto& [key, path] : reads.file_paths) out.file_paths.push_back(std::move(path));
  out.not_collected = std::move(reads.not_collected);
  return true;
}

}  // namespace scapc::collector
