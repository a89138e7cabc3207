// The control catalog: its data model, loader and summary. The one header other libraries include.
#pragma once

#include "scapc/controls/catalog.h"       // IWYU pragma: export
#include "scapc/controls/describe.h"      // IWYU pragma: export
#include "scapc/controls/diagnostic.h"    // IWYU pragma: export
#include "scapc/controls/known_checks.h"  // IWYU pragma: export
#include "scapc/controls/literal.h"       // IWYU pragma: export
#include "scapc/controls/load.h"          // IWYU pragma: export
#include "scapc/controls/summary.h"       // IWYU pragma: export
#include "scapc/controls/walk.h"          // IWYU pragma: export
