// Package version orderings: rpm's for OVAL's evr_string and Debian Policy's for
// debian_evr_string (oval-common-schema.xsd, DatatypeEnumeration).
#pragma once

#include <string_view>

namespace scapc::oval::detail {

// EPOCH:VERSION-RELEASE in rpm's order (alphanumeric runs; a number is newer than letters; '~'
// sorts before anything). False when a value has no epoch, which the form requires.
bool compare_rpm_evr(std::string_view a, std::string_view b, int& order);

// [EPOCH:]UPSTREAM[-REVISION] in the order Debian Policy §5.6.12 describes: non-digit runs
// compared by character with '~' before everything, even the end, and letters before other
// characters; digit runs compared as numbers. False when a value is not a Debian version: empty,
// an epoch that is not a number, an empty upstream version or revision, a character Policy does
// not allow.
bool compare_debian_evr(std::string_view a, std::string_view b, int& order);

}  // namespace scapc::oval::detail
