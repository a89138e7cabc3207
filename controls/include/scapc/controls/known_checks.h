// Checks the project writes for controls of other catalogs that come without one (EDCA's
// controls.json holds no machine check), joined by control id as STIG rules are joined by V-ID.
// The checks live in controls/edca/, one file per control; docs/catalog-format.md describes them.
#pragma once

#include <string>

#include "scapc/controls/catalog.h"
#include "scapc/controls/diagnostic.h"

namespace scapc::controls {

// Gives each checked control (verify true) that has no check of its own the project's check for
// its id, with the check's site values, and records the file in Control::known_check; a control the
// project explains as not machine-checkable gets the reason in Control::manual_reason. A control's
// own check always stands. Problems in the project's files are errors in `diagnostics`.
void join_known_checks(Catalog& catalog, Diagnostics& diagnostics);

// How many controls the project has a check for, and how many it explains instead.
struct KnownCheckCounts {
  int checks = 0;
  int explained = 0;
};
KnownCheckCounts known_check_counts();

}  // namespace scapc::controls
