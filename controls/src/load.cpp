#include "scapc/controls/load.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <system_error>

#include "control_reader.h"
#include "json_document.h"

namespace scapc::controls {
namespace {

using detail::child_pointer;
using detail::Source;
using nlohmann::json;

// Larger files are not catalogs; refusing them keeps a stray input from exhausting memory.
constexpr std::uintmax_t kMaxFileSize = std::uintmax_t{64} * 1024 * 1024;

void read_controls(const Source& source, const json& array, const std::string& pointer, Catalog& catalog) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (auto control = detail::read_control(source, array[i], child_pointer(pointer, i))) {
      catalog.controls.push_back(std::move(*control));
    }
  }
}

// One document: a control, an array of controls, or an object holding "controls".
void read_document(std::string_view text, const std::string& file, LoadResult& result) {
  const Source source{file, result.diagnostics};
  const auto document = detail::parse_json(text, file, result.diagnostics);
  if (!document) return;
  if (document->is_array()) {
    read_controls(source, *document, "", result.catalog);
    return;
  }
  if (document->is_object() && document->contains("controls") && !document->contains("id")) {
    detail::FieldReader fields(source, *document, "");
    fields.reject_unknown({"title", "version", "description", "controls"}, Diagnostic::Level::Warning, "a catalog");
    if (const auto title = fields.string("title", detail::Presence::Optional)) result.catalog.title = *title;
    if (const auto version = fields.string("version", detail::Presence::Optional)) result.catalog.version = *version;
    if (const auto description = fields.string("description", detail::Presence::Optional)) {
      result.catalog.description = *description;
    }
    if (const json* controls = fields.array("controls", detail::Presence::Required)) {
      read_controls(source, *controls, "/controls", result.catalog);
    }
    return;
  }
  if (document->is_object()) {
    if (auto control = detail::read_control(source, *document, ""))
      result.catalog.controls.push_back(std::move(*control));
    return;
  }
  result.diagnostics.error(file, "",
                           std::string("a catalog must be a control, an array of controls or an object with "
                                       "'controls', not ") +
                               detail::json_type_name(*document));
}

bool read_file(const std::filesystem::path& path, std::string& text, Diagnostics& diagnostics) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    diagnostics.error(path.string(), "", "cannot read: " + error.message());
    return false;
  }
  if (size > kMaxFileSize) {
    diagnostics.error(path.string(), "", "file is larger than 64 MiB; not a catalog");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in.good() && !in.eof()) {
    diagnostics.error(path.string(), "", "cannot read the file");
    return false;
  }
  text = buffer.str();
  return true;
}

bool is_catalog_file(const std::filesystem::directory_entry& entry) {
  const auto name = entry.path().filename().string();
  const auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return entry.is_regular_file() && ends_with(".json") && !ends_with(".schema.json");
}

// Checks that span controls: ids and site value ids are unique across the whole catalog.
void check_unique_ids(LoadResult& result) {
  std::map<std::string, const Control*> controls;
  std::map<std::string, const Control*> values;
  const auto where = [](const Control& control) {
    return control.source + ":" + (control.pointer.empty() ? "/" : control.pointer);
  };
  for (const auto& control : result.catalog.controls) {
    const auto [first, inserted] = controls.emplace(control.id, &control);
    if (!inserted) {
      result.diagnostics.error(
          control.source, control.pointer + "/id",
          "duplicate control id '" + control.id + "' (first defined at " + where(*first->second) + ")");
    }
    for (const auto& value : control.values) {
      const auto [other, fresh] = values.emplace(value.id, &control);
      if (!fresh) {
        result.diagnostics.error(
            control.source, control.pointer + "/check/values",
            "site value id '" + value.id + "' is already declared by control '" + other->second->id + "'");
      }
    }
  }
}

void check_catalog(LoadResult& result, const std::string& origin) {
  check_unique_ids(result);
  if (result.catalog.controls.empty() && !result.diagnostics.has_errors()) {
    result.diagnostics.error(origin, "", "the catalog holds no controls");
  }
}

}  // namespace

LoadResult load_catalog_text(std::string_view text, std::string_view name) {
  LoadResult result;
  read_document(text, std::string(name), result);
  check_catalog(result, std::string(name));
  return result;
}

LoadResult load_catalog(const std::filesystem::path& path) {
  LoadResult result;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
      if (is_catalog_file(entry)) files.push_back(entry.path());
    }
    if (error) {
      result.diagnostics.error(path.string(), "", "cannot list the directory: " + error.message());
      return result;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      result.diagnostics.error(path.string(), "", "the directory holds no *.json control files");
      return result;
    }
    std::string text;
    for (const auto& file : files) {
      if (read_file(file, text, result.diagnostics)) read_document(text, file.string(), result);
    }
  } else {
    std::string text;
    if (!read_file(path, text, result.diagnostics)) return result;
    read_document(text, path.string(), result);
  }
  check_catalog(result, path.string());
  return result;
}

LoadResult merge_catalogs(std::vector<Catalog> catalogs) {
  LoadResult result;
  auto& merged = result.catalog;
  for (auto& catalog : catalogs) {
    if (merged.title.empty()) merged.title = std::move(catalog.title);
    if (merged.version.empty()) merged.version = std::move(catalog.version);
    if (merged.description.empty()) merged.description = std::move(catalog.description);
    std::move(catalog.controls.begin(), catalog.controls.end(), std::back_inserter(merged.controls));
  }
  check_unique_ids(result);
  return result;
}

}  // namespace scapc::controls
