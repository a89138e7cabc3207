#include <scapc/oval_items.h>

#include "scapc/controls/catalog.h"

namespace scapc::controls {

const std::vector<std::string>& item_properties(DataKind kind) {
  // windows-definitions-schema.xsd: the states of registry, service, auditeventpolicysubcategories and
  // fileeffectiverights53 tests.
  static const std::vector<std::string> kRegistry{"hive", "key", "name", "last_write_time", "type", "value"};
  static const std::vector<std::string> kService{"service_name", "display_name",  "description",       "service_type",
                                                 "start_type",   "current_state", "controls_accepted", "start_name",
                                                 "path",         "pid",           "service_flag",      "dependencies"};
  static const std::vector<std::string> kFileRights = [] {
    std::vector<std::string> names{"filepath", "path", "filename", "trustee_sid"};
    for (const auto& right : oval_items::file_rights()) names.push_back(right);
    return names;
  }();
  static const std::vector<std::string> kNone;
  switch (kind) {
    case DataKind::Registry:
      return kRegistry;
    case DataKind::Service:
      return kService;
    case DataKind::AuditPolicy:
      return oval_items::audit_subcategories();
    case DataKind::FileRights:
      return kFileRights;
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
    case DataKind::FileRights:
      return "fileeffectiverights53";
    case DataKind::Cmdlet:
      break;
  }
  return "cmdlet";
}

}  // namespace scapc::controls
