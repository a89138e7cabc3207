#include <scapc/oval_items.h>

#include "scapc/controls/catalog.h"

namespace scapc::controls {

const std::vector<std::string>& item_properties(DataKind kind) {
  // windows-system-characteristics-schema.xsd: registry_item, service_item, auditeventpolicysubcategories_item.
  static const std::vector<std::string> kRegistry{"hive", "key", "name", "last_write_time", "type", "value"};
  static const std::vector<std::string> kService{"service_name", "display_name",  "description",       "service_type",
                                                 "start_type",   "current_state", "controls_accepted", "start_name",
                                                 "path",         "pid",           "service_flag",      "dependencies"};
  static const std::vector<std::string> kNone;
  switch (kind) {
    case DataKind::Registry:
      return kRegistry;
    case DataKind::Service:
      return kService;
    case DataKind::AuditPolicy:
      return oval_items::audit_subcategories();
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
    case DataKind::AuditPolicy:
      return "auditeventpolicysubcategories";
    case DataKind::Cmdlet:
      break;
  }
  return "cmdlet";
}

}  // namespace scapc::controls
