// One property test of a catalog condition as one OVAL record field of a cmdlet_state.
#pragma once

#include <scapc/controls.h>
#include <scapc/oval.h>

#include <map>
#include <optional>
#include <string>

namespace scapc::compiler::detail {

// Site value id -> OVAL external variable id.
using VariableIds = std::map<std::string, std::string>;

// The key of a valueFrom condition's local variable in VariableIds (site values are keyed by their
// id, which cannot contain '|').
std::string value_source_key(const controls::Condition& condition);

// The field testing `atom` (negated when `negated`), or nullopt when no single OVAL field can
// express it (the caller then builds the test from object filters instead).
std::optional<oval::Field> field_for(const controls::Condition& atom, bool negated, const VariableIds& variables);

// OVAL datatype of a catalog type (booleans are compared as case-insensitive strings so that
// PowerShell's "True" and "true" are equal; time spans and byte sizes are integers).
const char* oval_datatype(controls::ValueType type);

// A literal in the form OVAL items carry: seconds for time spans, bytes for byte quantities,
// the largest 64-bit integer for Unlimited.
std::string oval_text(const controls::Literal& literal);

}  // namespace scapc::compiler::detail
