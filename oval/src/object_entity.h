// An entity of a Windows object (registry_object, service_object, fileeffectiverights53_object) as
// the collection reads it, and whether it picks a name the data holds.
#pragma once

#include <scapc/clixml.h>

#include <optional>
#include <string>
#include <vector>

namespace scapc::oval::detail {

struct ObjectEntity {
  std::string name;
  std::string operation = "equals";
  std::string value;
  // var_ref: the variable's values, bound externally or constant, each picked as `value` would be;
  // `unresolved` when it has none the collection can know (a local variable).
  bool variable = false;
  bool unresolved = false;
  std::vector<std::string> values;
  bool nil = false;
};

// The entity called `name` (hive, key, path, …), or null.
const ObjectEntity* entity_named(const std::vector<ObjectEntity>& entities, std::string_view name);

// Whether the entity picks `text`. Windows names keys, values, services and paths without regard to
// case, so equality ignores case; a pattern is OVAL's. nullopt: an operation the collection cannot
// apply.
std::optional<bool> picks(const ObjectEntity& entity, const std::string& text);

// The data a fileeffectiverights53_object picks: each (key in the data, index of the trustee's
// object) and the object's flag. Only "equals" paths are read; a path the collector did not read is
// "not collected", one it could not read "error", a missing path or no matching trustee "does not
// exist".
struct FileRightsPicked {
  std::string_view flag;
  std::vector<std::pair<std::string, std::size_t>> trustees;
};
FileRightsPicked pick_file_rights(const std::vector<ObjectEntity>& entities, const CmdletOutput& output,
                                  const std::map<std::string, std::string>& failed);

}  // namespace scapc::oval::detail
