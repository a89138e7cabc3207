#include <array>
#include <utility>

#include "scapc/controls/catalog.h"

namespace scapc::controls {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::Low:
      return "Low";
    case Severity::Medium:
      return "Medium";
    case Severity::High:
      return "High";
  }
  return "?";
}

const char* to_string(ValueType type) {
  switch (type) {
    case ValueType::Boolean:
      return "boolean";
    case ValueType::Int:
      return "int";
    case ValueType::String:
      return "string";
    case ValueType::Version:
      return "version";
    case ValueType::TimeSpan:
      return "timespan";
    case ValueType::Bytes:
      return "bytes";
  }
  return "?";
}

const char* to_string(Op op) {
  switch (op) {
    case Op::Equals:
      return "equals";
    case Op::NotEquals:
      return "notEquals";
    case Op::LessThan:
      return "lessThan";
    case Op::LessOrEqual:
      return "lessOrEqual";
    case Op::GreaterThan:
      return "greaterThan";
    case Op::GreaterOrEqual:
      return "greaterOrEqual";
    case Op::Matches:
      return "matches";
    case Op::NotMatches:
      return "notMatches";
    case Op::In:
      return "in";
    case Op::NotIn:
      return "notIn";
    case Op::Contains:
      return "contains";
    case Op::NotContains:
      return "notContains";
    case Op::Empty:
      return "empty";
    case Op::NotEmpty:
      return "notEmpty";
  }
  return "?";
}

const char* to_string(Quantifier quantifier) {
  switch (quantifier) {
    case Quantifier::All:
      return "all";
    case Quantifier::AtLeastOne:
      return "atLeastOne";
    case Quantifier::None:
      return "none";
  }
  return "?";
}

const char* to_string(EmptyResult result) {
  switch (result) {
    case EmptyResult::Pass:
      return "pass";
    case EmptyResult::Fail:
      return "fail";
    case EmptyResult::NotApplicable:
      return "notApplicable";
  }
  return "?";
}

const char* to_string(ElementMatch match) {
  switch (match) {
    case ElementMatch::All:
      return "all";
    case ElementMatch::Any:
      return "any";
    case ElementMatch::None:
      return "none";
  }
  return "?";
}

namespace {

struct SiteConditionText {
  SiteCondition condition;
  const char* name;
  const char* meaning;
};

constexpr std::array<SiteConditionText, 6> kSiteConditions{{
    {SiteCondition::SiprEnclave, "siprEnclave",
     "The server is in a SIPR enclave, or on a classified or closed network"},
    {SiteCondition::EmailGateway, "emailGateway",
     "Another DoD-approved anti-spam product or email gateway (such as EEMSG) provides this protection"},
    {SiteCondition::ThirdPartyMonitoring, "thirdPartyMonitoring",
     "A third-party application performs this monitoring, and it was verified to work"},
    {SiteCondition::NoAutoForwarding, "noAutoForwarding", "Email auto-forwarding is not used"},
    {SiteCondition::NoServiceProvider, "noServiceProvider", "No service provider is used for this function"},
    {SiteCondition::NoPublicFolders, "noPublicFolders", "Public folders are not used"},
}};

}  // namespace

const char* to_string(SiteCondition condition) {
  for (const auto& entry : kSiteConditions) {
    if (entry.condition == condition) return entry.name;
  }
  return "?";
}

const char* describe(SiteCondition condition) {
  for (const auto& entry : kSiteConditions) {
    if (entry.condition == condition) return entry.meaning;
  }
  return "?";
}

bool parse_site_condition(std::string_view name, SiteCondition& out) {
  for (const auto& entry : kSiteConditions) {
    if (name == entry.name) {
      out = entry.condition;
      return true;
    }
  }
  return false;
}

}  // namespace scapc::controls
