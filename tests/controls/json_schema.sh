#!/usr/bin/env bash
# controls/catalog.schema.json and the loader must agree: every catalog the loader accepts (EDCA's,
# in both layouts, and the bundled one) validates against the schema, and every fixture in
# fixtures/schema-rejects is rejected by both.
set -euo pipefail
: "${SOURCE_DIR:?checkout}"
: "${SCAPC:?path to the scapc binary}"
exec /usr/bin/python3 "$SOURCE_DIR/tests/controls/json_schema_check.py" "$SOURCE_DIR" "$SCAPC"
