// Cmdlet output turned into the system characteristics the definitions' cmdlet objects collect.
#include <scapc/clixml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "analysis_model.h"
#include "collected_items.h"
#include "exchange_text.h"
#include "object_entity.h"
#include "pattern.h"
#include "windows_data.h"

namespace scapc::oval {
namespace {

using detail::ObjectEntity;

struct ObjectSpec {
  std::string id;
  std::string cmdlet;  // get-sendconnector
  std::string noun;
  std::string invocation;                             // with its parameters: "get-service -name msexchangepop3*"
  std::string with_status;                            // the same with -Status, where that only adds properties
  std::vector<std::string> select;                    // property names; empty = every property
  std::uint32_t selection = 0;                        // its place in CollectedItems::selections
  std::vector<std::pair<bool, std::string>> filters;  // include?, state id
  std::string set_operator;
  std::vector<std::string> set_references;
  // registry_object, service_object: the item type and the entities that pick the items.
  std::string item_type;
  std::vector<ObjectEntity> entities;
};

// The item type as a view of static text: an item outlives the collector, and may be read after the
// collected items are copied.
std::string_view item_type_name(std::string_view type) {
  static constexpr std::array<std::string_view, 4> kWindows{
      "registry_item", "service_item", "auditeventpolicysubcategories_item", "fileeffectiverights_item"};
  for (const auto known : kWindows) {
    if (known == type) return known;
  }
  return "cmdlet_item";
}

constexpr std::string_view kComplete = "complete";
constexpr std::string_view kDoesNotExist = "does not exist";
constexpr std::string_view kError = "error";
constexpr std::string_view kNotCollected = "not collected";

struct Collected {
  std::string_view flag;
  std::vector<std::uint32_t> items;  // places in CollectedItems::items
};

// An ind-def:variable_object: the values of one variable, as a variable_item.
struct VariableSpec {
  std::string id;
  std::string var_ref;
  std::vector<std::pair<bool, std::string>> filters;  // include?, state id
};

class Collector {
 public:
  Collector(const DefinitionsDocument& definitions, std::shared_ptr<const CmdletOutput> output,
            const std::map<std::string, std::vector<std::string>>& variables,
            const std::map<std::string, std::string>& failed, const std::string& host_name)
      : definitions_(definitions),
        output_(*output),
        variables_(variables),
        failed_(failed),
        collected_(std::make_shared<detail::CollectedItems>()) {
    collected_->output = std::move(output);
    collected_->host_name = host_name;
    const auto root = definitions.source.document_element();
    for (auto group : root.children()) {
      if (local_name(group) != "objects") continue;
      for (auto node : group.children()) {
        if (local_name(node) == "cmdlet_object") read_object(node);
        if (local_name(node) == "registry_object" || local_name(node) == "service_object" ||
            local_name(node) == "auditeventpolicysubcategories_object" ||
            local_name(node) == "fileeffectiverights53_object")
          read_windows_object(node);
        if (local_name(node) == "variable_object") read_variable_object(node);
      }
    }
  }

  // The system characteristics: every object collected, its items numbered in the order they were
  // first made, and objects and items given the ids the document form of them shows.
  std::shared_ptr<SystemCharacteristics> system() {
    for (const auto& [id, spec] : specs_) collect(id);
    for (const auto& [id, spec] : variable_specs_) collect_variable(spec);
    auto system = std::make_shared<SystemCharacteristics>();
    std::size_t size = 0;
    for (const auto& id : ids_) size += std::to_string(id).size();
    for (const auto& [id, collected] : done_) size += id.size();
    // Reserved whole: the items and objects view their ids in it.
    system->text.reserve(size);
    const auto kept = [&system](std::string_view text) {
      const auto start = system->text.size();
      system->text.append(text);
      return std::string_view(system->text).substr(start, text.size());
    };
    system->items.resize(collected_->items.size());
    for (std::size_t i = 0; i < system->items.size(); ++i) {
      auto& item = system->items[i];
      item.id = kept(std::to_string(ids_[i]));
      const auto& made = collected_->items[i];
      item.type =
          made.object == nullptr ? "variable_item" : item_type_name(collected_->selections[made.source].item_type);
      item.collected = collected_.get();
      item.collected_index = static_cast<std::uint32_t>(i);
    }
    system->objects.reserve(done_.size());
    for (const auto& [id, collected] : done_) {
      CollectedObject object;
      object.id = kept(id);
      object.flag = collected.flag;
      object.item_refs.reserve(collected.items.size());
      object.items.reserve(collected.items.size());
      for (const auto item : collected.items) {
        object.item_refs.push_back(system->items[item].id);
        object.items.push_back(&system->items[item]);
      }
      system->objects.emplace(object.id, std::move(object));
    }
    system->collected = std::move(collected_);
    return system;
  }

 private:
  std::uint32_t number_of(const std::string& text) {
    return numbers_.try_emplace(text, static_cast<std::uint32_t>(numbers_.size())).first->second;
  }

  std::uint32_t selection_of(const std::string& noun, const std::vector<std::string>& select,
                             const std::string& item_type = {}) {
    std::string key = item_type + '\n' + noun + '\n';
    for (const auto& property : select) key += property + ',';
    const auto [found, added] = selections_.try_emplace(key, static_cast<std::uint32_t>(collected_->selections.size()));
    if (added) {
      auto& selection = collected_->selections.emplace_back();
      selection.item_type = item_type;
      selection.noun = noun;
      selection.select = select;
      for (const auto& property : select) selection.fields.push_back(lower(property));
      selection.field_of_noun = lower(noun);
    }
    return found->second;
  }

  // Adds an item, numbered next.
  std::uint32_t add_item(const PsObject* object, std::uint32_t source) {
    collected_->items.push_back({object, source});
    ids_.push_back(++last_item_id_);
    return static_cast<std::uint32_t>(collected_->items.size() - 1);
  }

  void read_object(const pugi::xml_node& node) {
    ObjectSpec spec;
    spec.id = node.attribute("id").value();
    std::string verb;
    std::vector<std::pair<std::string, std::string>> parameters;
    for (auto child : node.children()) {
      const auto name = local_name(child);
      if (name == "verb") verb = child.text().get();
      if (name == "noun") spec.noun = child.text().get();
      if (name == "select") {
        for (auto field : child.children()) {
          if (local_name(field) != "field" || std::string_view(field.attribute("name").value()) != "property") continue;
          std::stringstream list(field.text().get());
          for (std::string property; std::getline(list, property, ',');) {
            if (!property.empty()) spec.select.push_back(property);
          }
        }
      }
      if (name == "parameters") {
        for (auto field : child.children()) {
          if (local_name(field) == "field")
            parameters.emplace_back(field.attribute("name").value(), field.text().get());
        }
      }
      if (name == "filter") {
        spec.filters.emplace_back(std::string_view(child.attribute("action").as_string("include")) == "include",
                                  child.text().get());
      }
      if (name == "set") {
        spec.set_operator = child.attribute("set_operator").as_string("UNION");
        for (auto ref : child.children()) {
          if (local_name(ref) == "object_reference") spec.set_references.emplace_back(ref.text().get());
        }
      }
    }
    spec.cmdlet = lower(verb + "-" + spec.noun);
    spec.invocation = invocation_key(spec.cmdlet, parameters);
    // -Status adds live properties to these cmdlets' objects and drops none.
    static const std::set<std::string> kStatusAddsProperties{"get-exchangeserver", "get-mailboxdatabase",
                                                             "get-databaseavailabilitygroup"};
    const bool has_status =
        std::any_of(parameters.begin(), parameters.end(), [](const auto& p) { return lower(p.first) == "status"; });
    if (kStatusAddsProperties.contains(spec.cmdlet) && !has_status) {
      parameters.emplace_back("Status", "");
      spec.with_status = invocation_key(spec.cmdlet, parameters);
    }
    if (spec.set_operator.empty()) spec.selection = selection_of(spec.noun, spec.select);
    specs_[spec.id] = std::move(spec);
  }

  // A registry_object or service_object: its entities, filters and set, as a cmdlet_object's.
  void read_windows_object(const pugi::xml_node& node) {
    ObjectSpec spec;
    spec.id = node.attribute("id").value();
    const std::string type(local_name(node));
    // fileeffectiverights53_object collects the fileeffectiverights_item both of its versions share.
    spec.item_type = type == "fileeffectiverights53_object"
                         ? "fileeffectiverights_item"
                         : type.substr(0, type.size() - std::string_view("_object").size()) + "_item";
    for (auto child : node.children()) {
      const auto name = local_name(child);
      if (name == "filter") {
        spec.filters.emplace_back(std::string_view(child.attribute("action").as_string("include")) == "include",
                                  child.text().get());
      } else if (name == "set") {
        spec.set_operator = child.attribute("set_operator").as_string("UNION");
        for (auto ref : child.children()) {
          if (local_name(ref) == "object_reference") spec.set_references.emplace_back(ref.text().get());
        }
      } else if (name == "hive" || name == "key" || name == "name" || name == "service_name" || name == "path" ||
                 name == "filename" || name == "filepath" || name == "trustee_sid") {
        ObjectEntity entity;
        entity.name = std::string(name);
        entity.operation = child.attribute("operation").as_string("equals");
        entity.value = child.text().get();
        entity.nil = child.attribute("xsi:nil").as_bool() || child.attribute("nil").as_bool();
        if (const std::string var_ref = child.attribute("var_ref").value(); !var_ref.empty()) {
          entity.variable = true;
          entity.values = known_values(var_ref);
          entity.unresolved = entity.values.empty();
        }
        spec.entities.push_back(std::move(entity));
      } else if (name == "behaviors" || name == "windows_view") {
        // How a probe walks the registry; the collector reads the 64-bit view, keys as named.
      }
    }
    if (spec.set_operator.empty()) spec.selection = selection_of({}, {}, spec.item_type);
    specs_[spec.id] = std::move(spec);
  }

  // A variable's values as collection knows them: bound externally, or the definitions' constants.
  [[nodiscard]] std::vector<std::string> known_values(const std::string& var_ref) const {
    if (const auto bound = variables_.find(var_ref); bound != variables_.end()) return bound->second;
    if (const auto declared = definitions_.variables.find(var_ref);
        declared != definitions_.variables.end() && declared->second.kind == "constant_variable")
      return declared->second.values;
    return {};
  }

  void read_variable_object(const pugi::xml_node& node) {
    VariableSpec spec;
    spec.id = node.attribute("id").value();
    for (auto child : node.children()) {
      const auto name = local_name(child);
      if (name == "var_ref") spec.var_ref = child.text().get();
      if (name == "filter") {
        spec.filters.emplace_back(std::string_view(child.attribute("action").as_string("include")) == "include",
                                  child.text().get());
      }
    }
    variable_specs_[spec.id] = std::move(spec);
  }

  // The variable's values (bound externally, or the definitions' constants) in one variable_item;
  // filtered out, the object does not exist. A variable with no value cannot be collected.
  void collect_variable(const VariableSpec& spec) {
    auto values = known_values(spec.var_ref);
    if (values.empty()) {
      done_[spec.id] = {kError, {}};
      return;
    }
    const auto declared = definitions_.variables.find(spec.var_ref);
    const std::string datatype = declared == definitions_.variables.end() ? "string" : declared->second.datatype;
    collected_->variables.push_back({spec.var_ref, datatype, std::move(values)});
    // Numbered before its filters are applied, as the items of objects are: an item filtered out
    // leaves its number unused.
    const auto item = add_item(nullptr, static_cast<std::uint32_t>(collected_->variables.size() - 1));
    Collected collected;
    if (passes_filters(spec.filters, item)) {
      collected.items.push_back(item);
    } else {
      collected_->items.pop_back();
      ids_.pop_back();
      collected_->variables.pop_back();
    }
    collected.flag = collected.items.empty() ? kDoesNotExist : kComplete;
    done_[spec.id] = collected;
  }

  // One item per returned object and property selection, shared by the objects that select alike.
  std::uint32_t item_for(const ObjectSpec& spec, const std::string& invocation, std::size_t index,
                         const PsObject& object) {
    auto& slots = item_slots_[{number_of(invocation), spec.selection}];
    if (slots.empty()) slots.assign(output_.at(invocation).size(), kNoItem);
    if (slots[index] == kNoItem) {
      slots[index] = add_item(&object, spec.selection);
      // Objects collected with every property name their fields after the properties themselves.
      if (spec.select.empty()) {
        for (const auto& [name, value] : object.properties) {
          if (name.empty() || collected_->lowered.contains(name)) continue;
          collected_->lowered.emplace(name, *collected_->names.insert(lower(name)).first);
        }
      }
    }
    return slots[index];
  }

  const Collected& collect(const std::string& id) {
    if (const auto found = done_.find(id); found != done_.end()) return found->second;
    // A set that refers to itself, or a chain of sets too long to follow on the stack.
    if (visiting_.size() >= detail::kMaxReferenceChain || !visiting_.insert(id).second) return done_[id] = {kError, {}};
    const auto& spec = specs_.at(id);
    Collected collected;
    if (!spec.set_operator.empty()) {
      collected = combine(spec);
    } else if (!spec.item_type.empty()) {
      collected = collect_windows(spec);
    } else if (const auto& invocation = data_for(spec); failed_.contains(invocation)) {
      collected.flag = kError;  // the collector ran the cmdlet and it failed
    } else if (const auto output = output_.find(invocation); output == output_.end()) {
      collected.flag = kNotCollected;
    } else {
      for (std::size_t i = 0; i < output->second.size(); ++i) {
        const auto item = item_for(spec, invocation, i, output->second[i]);
        if (passes_filters(spec.filters, item)) collected.items.push_back(item);
      }
      collected.flag = collected.items.empty() ? kDoesNotExist : kComplete;
    }
    visiting_.erase(id);
    return done_[id] = collected;
  }

  // The items of a registry or service object from the Windows data (windows_data.h): a key named
  // exactly is "does not exist" when the collector found it missing or without the value, and "not
  // collected" when it did not read it; keys picked by a pattern can only be the ones the
  // collector happened to read, so such an object is at most "incomplete".
  Collected collect_windows(const ObjectSpec& spec) {
    if (spec.item_type == "auditeventpolicysubcategories_item") return collect_audit_policy(spec);
    if (spec.item_type == "fileeffectiverights_item") return collect_file_rights(spec);
    const bool registry = spec.item_type == "registry_item";
    const auto* hive = detail::entity_named(spec.entities, "hive");
    const auto* key = detail::entity_named(spec.entities, "key");
    const auto* value_name = detail::entity_named(spec.entities, registry ? "name" : "service_name");
    for (const auto& entity : spec.entities) {
      if (entity.unresolved) return {kError, {}};
    }
    if (value_name == nullptr || value_name->nil || (registry && (hive == nullptr || key == nullptr))) {
      return {kError, {}};  // a key without a value name, or a malformed object: nothing to read it as
    }
    std::vector<std::string_view> sources;
    bool exact = true;
    bool failed = false;
    if (!registry) {
      if (failed_.contains(std::string(detail::kServicesKey))) return {kError, {}};
      if (output_.contains(std::string(detail::kServicesKey))) {
        sources.push_back(detail::kServicesKey);
      } else if (output_.contains("get-service")) {
        return collect_derived_services(spec, *value_name);
      } else if (failed_.contains("get-service")) {
        return {kError, {}};
      }
    } else {
      exact = hive->operation == "equals" && key->operation == "equals";
      for (const auto& [invocation, unused] : registry_keys()) {
        const auto hive_and_key = std::string_view(invocation).substr(detail::kRegistryPrefix.size());
        const auto slash = hive_and_key.find('\\');
        const auto hive_picked = detail::picks(*hive, std::string(hive_and_key.substr(0, slash)));
        const auto key_picked = detail::picks(*key, std::string(hive_and_key.substr(slash + 1)));
        if (!hive_picked || !key_picked) return {kError, {}};
        if (!*hive_picked || !*key_picked) continue;
        if (failed_.contains(invocation)) {
          failed = true;
        } else {
          sources.push_back(invocation);
        }
      }
    }
    if (failed && exact) return {kError, {}};
    if (sources.empty()) return {kNotCollected, {}};
    Collected collected;
    for (const auto source : sources) {
      const std::string invocation(source);
      const auto& objects = output_.at(invocation);
      for (std::size_t i = 0; i < objects.size(); ++i) {
        const auto& name_entity = objects[i].properties.front().second;  // registry: hive; service: service_name
        const auto& picked_name = registry ? objects[i].properties[2].second : name_entity;
        const auto picked = detail::picks(*value_name, picked_name.fields.front().second);
        if (!picked) return {kError, {}};
        if (!*picked) continue;
        const auto item = item_for(spec, invocation, i, objects[i]);
        if (passes_filters(spec.filters, item)) collected.items.push_back(item);
      }
    }
    if (!exact || failed) {
      collected.flag = "incomplete";
    } else {
      collected.flag = collected.items.empty() ? kDoesNotExist : kComplete;
    }
    return collected;
  }

  Collected collect_file_rights(const ObjectSpec& spec) {
    auto picked = detail::pick_file_rights(spec.entities, output_, failed_);
    Collected collected{picked.flag, {}};
    for (const auto& [invocation, index] : picked.trustees) {
      const auto item = item_for(spec, invocation, index, output_.at(invocation)[index]);
      if (passes_filters(spec.filters, item)) collected.items.push_back(item);
    }
    if (collected.flag == kComplete && collected.items.empty()) collected.flag = kDoesNotExist;
    return collected;
  }

  // The host's audit policy: one item, or error / not collected.
  Collected collect_audit_policy(const ObjectSpec& spec) {
    const std::string key(detail::kAuditPolicyKey);
    if (failed_.contains(key)) return {kError, {}};
    const auto found = output_.find(key);
    if (found == output_.end() || found->second.empty()) return {kNotCollected, {}};
    Collected collected;
    const auto item = item_for(spec, key, 0, found->second.front());
    if (passes_filters(spec.filters, item)) collected.items.push_back(item);
    collected.flag = collected.items.empty() ? kDoesNotExist : kComplete;
    return collected;
  }

  // Services from Get-Service output (an Export-Clixml folder has no "#services"), made once.
  Collected collect_derived_services(const ObjectSpec& spec, const ObjectEntity& name) {
    auto& services = collected_->derived_services;
    if (derived_slots_.empty()) {
      services = detail::services_from_get_service(output_.at("get-service"));
      derived_slots_.assign(services.size(), kNoItem);
    }
    Collected collected;
    for (std::size_t i = 0; i < services.size(); ++i) {
      const auto picked = detail::picks(name, services[i].properties.front().second.fields.front().second);
      if (!picked) return {kError, {}};
      if (!*picked) continue;
      if (derived_slots_[i] == kNoItem) derived_slots_[i] = add_item(&services[i], spec.selection);
      if (passes_filters(spec.filters, derived_slots_[i])) collected.items.push_back(derived_slots_[i]);
    }
    collected.flag = collected.items.empty() ? kDoesNotExist : kComplete;
    return collected;
  }

  // The registry keys in the data, found once.
  const std::vector<std::pair<std::string, const std::vector<PsObject>*>>& registry_keys() {
    if (!registry_keys_) {
      registry_keys_.emplace();
      for (auto it = output_.lower_bound(std::string(detail::kRegistryPrefix));
           it != output_.end() && it->first.starts_with(detail::kRegistryPrefix); ++it) {
        registry_keys_->emplace_back(it->first, &it->second);
      }
      for (const auto& [invocation, why] : failed_) {
        if (invocation.starts_with(detail::kRegistryPrefix) && !output_.contains(invocation))
          registry_keys_->emplace_back(invocation, nullptr);
      }
    }
    return *registry_keys_;
  }

  // Output of exactly this invocation; else of the same run with a -Status that only adds
  // properties (Get-ExchangeServer -Status); else of the bare cmdlet (Export-Clixml folders cannot
  // say which parameters produced a file).
  [[nodiscard]] const std::string& data_for(const ObjectSpec& spec) const {
    const auto has = [this](const std::string& key) { return failed_.contains(key) || output_.contains(key); };
    if (has(spec.invocation)) return spec.invocation;
    if (!spec.with_status.empty() && has(spec.with_status)) return spec.with_status;
    return has(spec.cmdlet) ? spec.cmdlet : spec.invocation;
  }

  // Whether the item (its place in CollectedItems::items) passes the object's filters, seen as a
  // test sees it.
  bool passes_filters(const std::vector<std::pair<bool, std::string>>& filters, std::uint32_t place) {
    if (filters.empty()) return true;
    Item item;
    item.collected = collected_.get();
    item.collected_index = place;
    const bool passes = std::ranges::all_of(filters, [&](const auto& filter) {
      const auto& [include, state] = filter;
      const bool matches = detail::item_satisfies(definitions_, state, item, variables_, messages_) == Result::True;
      return matches == include;
    });
    // Why a filter did not match is nobody's business: kept for every item of a large object, the
    // messages were a fifth of a check's memory.
    messages_.messages.clear();
    return passes;
  }

  Collected combine(const ObjectSpec& spec) {
    std::vector<Collected> parts;
    for (const auto& ref : spec.set_references) {
      if (!specs_.contains(ref)) return {kError, {}};
      parts.push_back(collect(ref));
    }
    for (const auto& part : parts) {
      if (part.flag == kNotCollected || part.flag == kError) return {part.flag, {}};
    }
    std::vector<std::uint32_t> items = parts.empty() ? std::vector<std::uint32_t>{} : parts.front().items;
    // Marks by item place, not searches: two sets of 40,000 connectors are 1.6 billion compares.
    std::vector<char> in_other(collected_->items.size());
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const auto& other = parts[i].items;
      std::fill(in_other.begin(), in_other.end(), 0);
      for (const auto item : other) in_other[item] = 1;
      std::vector<std::uint32_t> next;
      if (spec.set_operator == "UNION") {
        next = items;
        std::vector<char> in_next(collected_->items.size());
        for (const auto item : next) in_next[item] = 1;
        for (const auto item : other) {
          if (in_next[item] == 0) next.push_back(item);
          in_next[item] = 1;
        }
      } else {
        const bool keep_common = spec.set_operator == "INTERSECTION";
        std::copy_if(items.begin(), items.end(), std::back_inserter(next),
                     [&](std::uint32_t item) { return (in_other[item] != 0) == keep_common; });
      }
      items = std::move(next);
    }
    return {items.empty() ? kDoesNotExist : kComplete, items};
  }

  static constexpr std::uint32_t kNoItem = UINT32_MAX;

  const DefinitionsDocument& definitions_;
  const CmdletOutput& output_;
  const std::map<std::string, std::vector<std::string>>& variables_;
  const std::map<std::string, std::string>& failed_;
  std::shared_ptr<detail::CollectedItems> collected_;
  std::map<std::string, ObjectSpec> specs_;
  std::map<std::string, VariableSpec> variable_specs_;
  std::map<std::string, Collected> done_;
  std::set<std::string> visiting_;
  // An item is one returned object under one selection: for each (invocation, selection), the
  // item made of each returned object, or kNoItem. The invocations' texts are numbered once each.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> item_slots_;
  std::map<std::string, std::uint32_t, std::less<>> numbers_;
  std::map<std::string, std::uint32_t> selections_;
  std::optional<std::vector<std::pair<std::string, const std::vector<PsObject>*>>> registry_keys_;
  std::vector<std::uint32_t> derived_slots_;  // the item of each derived service, or kNoItem
  std::uint32_t last_item_id_ = 0;
  std::vector<std::uint32_t> ids_;  // each item's number, in CollectedItems::items order
  Analysis messages_;
};

}  // namespace

std::shared_ptr<const SystemCharacteristics> collect_cmdlets(
    const DefinitionsDocument& definitions, std::shared_ptr<const CmdletOutput> output,
    const std::map<std::string, std::vector<std::string>>& variables, const std::string& host_name,
    const std::map<std::string, std::string>& failed) {
  return Collector(definitions, std::move(output), variables, failed, host_name).system();
}

}  // namespace scapc::oval
