// Cmdlet output turned into the system characteristics the definitions' cmdlet objects collect.
#include <scapc/clixml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include "analysis_model.h"
#include "exchange_text.h"

namespace scapc::oval {
namespace {

struct ObjectSpec {
  std::string id;
  std::string cmdlet;  // get-sendconnector
  std::string noun;
  std::string invocation;                             // with its parameters: "get-service -name msexchangepop3*"
  std::string with_status;                            // the same with -Status, where that only adds properties
  std::vector<std::string> select;                    // property names; empty = every property
  std::vector<std::pair<bool, std::string>> filters;  // include?, state id
  std::string set_operator;
  std::vector<std::string> set_references;
};

struct Collected {
  std::string flag;
  std::vector<int> items;
};

// An ind-def:variable_object: the values of one variable, as a variable_item.
struct VariableSpec {
  std::string id;
  std::string var_ref;
  std::vector<std::pair<bool, std::string>> filters;  // include?, state id
};

class Collector {
 public:
  Collector(const DefinitionsDocument& definitions, const CmdletOutput& output,
            const std::map<std::string, std::vector<std::string>>& variables, const std::set<std::string>& failed)
      : definitions_(definitions), output_(output), variables_(variables), failed_(failed) {
    const auto root = definitions.source.document_element();
    for (auto group : root.children()) {
      if (local_name(group) != "objects") continue;
      for (auto node : group.children()) {
        if (local_name(node) == "cmdlet_object") read_object(node);
        if (local_name(node) == "variable_object") read_variable_object(node);
      }
    }
  }

  std::string document(const std::string& host_name) {
    for (const auto& [id, spec] : specs_) collect(id);
    for (const auto& [id, spec] : variable_specs_) collect_variable(spec);
    std::size_t size = 4096;
    for (const auto& xml : item_xml_) size += xml.size();
    for (const auto& [id, collected] : done_) size += id.size() + 64 + collected.items.size() * 32;
    std::string out;
    out.reserve(size);
    out +=
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oval_system_characteristics "
        "xmlns=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5\" "
        "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\" "
        "xmlns:win-sc=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#windows\" "
        "xmlns:ind-sc=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent\">\n"
        "<generator><oval:product_name>scapc</oval:product_name><oval:schema_version>5.11.2</oval:schema_version>"
        "<oval:timestamp>2000-01-01T00:00:00</oval:timestamp></generator>\n<system_info><os_name>Microsoft Windows"
        "</os_name><os_version>unknown</os_version><architecture>x86_64</architecture><primary_host_name>";
    out += escape(host_name);
    out += "</primary_host_name><interfaces/></system_info>\n<collected_objects>\n";
    for (const auto& [id, collected] : done_) {
      out.append("<object id=\"").append(id).append(R"(" version="1" flag=")").append(collected.flag).append("\"");
      if (collected.items.empty()) {
        out += "/>\n";
        continue;
      }
      out += ">\n";
      for (int item : collected.items)
        out.append("<reference item_ref=\"").append(std::to_string(item)).append("\"/>\n");
      out += "</object>\n";
    }
    out += "</collected_objects>\n<system_data>\n";
    // Each item's text is freed once copied: the document is the only copy left.
    for (auto& xml : item_xml_) {
      out += xml;
      std::string().swap(xml);
    }
    out += "</system_data>\n</oval_system_characteristics>\n";
    return out;
  }

 private:
  std::string_view kept(std::string text) { return *texts_.insert(std::move(text)).first; }
  std::size_t number_of(const std::string& text) { return numbers_.try_emplace(text, numbers_.size()).first->second; }

  static void escape_into(std::string& out, std::string_view text) {
    for (char c : text) {
      if (c == '&') {
        out += "&amp;";
      } else if (c == '<') {
        out += "&lt;";
      } else if (c == '>') {
        out += "&gt;";
      } else if (c == '"') {
        out += "&quot;";
      } else {
        out += c;
      }
    }
  }
  // string is the OVAL default datatype, so it is left out.
  static void append_datatype(std::string& out, std::string_view datatype) {
    if (datatype == "string") return;
    out.append(" datatype=\"");
    escape_into(out, datatype);
    out += '"';
  }

  static std::string escape(std::string_view text) {
    std::string out;
    escape_into(out, text);
    return out;
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
    specs_[spec.id] = std::move(spec);
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
    std::vector<std::string> values;
    if (const auto bound = variables_.find(spec.var_ref); bound != variables_.end()) {
      values = bound->second;
    } else if (const auto declared = definitions_.variables.find(spec.var_ref);
               declared != definitions_.variables.end() && declared->second.kind == "constant_variable") {
      values = declared->second.values;
    }
    if (values.empty()) {
      done_[spec.id] = {"error", {}};
      return;
    }
    const auto declared = definitions_.variables.find(spec.var_ref);
    const std::string_view datatype =
        declared == definitions_.variables.end() ? std::string_view("string") : declared->second.datatype;
    const int id = ++last_item_id_;
    Item item;
    Entity reference;
    reference.name = "var_ref";
    reference.value = spec.var_ref;
    item.entities.push_back(reference);
    std::string xml = "<ind-sc:variable_item id=\"" + std::to_string(id) + "\"><ind-sc:var_ref>";
    escape_into(xml, spec.var_ref);
    xml += "</ind-sc:var_ref>";
    for (const auto& value : values) {
      xml += "<ind-sc:value";
      append_datatype(xml, datatype);
      xml += '>';
      escape_into(xml, value);
      xml += "</ind-sc:value>";
      Entity entity;
      entity.name = "value";
      entity.datatype = datatype;
      entity.value = kept(value);
      item.entities.push_back(entity);
    }
    xml += "</ind-sc:variable_item>\n";
    Collected collected;
    const bool kept = passes_filters(spec.filters, item);
    if (kept) {
      item_xml_.push_back(std::move(xml));
      items_[id] = std::move(item);
      collected.items.push_back(id);
    }
    collected.flag = collected.items.empty() ? "does not exist" : "complete";
    done_[spec.id] = collected;
  }

  // One item per returned object and property selection, shared by the objects that select alike.
  int item_for(const ObjectSpec& spec, const std::string& invocation, std::size_t index, const PsObject& object) {
    std::string selection;
    for (const auto& property : spec.select) selection += property + ',';
    const ItemKey key{number_of(invocation), index, number_of(selection)};
    int id = 0;
    if (const auto found = item_ids_.find(key); found != item_ids_.end()) {
      id = found->second;
    } else {
      id = ++last_item_id_;
      item_ids_.emplace(key, id);
      item_xml_.push_back(item_xml(id, spec, object));
    }
    // Only object filters look at an item's entities before the document is read: kept for them
    // alone, they were the largest part of collecting 40,000 connectors.
    if (!spec.filters.empty() && !items_.contains(id)) items_[id] = item_entities(spec, object);
    return id;
  }

  // The fields of an item of `object` under the spec's selection, in order: field(name, datatype,
  // text) for each value, missing(name) for a selected property the object lacks.
  template <typename Field, typename Missing>
  static void each_field(const ObjectSpec& spec, const PsObject& object, Field&& field, Missing&& missing) {
    const auto add = [&](const std::string& name, const PropertyValue& value) {
      for (const auto& [datatype, text] : value.fields) field(name, datatype, text);
    };
    const auto property = [&](const std::string& name) -> const PropertyValue* {
      for (const auto& [candidate, value] : object.properties) {
        // A scalar cmdlet's one value is named after its noun (Get-ExecutionPolicy -> ExecutionPolicy).
        if (same_ignoring_case(candidate.empty() ? spec.noun : candidate, name)) return &value;
      }
      return nullptr;
    };
    if (spec.select.empty()) {
      for (const auto& [name, value] : object.properties) add(name.empty() ? spec.noun : name, value);
      return;
    }
    for (const auto& name : spec.select) {
      if (const auto* value = property(name)) {
        add(name, *value);
      } else {
        missing(name);
      }
    }
  }

  // Appended to a string: an ostringstream per item was a tenth of collecting.
  static std::string item_xml(int id, const ObjectSpec& spec, const PsObject& object) {
    std::string xml =
        "<win-sc:cmdlet_item id=\"" + std::to_string(id) + "\"><win-sc:verb>Get</win-sc:verb><win-sc:noun>";
    escape_into(xml, spec.noun);
    xml += "</win-sc:noun><win-sc:value datatype=\"record\">";
    each_field(
        spec, object,
        [&](const std::string& name, const std::string& datatype, const std::string& text) {
          xml += "<field name=\"";
          escape_into(xml, lower(name));
          xml += '"';
          append_datatype(xml, datatype);
          xml += '>';
          escape_into(xml, text);
          xml += "</field>";
        },
        [&](const std::string& name) {
          xml += "<field name=\"";
          escape_into(xml, lower(name));
          xml += R"(" status="does not exist"/>)";
        });
    xml += "</win-sc:value></win-sc:cmdlet_item>\n";
    return xml;
  }

  // The item as object filters see it: its value record (a property the object lacks is left out).
  Item item_entities(const ObjectSpec& spec, const PsObject& object) {
    Entity record;
    record.name = "value";
    record.record = true;
    each_field(
        spec, object,
        [&](const std::string& name, const std::string& datatype, const std::string& text) {
          Entity field;
          field.name = kept(lower(name));
          field.datatype = datatype;
          field.value = text;
          record.fields.push_back(std::move(field));
        },
        [](const std::string&) {});
    Item item;
    item.entities.push_back(std::move(record));
    return item;
  }

  const Collected& collect(const std::string& id) {
    if (const auto found = done_.find(id); found != done_.end()) return found->second;
    // A set that refers to itself, or a chain of sets too long to follow on the stack.
    if (visiting_.size() >= detail::kMaxReferenceChain || !visiting_.insert(id).second)
      return done_[id] = {"error", {}};
    const auto& spec = specs_.at(id);
    Collected collected;
    if (!spec.set_operator.empty()) {
      collected = combine(spec);
    } else if (const auto& invocation = data_for(spec); failed_.contains(invocation)) {
      collected.flag = "error";  // the collector ran the cmdlet and it failed
    } else if (const auto output = output_.find(invocation); output == output_.end()) {
      collected.flag = "not collected";
    } else {
      for (std::size_t i = 0; i < output->second.size(); ++i) {
        const int item = item_for(spec, invocation, i, output->second[i]);
        if (spec.filters.empty() || passes_filters(spec.filters, items_.at(item))) collected.items.push_back(item);
      }
      collected.flag = collected.items.empty() ? "does not exist" : "complete";
    }
    visiting_.erase(id);
    return done_[id] = collected;
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

  bool passes_filters(const std::vector<std::pair<bool, std::string>>& filters, const Item& item) {
    return std::ranges::all_of(filters, [&](const auto& filter) {
      const auto& [include, state] = filter;
      const bool matches = detail::item_satisfies(definitions_, state, item, variables_, messages_) == Result::True;
      return matches == include;
    });
  }

  Collected combine(const ObjectSpec& spec) {
    std::vector<Collected> parts;
    for (const auto& ref : spec.set_references) {
      if (!specs_.contains(ref)) return {"error", {}};
      parts.push_back(collect(ref));
    }
    for (const auto& part : parts) {
      if (part.flag == "not collected" || part.flag == "error") return {part.flag, {}};
    }
    std::vector<int> items = parts.empty() ? std::vector<int>{} : parts.front().items;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      std::vector<int> next;
      const auto& other = parts[i].items;
      const auto in_other = [&](int item) { return std::find(other.begin(), other.end(), item) != other.end(); };
      if (spec.set_operator == "UNION") {
        next = items;
        for (int item : other) {
          if (std::find(next.begin(), next.end(), item) == next.end()) next.push_back(item);
        }
      } else {
        const bool keep_common = spec.set_operator == "INTERSECTION";
        std::copy_if(items.begin(), items.end(), std::back_inserter(next),
                     [&](int item) { return in_other(item) == keep_common; });
      }
      items = std::move(next);
    }
    return {items.empty() ? "does not exist" : "complete", items};
  }

  const DefinitionsDocument& definitions_;
  const CmdletOutput& output_;
  const std::map<std::string, std::vector<std::string>>& variables_;
  const std::set<std::string>& failed_;
  std::map<std::string, ObjectSpec> specs_;
  std::map<std::string, VariableSpec> variable_specs_;
  std::map<std::string, Collected> done_;
  std::set<std::string> visiting_;
  // An item is one returned object under one selection: (invocation, index, selection), the texts
  // numbered once each. A key of their joined text was a sixth of collecting 40,000 connectors.
  using ItemKey = std::tuple<std::size_t, std::size_t, std::size_t>;
  std::map<ItemKey, int> item_ids_;
  std::map<std::string, std::size_t, std::less<>> numbers_;
  int last_item_id_ = 0;
  std::map<int, Item> items_;
  // What the items' entity names view (the other texts are output_'s), each text once: 40,000
  // connectors have the same few property names.
  std::set<std::string, std::less<>> texts_;
  std::vector<std::string> item_xml_;
  Analysis messages_;
};

}  // namespace

std::shared_ptr<const SystemCharacteristics> collect_cmdlets(
    const DefinitionsDocument& definitions, const CmdletOutput& output,
    const std::map<std::string, std::vector<std::string>>& variables, const std::string& host_name, std::string& error,
    const std::set<std::string>& failed) {
  // The collector's items and indexes are gone before the document is parsed: both at once were
  // the peak of checking a host with many objects.
  std::string text;
  {
    Collector collector(definitions, output, variables, failed);
    text = collector.document(host_name);
  }
  return read_system_characteristics_text(std::move(text), "collected cmdlet output", error);
}

}  // namespace scapc::oval
