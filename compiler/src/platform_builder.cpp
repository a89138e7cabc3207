#include "platform_builder.h"

#include <algorithm>

namespace scapc::compiler::detail {
namespace {

// Exchange's major.minor for a product year, as AdminDisplayVersion prints it ("Version 15.2 (Build
// 1544.4)"). Exchange Server SE continues 2019's 15.2.
std::string version_pattern(const std::string& year) {
  if (year == "2010") return R"(14\.\d+)";
  if (year == "2013") return R"(15\.0)";
  if (year == "2016") return R"(15\.1)";
  if (year == "2019") return R"(15\.2)";
  return {};
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// "siprEnclave" -> "sipr_enclave"
std::string snake(const std::string& name) {
  std::string out;
  for (const char c : name) {
    if (c >= 'A' && c <= 'Z') {
      out += '_';
      out += static_cast<char>(c + 32);
    } else {
      out += c;
    }
  }
  return out;
}

controls::Check exchange_server_check(const std::string& property, const std::string& pattern) {
  controls::Check check;
  auto& query = check.query;
  query.cmdlet = "Get-ExchangeServer";
  query.verb = "Get";
  query.noun = "ExchangeServer";
  query.properties = {"Name", property};
  controls::Condition condition;
  condition.property = property;
  condition.op = controls::Op::Matches;
  condition.type = controls::ValueType::String;
  condition.elements = controls::ElementMatch::Any;
  controls::Literal literal;
  literal.text = pattern;
  condition.values.push_back(literal);
  query.condition = condition;
  query.require = controls::Quantifier::All;
  query.on_empty = controls::EmptyResult::Fail;
  return check;
}

// A catalog control for both Exchange roles applies to every server; a STIG's or a control's one
// role (or a 2010/2013 STIG's Client Access or Hub Transport role) restricts it.
std::vector<std::string> restricting_roles(const controls::Control& control) {
  auto roles = control.roles;
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  if (roles.empty() || roles == std::vector<std::string>{"Edge", "Mailbox"}) return {};
  return roles;
}

// A CPE 2.2 URI component: lower case, and [a-z0-9._~-] only.
std::string cpe_part(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const char lowered = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    const bool allowed = (lowered >= 'a' && lowered <= 'z') || (lowered >= '0' && lowered <= '9') || lowered == '.' ||
                         lowered == '-' || lowered == '~' || lowered == '_';
    out += allowed ? lowered : '_';
  }
  return out;
}

}  // namespace

PlatformBuilder::PlatformBuilder(xccdf::Benchmark& benchmark, std::vector<xccdf::CpeItem>& dictionary,
                                 oval::Definitions& oval_out, OvalBuilder& oval, Counter& variable_ids, XccdfIds ids,
                                 std::string oval_href)
    : benchmark_(benchmark),
      dictionary_(dictionary),
      oval_out_(oval_out),
      oval_(oval),
      variable_ids_(variable_ids),
      ids_(std::move(ids)),
      oval_href_(std::move(oval_href)) {}

std::string PlatformBuilder::name(const std::string& key, const std::string& cpe, const std::string& title,
                                  const std::string& definition) {
  auto unique = cpe;
  for (int n = 2; !taken_.insert(unique).second; ++n) unique = cpe + "_" + std::to_string(n);
  dictionary_.push_back({unique, title, oval_href_, definition});
  return names_[key] = unique;
}

std::string PlatformBuilder::role(const std::vector<std::string>& roles) {
  const auto names = joined(roles, "|");
  if (const auto found = names_.find("role:" + names); found != names_.end()) return found->second;
  // ServerRole is a flag enumeration ("Mailbox", "Mailbox, ClientAccess"): one of its flags.
  const auto words = joined(roles, " or ");
  const auto title = "Exchange server with the " + words + " role";
  const auto definition =
      oval_.inventory(title, "Get-ExchangeServer, for this server, lists " + words + " among its roles (ServerRole).",
                      exchange_server_check("ServerRole", "(?i)(^|,\\s*)(" + names + ")(\\s*,|$)"));
  return name("role:" + names, "cpe:/a:scapc:exchange_server_role:" + cpe_part(joined(roles, "-")), title, definition);
}

std::string PlatformBuilder::version(const std::vector<std::string>& versions) {
  const auto names = joined(versions, "|");
  if (const auto found = names_.find("version:" + names); found != names_.end()) return found->second;
  std::vector<std::string> patterns;
  patterns.reserve(versions.size());
  for (const auto& year : versions) patterns.push_back(version_pattern(year));
  const auto words = joined(versions, " or ");
  const auto title = "Microsoft Exchange Server " + words;
  const auto definition = oval_.inventory(
      title, "Get-ExchangeServer, for this server, reports the AdminDisplayVersion of Exchange " + words + ".",
      exchange_server_check("AdminDisplayVersion", "^Version (" + joined(patterns, "|") + ") "));
  // One version is the product's own CPE name.
  const auto cpe = versions.size() == 1 ? "cpe:/a:microsoft:exchange_server:" + cpe_part(versions.front())
                                        : "cpe:/a:scapc:exchange_server_version:" + cpe_part(joined(versions, "-"));
  return name("version:" + names, cpe, title, definition);
}

std::string PlatformBuilder::site(controls::SiteCondition condition, xccdf::CheckExport& binding) {
  const auto key = std::string("site:") + controls::to_string(condition);
  if (const auto found = names_.find(key); found != names_.end()) {
    binding = site_bindings_.at(condition);
    return found->second;
  }
  const auto snake_name = snake(controls::to_string(condition));
  xccdf::Value value;
  value.id = ids_.value("site_" + snake_name);
  value.type = "boolean";
  value.title = controls::describe(condition);
  value.description = {
      "Set to true where this holds for the servers checked: the rules that DISA says do not "
      "apply then are not applicable to them (their platform no longer matches)."};
  value.default_value = "false";
  value.choices = {"true", "false"};
  benchmark_.values.push_back(value);
  const auto variable = variable_ids_.next();
  oval_out_.variables.push_back({variable, "boolean", value.title});
  binding = site_bindings_[condition] = {value.id, variable};
  const auto title = "The site has not declared: " + value.title;
  const auto definition = oval_.undeclared(title, "True unless the site sets " + value.id + " to true.", variable);
  return name(key, "cpe:/a:scapc:site_undeclared:" + cpe_part(snake_name), title, definition);
}

std::string PlatformBuilder::objects(const controls::Control& control, const std::string& definition) {
  return name("objects:" + control.id, "cpe:/a:scapc:finds_objects:" + cpe_part(control.id),
              control.check->query.cmdlet + " finds objects for " + control.id + " to check", definition);
}

std::vector<std::string> PlatformBuilder::platforms(const controls::Control& control,
                                                    const std::optional<std::string>& objects_definition,
                                                    std::vector<xccdf::CheckExport>& exports) {
  std::vector<std::string> names;
  std::vector<std::string> id_parts{"exchange"};
  std::vector<std::string> versions;
  for (const auto& year : control.versions) {
    if (!version_pattern(year).empty()) versions.push_back(year);
  }
  if (!versions.empty()) {
    names.push_back(version(versions));
    id_parts.insert(id_parts.end(), versions.begin(), versions.end());
  }
  const auto roles = restricting_roles(control);
  if (!roles.empty()) {
    names.push_back(role(roles));
    for (const auto& one : roles) id_parts.push_back(cpe_part(one));
  }
  std::string title = "Exchange " + (versions.empty() ? std::string() : joined(versions, " or ") + " ") +
                      (roles.empty() ? std::string() : joined(roles, " or ") + " ") + "servers";
  for (const auto condition : control.not_applicable_when) {
    xccdf::CheckExport binding;
    names.push_back(site(condition, binding));
    exports.push_back(binding);
    id_parts.push_back(std::string("unless-") + controls::to_string(condition));
    title += std::string(", unless the site declares: ") + controls::describe(condition);
  }
  if (objects_definition) {
    names.push_back(objects(control, *objects_definition));
    id_parts.emplace_back("objects");
    title += ", where " + control.check->query.cmdlet + " finds objects to check";
  }
  if (names.empty()) return {};
  auto& id = platforms_[joined(names, "|")];
  if (id.empty()) {
    id = joined(id_parts, "-") + "-" + std::to_string(platforms_.size());
    xccdf::Platform platform;
    platform.id = id;
    platform.title = title;
    platform.cpe_names = names;
    benchmark_.platforms.push_back(std::move(platform));
  }
  return {"#" + id};
}

}  // namespace scapc::compiler::detail
