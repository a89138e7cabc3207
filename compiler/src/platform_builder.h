// Where a rule applies, as the benchmark states it for any SCAP tool: a CPE applicability-language
// platform over CPE names, each checked by an OVAL inventory definition through the content's CPE
// dictionary (so that a data stream resolves them as oscap and SSG content do). A rule applies to the Exchange roles
// and versions it is written for (Get-ExchangeServer's ServerRole and AdminDisplayVersion for the host), unless the
// site declares a condition under which it does not apply (an XCCDF Value the rule exports to an OVAL variable), and,
// for checks whose emptiness means "not applicable", where its query finds objects. One platform per distinct
// combination.
#pragma once

#include <scapc/controls.h>
#include <scapc/xccdf.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ids.h"
#include "oval_builder.h"

namespace scapc::compiler::detail {

class PlatformBuilder {
 public:
  PlatformBuilder(xccdf::Benchmark& benchmark, std::vector<xccdf::CpeItem>& dictionary, oval::Definitions& oval_out,
                  OvalBuilder& oval, Counter& variable_ids, XccdfIds ids, std::string oval_href);

  // The rule's platform idrefs (none when it applies everywhere) and the check-exports that bind
  // the site's declarations to the platform's variables. `objects`: the inventory definition that
  // the check's query finds objects, if the check has one.
  std::vector<std::string> platforms(const controls::Control& control, const std::optional<std::string>& objects,
                                     std::vector<xccdf::CheckExport>& exports);

 private:
  // Each returns the CPE name of the fact, created with its definition and dictionary entry once.
  std::string role(const std::vector<std::string>& roles);
  std::string version(const std::vector<std::string>& versions);
  std::string site(controls::SiteCondition condition, xccdf::CheckExport& binding);
  std::string objects(const controls::Control& control, const std::string& definition);
  std::string name(const std::string& key, const std::string& cpe, const std::string& title,
                   const std::string& definition);

  xccdf::Benchmark& benchmark_;
  std::vector<xccdf::CpeItem>& dictionary_;
  oval::Definitions& oval_out_;
  OvalBuilder& oval_;
  Counter& variable_ids_;
  XccdfIds ids_;
  std::string oval_href_;
  std::map<std::string, std::string> names_;  // "role:Mailbox", "version:2019" -> CPE name
  std::set<std::string> taken_;               // CPE names given out
  std::map<controls::SiteCondition, xccdf::CheckExport> site_bindings_;
  std::map<std::string, std::string> platforms_;  // facts key -> platform id
};

}  // namespace scapc::compiler::detail
