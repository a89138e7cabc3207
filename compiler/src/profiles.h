// The profiles a compiled benchmark offers: everything, one per framework, role and severity.
#pragma once

#include <scapc/controls.h>
#include <scapc/xccdf.h>

#include <vector>

#include "ids.h"

namespace scapc::compiler::detail {

std::vector<xccdf::Profile> build_profiles(const controls::Catalog& catalog, const XccdfIds& ids);

}  // namespace scapc::compiler::detail
