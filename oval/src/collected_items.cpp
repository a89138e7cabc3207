#include "collected_items.h"

#include <algorithm>

#include "analysis_model.h"
#include "exchange_text.h"
#include "xml_escape.h"

namespace scapc::oval::detail {
namespace {

const PropertyValue* selected_property(const Selection& selection, const PsObject& object, std::string_view name) {
  for (const auto& [candidate, value] : object.properties) {
    // A scalar cmdlet's one value is named after its noun (Get-ExecutionPolicy -> ExecutionPolicy).
    if (same_ignoring_case(candidate.empty() ? selection.noun : candidate, name)) return &value;
  }
  return nullptr;
}

// The fields of an item in order: field(name, datatype, text) for each value of a property,
// missing(name) for a selected property the object lacks.
template <typename Field, typename Missing>
void each_field(const CollectedItems& items, const Selection& selection, const PsObject& object, Field&& field,
                Missing&& missing) {
  if (selection.select.empty()) {
    for (const auto& [name, value] : object.properties) {
      const std::string_view lowered =
          name.empty() ? std::string_view(selection.field_of_noun) : items.lowered.at(name);
      for (const auto& [datatype, text] : value.fields) field(lowered, datatype, text);
    }
    return;
  }
  for (std::size_t i = 0; i < selection.select.size(); ++i) {
    if (const auto* value = selected_property(selection, object, selection.select[i])) {
      for (const auto& [datatype, text] : value->fields) field(selection.fields[i], datatype, text);
    } else {
      missing(selection.fields[i]);
    }
  }
}

// Output collected in a buffer and handed to the writer in large pieces, escaped as xml_escape.h
// says.
class Printer {
 public:
  Printer(pugi::xml_writer& writer, unsigned depth, std::string_view indent)
      : writer_(writer), depth_(depth), indent_(indent) {
    buffer_.reserve(kChunk + 4096);
  }
  Printer(const Printer&) = delete;
  Printer& operator=(const Printer&) = delete;
  ~Printer() { flush(); }

  // `level` counts from the system characteristics element.
  Printer& indent(unsigned level) {
    for (unsigned i = 0; i < depth_ + level; ++i) buffer_.append(indent_);
    return *this;
  }
  Printer& raw(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kChunk) flush();
    return *this;
  }
  Printer& attribute(std::string_view name, std::string_view value) {
    buffer_.append(" ").append(name).append("=\"");
    escaped(value, true);
    buffer_.push_back('"');
    return *this;
  }
  // The end of a start tag whose element holds `text` only: " />" when it is empty, as pugixml
  // prints an element without content.
  Printer& text_content(std::string_view tag, std::string_view text) {
    if (text.empty()) return raw(" />\n");
    buffer_.push_back('>');
    escaped(text, false);
    return raw("</").raw(tag).raw(">\n");
  }
  Printer& text_element(unsigned level, std::string_view tag, std::string_view text) {
    indent(level).raw("<").raw(tag);
    return text_content(tag, text);
  }

 private:
  void flush() {
    if (!buffer_.empty()) writer_.write(buffer_.data(), buffer_.size());
    buffer_.clear();
  }

  void escaped(std::string_view text, bool in_attribute) { append_escaped(buffer_, text, in_attribute); }

  static constexpr std::size_t kChunk = 1 << 16;
  pugi::xml_writer& writer_;
  unsigned depth_;
  std::string_view indent_;
  std::string buffer_;
};

void print_header(Printer& out, const std::string& host_name) {
  out.indent(0).raw(
      "<oval_system_characteristics xmlns=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5\" "
      "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\" "
      "xmlns:win-sc=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#windows\" "
      "xmlns:ind-sc=\"http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent\">\n");
  out.indent(1).raw("<generator>\n");
  out.text_element(2, "oval:product_name", "scapc");
  out.text_element(2, "oval:schema_version", "5.11.2");
  // Fixed, so that results of the same data are the same bytes; the results carry the run's time.
  out.text_element(2, "oval:timestamp", "2000-01-01T00:00:00");
  out.indent(1).raw("</generator>\n");
  out.indent(1).raw("<system_info>\n");
  out.text_element(2, "os_name", "Microsoft Windows");
  out.text_element(2, "os_version", "unknown");
  out.text_element(2, "architecture", "x86_64");
  out.text_element(2, "primary_host_name", host_name);
  out.indent(2).raw("<interfaces />\n");
  out.indent(1).raw("</system_info>\n");
}

void print_objects(Printer& out, const SystemCharacteristics& system) {
  if (system.objects.empty()) {
    out.indent(1).raw("<collected_objects />\n");
    return;
  }
  std::vector<const CollectedObject*> objects;
  objects.reserve(system.objects.size());
  for (const auto& [id, object] : system.objects) objects.push_back(&object);
  std::sort(objects.begin(), objects.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  out.indent(1).raw("<collected_objects>\n");
  for (const auto* object : objects) {
    out.indent(2).raw("<object").attribute("id", object->id).attribute("version", "1").attribute("flag", object->flag);
    if (object->item_refs.empty()) {
      out.raw(" />\n");
      continue;
    }
    out.raw(">\n");
    for (const auto& ref : object->item_refs) out.indent(3).raw("<reference").attribute("item_ref", ref).raw(" />\n");
    out.indent(2).raw("</object>\n");
  }
  out.indent(1).raw("</collected_objects>\n");
}

void print_variable_item(Printer& out, const Item& item, const VariableValues& variable) {
  out.indent(2).raw("<ind-sc:variable_item").attribute("id", item.id).raw(">\n");
  out.text_element(3, "ind-sc:var_ref", variable.var_ref);
  for (const auto& value : variable.values) {
    out.indent(3).raw("<ind-sc:value");
    if (variable.datatype != "string") out.attribute("datatype", variable.datatype);
    out.text_content("ind-sc:value", value);
  }
  out.indent(2).raw("</ind-sc:variable_item>\n");
}

void print_cmdlet_item(Printer& out, const CollectedItems& items, const Item& item, const CollectedItem& collected) {
  const auto& selection = items.selections[collected.source];
  out.indent(2).raw("<win-sc:cmdlet_item").attribute("id", item.id).raw(">\n");
  out.text_element(3, "win-sc:verb", "Get");
  out.text_element(3, "win-sc:noun", selection.noun);
  out.indent(3).raw("<win-sc:value datatype=\"record\"");
  bool open = false;
  const auto start_field = [&](std::string_view name) {
    if (!open) out.raw(">\n");
    open = true;
    out.indent(4).raw("<field").attribute("name", name);
  };
  each_field(
      items, selection, *collected.object,
      [&](std::string_view name, std::string_view datatype, std::string_view text) {
        start_field(name);
        if (datatype != "string") out.attribute("datatype", datatype);
        out.text_content("field", text);
      },
      [&](std::string_view name) {
        start_field(name);
        out.attribute("status", "does not exist").raw(" />\n");
      });
  if (open) {
    out.indent(3).raw("</win-sc:value>\n");
  } else {
    out.raw(" />\n");
  }
  out.indent(2).raw("</win-sc:cmdlet_item>\n");
}

// A registry or service item: its properties are its entities.
void print_windows_item(Printer& out, const CollectedItems& items, const Item& item, const CollectedItem& collected) {
  const auto& selection = items.selections[collected.source];
  const auto tag = "win-sc:" + selection.item_type;
  out.indent(2).raw("<").raw(tag).attribute("id", item.id).raw(">\n");
  for (const auto& [name, value] : collected.object->properties) {
    const auto entity = "win-sc:" + name;
    for (const auto& [datatype, text] : value.fields) {
      out.indent(3).raw("<").raw(entity);
      if (datatype != "string") out.attribute("datatype", datatype);
      out.text_content(entity, text);
    }
  }
  out.indent(2).raw("</").raw(tag).raw(">\n");
}

}  // namespace

void collected_entities(const CollectedItems& items, std::uint32_t index, std::vector<Entity>& out,
                        const std::vector<std::string_view>* only) {
  out.clear();
  const auto wanted = [only](std::string_view name) {
    return only == nullptr || std::find(only->begin(), only->end(), name) != only->end();
  };
  const auto add = [&out](std::string_view name, std::string_view datatype, std::string_view value) -> Entity& {
    auto& entity = out.emplace_back();
    entity.name = name;
    entity.datatype = datatype;
    entity.value = value;
    return entity;
  };
  const auto& item = items.items[index];
  if (item.object == nullptr) {
    const auto& variable = items.variables[item.source];
    if (wanted("var_ref")) add("var_ref", "string", variable.var_ref);
    if (wanted("value")) {
      for (const auto& value : variable.values) add("value", variable.datatype, value);
    }
    return;
  }
  const auto& selection = items.selections[item.source];
  if (!selection.item_type.empty()) {
    for (const auto& [name, value] : item.object->properties) {
      if (!wanted(name)) continue;
      for (const auto& [datatype, text] : value.fields) add(name, datatype, text);
    }
    return;
  }
  if (wanted("verb")) add("verb", "string", "Get");
  if (wanted("noun")) add("noun", "string", selection.noun);
  if (!wanted("value")) return;
  auto& record = add("value", "record", {});
  record.record = true;
  each_field(
      items, selection, *item.object,
      [&record](std::string_view name, std::string_view datatype, std::string_view text) {
        auto& field = record.fields.emplace_back();
        field.name = name;
        field.datatype = datatype;
        field.record = datatype == "record";
        if (!field.record) field.value = text;
      },
      [&record](std::string_view name) {
        auto& field = record.fields.emplace_back();
        field.name = name;
        field.status = "does not exist";
      });
}

void print_collected(const SystemCharacteristics& system, pugi::xml_writer& writer, unsigned depth,
                     std::string_view indent) {
  const auto& items = *system.collected;
  Printer out(writer, depth, indent);
  print_header(out, items.host_name);
  print_objects(out, system);
  if (system.items.empty()) {
    out.indent(1).raw("<system_data />\n");
  } else {
    out.indent(1).raw("<system_data>\n");
    for (const auto& item : system.items) {
      const auto& collected = items.items[item.collected_index];
      if (collected.object == nullptr) {
        print_variable_item(out, item, items.variables[collected.source]);
      } else if (!items.selections[collected.source].item_type.empty()) {
        print_windows_item(out, items, item, collected);
      } else {
        print_cmdlet_item(out, items, item, collected);
      }
    }
    out.indent(1).raw("</system_data>\n");
  }
  out.indent(0).raw("</oval_system_characteristics>\n");
}

}  // namespace scapc::oval::detail
