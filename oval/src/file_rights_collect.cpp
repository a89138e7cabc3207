// Which trustees of which paths a fileeffectiverights53_object picks from the collected file rights.
#include <algorithm>

#include "exchange_text.h"
#include "object_entity.h"
#include "windows_data.h"

namespace scapc::oval::detail {
namespace {

// The full paths the object names: filepath, or path (a folder, filename nil) or path\filename.
std::optional<std::vector<std::string>> named_paths(const std::vector<ObjectEntity>& entities) {
  const auto* filepath = entity_named(entities, "filepath");
  const auto* path = entity_named(entities, "path");
  const auto* filename = entity_named(entities, "filename");
  const auto values_of = [](const ObjectEntity& entity) {
    return entity.variable ? entity.values : std::vector<std::string>{entity.value};
  };
  if (filepath != nullptr) return values_of(*filepath);
  if (path == nullptr || filename == nullptr) return std::nullopt;
  if (filename->nil) return values_of(*path);
  std::vector<std::string> out;
  for (const auto& folder : values_of(*path)) {
    for (const auto& name : values_of(*filename)) out.push_back(file_rights_path(folder) + "\\" + name);
  }
  return out;
}

}  // namespace

FileRightsPicked pick_file_rights(const std::vector<ObjectEntity>& entities, const CmdletOutput& output,
                                  const std::map<std::string, std::string>& failed) {
  for (const auto& entity : entities) {
    if (entity.unresolved) return {"error", {}};
  }
  const auto* trustee = entity_named(entities, "trustee_sid");
  const auto paths = named_paths(entities);
  const auto* path_entity = entity_named(entities, entity_named(entities, "filepath") != nullptr ? "filepath" : "path");
  if (trustee == nullptr || !paths || path_entity->operation != "equals") return {"not collected", {}};
  FileRightsPicked out;
  bool unread = false;
  bool unreadable = false;
  for (const auto& path : *paths) {
    const auto key = file_rights_output_key(path);
    // Windows paths ignore case: the data's key may be spelled otherwise.
    auto found = output.find(key);
    for (auto it = output.lower_bound(std::string(kFileRightsPrefix));
         found == output.end() && it != output.end() && it->first.starts_with(kFileRightsPrefix); ++it) {
      if (same_ignoring_case(it->first, key)) found = it;
    }
    const bool failed_here = std::any_of(failed.begin(), failed.end(),
                                         [&](const auto& entry) { return same_ignoring_case(entry.first, key); });
    if (found == output.end()) {
      (failed_here ? unreadable : unread) = true;
      continue;
    }
    for (std::size_t i = 0; i < found->second.size(); ++i) {
      const auto& sid = found->second[i].properties[1].second.fields.front().second;  // after path
      const auto picked = picks(*trustee, sid);
      if (!picked) return {"error", {}};
      if (*picked) out.trustees.emplace_back(found->first, i);
    }
  }
  if (unreadable) {
    out.flag = "error";
    out.trustees.clear();
  } else if (unread) {
    out.flag = out.trustees.empty() ? "not collected" : "incomplete";
  } else {
    out.flag = out.trustees.empty() ? "does not exist" : "complete";
  }
  return out;
}

}  // namespace scapc::oval::detail
