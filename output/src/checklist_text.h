// Internal to the checklist writers and readers.
#pragma once

#include <scapc/checklist.h>

#include <string>

namespace scapc::output {

// A UUID-shaped identifier derived from `seed`, so identical runs write identical checklists.
std::string stable_uuid(const std::string& seed);

// CKLB's status words for CKL's and back ("NotAFinding" <-> "not_a_finding"); empty when unknown.
std::string cklb_status(const std::string& ckl_status);
std::string ckl_status_of_cklb(const std::string& cklb_status);

}  // namespace scapc::output
