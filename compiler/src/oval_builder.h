// Catalog checks as OVAL definitions over cmdlet tests. How each construct maps is described in
// docs/compile-mapping.md; the short form:
//  - a query's filter becomes object filters (and OVAL sets for or/not over compound conditions);
//  - a condition that fits cmdlet states becomes one test with check = all / at least one / none
//    satisfy; any other condition becomes existence tests over objects filtered by it;
//  - onEmpty adds an "object does not exist" test where emptiness must pass.
#pragma once

#include <scapc/controls.h>
#include <scapc/oval.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ids.h"
#include "oval_fields.h"

namespace scapc::compiler::detail {

class OvalBuilder {
 public:
  // `variable_ids` numbers the local variables of valueFrom conditions after the site values'.
  OvalBuilder(oval::Definitions& out, const std::string& id_namespace, VariableIds variables, Counter& variable_ids);

  // The compliance definition of the control's check; its id.
  std::string compliance(const controls::Control& control);

  // When the root of the check is a query whose emptiness means "not applicable": an inventory
  // definition that is true when the query finds objects, for the rule's platform.
  std::optional<std::string> applicability(const controls::Control& control);

  // An inventory definition of `check` (where a rule applies: a server's role, its version).
  std::string inventory(const std::string& title, const std::string& description, const controls::Check& check);

  // An inventory definition that is true unless the external variable `variable` holds "true":
  // the site has not declared a condition under which a rule does not apply.
  std::string undeclared(const std::string& title, const std::string& description, const std::string& variable);

  // Checks of the last control that OVAL cannot express.
  std::vector<std::string> take_errors();

 private:
  oval::CriteriaNode compile(const controls::Check& check, bool not_applicable_passes);
  // The local variables the check's valueFrom conditions compare with, added once each.
  void add_value_sources(const controls::Check& check);
  void add_value_source(const controls::Condition& condition);  // one with a valueFrom
  oval::CriteriaNode compile_query(const controls::Query& query, bool not_applicable_passes);
  oval::CriteriaNode satisfied(const controls::Query& query, const std::string& object);

  std::string object(const controls::Query& query, const controls::Condition* filter);
  std::string base_object(const controls::Query& query);
  std::string filtered_object(const controls::Query& query, const std::vector<const controls::Condition*>& literals);
  std::string set_object(const controls::Query& query, const char* op, const std::string& first,
                         const std::string& second);
  std::string state(const controls::Query& query, std::vector<oval::Field> fields, const std::string& comment);
  oval::CriteriaNode criterion(oval::WindowsTest test);
  // An inventory definition over `criteria_root` (wrapped in criteria when it is a single criterion).
  std::string add_inventory(const std::string& title, const std::string& description, oval::CriteriaNode criteria_root);

  oval::Definitions& out_;
  VariableIds variables_;
  Counter& variable_ids_;
  Counter definition_ids_;
  Counter test_ids_;
  Counter object_ids_;
  Counter state_ids_;
  std::map<std::string, std::string> objects_by_key_;
  std::map<std::string, std::string> states_by_key_;
  std::map<std::string, std::string> tests_by_key_;
  std::map<std::string, std::string> object_comments_;
  std::vector<std::string> errors_;
  std::string control_id_;  // the control being compiled, for error messages
};

}  // namespace scapc::compiler::detail
