#include "scapc/controls/catalog.h"

namespace scapc::controls {

const std::vector<std::string>& item_properties(DataKind kind) {
  // windows-system-characteristics-schema.xsd, registry_item and service_item.
  static const std::vector<std::string> kRegistry{"hive", "key", "name", "last_write_time", "type", "value"};
  static const std::vector<std::string> kService{
      "service_name", "display_name", "description", "service_type", "start_type", "current_state",
      "controls_accepted", "start_name", "path", "pid", "service_flag", "dependencies"};
  static const std::vector<std::string> kNone;
  switch (kind) {
    case DataKind::Registry:
      return kRegistry;
    case DataKind::Service:
      return kService;
    case DataKind::Cmdlet:
      break;
  }
  return kNone;
}

const char* oval_item_type(DataKind kind) {
  switch (kind) {
    case DataKind::Registry:
      return "registry";
    case DataKind::Service:
      return "service";
    case DataKind::Cmdlet:
      break;
  }
  return "cmdlet";
}

}  // namespace scapc::controls
