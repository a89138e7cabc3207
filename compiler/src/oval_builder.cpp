#include "oval_builder.h"

#include <scapc/oval_items.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace scapc::compiler::detail {
namespace {

using controls::Check;
using controls::Condition;
using controls::Quantifier;
using controls::Query;

struct StatePlan {
  std::string op;                                // state_operator
  std::vector<std::vector<oval::Field>> states;  // each state: fields ANDed
  std::vector<std::string> comments;             // each state's part of the condition, in words
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// What a Windows query reads, as a person would name it: "registry HKEY_LOCAL_MACHINE\\…\\Lsa
// value LmCompatibilityLevel", "service MSExchangePOP3".
std::string windows_text(const Query& query) {
  std::string text = query.cmdlet;
  for (const auto& entity : query.entities) {
    if (entity.nil) continue;
    if (entity.name == "key")
      text += "\\";
    else if (entity.name == "name")
      text += " value ";
    else if (entity.name == "trustee_sid")
      text += " trustee ";
    else if (entity.name == "filename")
      text += "\\";
    else
      text += " ";
    if (!entity.value_ref.empty())
      text += "(site value " + entity.value_ref + ")";
    else
      text += entity.pattern ? "/" + entity.value + "/" : entity.value;
  }
  return text;
}

std::string query_text(const Query& query) {
  if (query.data != controls::DataKind::Cmdlet) return windows_text(query);
  std::string text = query.cmdlet;
  for (const auto& parameter : query.parameters) {
    text += " -" + parameter.name;
    for (std::size_t i = 0; i < parameter.values.size(); ++i) text += (i == 0 ? " " : ",") + parameter.values[i];
  }
  if (!query.properties.empty()) {
    text += " | Select-Object ";
    for (std::size_t i = 0; i < query.properties.size(); ++i) text += (i == 0 ? "" : ",") + query.properties[i];
  }
  return text;
}

std::string field_key(const std::vector<oval::Field>& fields) {
  std::string key;
  for (const auto& f : fields) {
    key += f.name + '\x1f' + f.datatype + '\x1f' + f.operation + '\x1f' + f.value + '\x1f' + f.var_ref + '\x1f' +
           f.entity_check + '\x1e';
  }
  return key;
}

// Property tests and negated property tests joined by "and", at any depth.
bool collect_literals(const Condition& condition, std::vector<const Condition*>& literals) {
  switch (condition.kind) {
    case Condition::Kind::Property:
      literals.push_back(&condition);
      return true;
    case Condition::Kind::Not:
      if (condition.children.front().kind != Condition::Kind::Property) return false;
      literals.push_back(&condition);
      return true;
    case Condition::Kind::AllOf:
      return std::all_of(condition.children.begin(), condition.children.end(),
                         [&](const Condition& child) { return collect_literals(child, literals); });
    case Condition::Kind::AnyOf:
      return false;
  }
  return false;
}

std::optional<oval::Field> literal_field(const Condition& condition, const VariableIds& variables) {
  if (condition.kind == Condition::Kind::Property) return field_for(condition, false, variables);
  if (condition.kind == Condition::Kind::Not && condition.children.front().kind == Condition::Kind::Property) {
    return field_for(condition.children.front(), true, variables);
  }
  return std::nullopt;
}

// The condition as cmdlet states when it fits: a literal, an and of literals (one state each,
// state_operator AND), or an or of literals / ands of literals on distinct properties (state_operator OR).
std::optional<StatePlan> state_plan(const Condition& condition, const VariableIds& variables) {
  if (auto field = literal_field(condition, variables))
    return StatePlan{"AND", {{*field}}, {controls::describe(condition)}};
  if (condition.kind == Condition::Kind::AllOf) {
    StatePlan plan{"AND", {}, {}};
    for (const auto& child : condition.children) {
      auto field = literal_field(child, variables);
      if (!field) return std::nullopt;
      plan.states.push_back({*field});
      plan.comments.push_back(controls::describe(child));
    }
    return plan;
  }
  if (condition.kind != Condition::Kind::AnyOf) return std::nullopt;
  StatePlan plan{"OR", {}, {}};
  for (const auto& child : condition.children) {
    plan.comments.push_back(controls::describe(child));
    if (auto field = literal_field(child, variables)) {
      plan.states.push_back({*field});
      continue;
    }
    if (child.kind != Condition::Kind::AllOf) return std::nullopt;
    std::vector<oval::Field> fields;
    for (const auto& grandchild : child.children) {
      auto field = literal_field(grandchild, variables);
      const bool clash = field && std::any_of(fields.begin(), fields.end(),
                                              [&](const oval::Field& f) { return f.name == field->name; });
      if (!field || clash) return std::nullopt;  // a state record holds each field name once
      fields.push_back(*field);
    }
    plan.states.push_back(std::move(fields));
  }
  return plan;
}

const char* check_of(Quantifier quantifier) {
  switch (quantifier) {
    case Quantifier::All:
      return "all";
    case Quantifier::AtLeastOne:
      return "at least one";
    case Quantifier::None:
      return "none satisfy";
  }
  return "all";
}

oval::CriteriaNode criteria(const char* op, std::vector<oval::CriteriaNode> children, std::string comment = {}) {
  oval::CriteriaNode node;
  node.kind = oval::CriteriaNode::Kind::Criteria;
  node.op = op;
  node.comment = std::move(comment);
  node.children = std::move(children);
  return node;
}

Condition all_of(std::vector<Condition> children) {
  Condition condition;
  condition.kind = Condition::Kind::AllOf;
  condition.children = std::move(children);
  return condition;
}

Condition negation(const Condition& child) {
  Condition condition;
  condition.kind = Condition::Kind::Not;
  condition.children.push_back(child);
  return condition;
}

// "is one of" as an "or" of equalities (and "is none of" as an "and" of differences): the entities
// of registry, service and audit policy states are often enumerations, which a pattern cannot be.
Condition lists_expanded(const Condition& condition) {
  Condition out = condition;
  if (condition.kind != Condition::Kind::Property) {
    for (auto& child : out.children) child = lists_expanded(child);
    return out;
  }
  if ((condition.op != controls::Op::In && condition.op != controls::Op::NotIn) || condition.values.size() < 2)
    return out;
  const bool in = condition.op == controls::Op::In;
  out = Condition{};
  out.kind = in ? Condition::Kind::AnyOf : Condition::Kind::AllOf;
  out.pointer = condition.pointer;
  for (const auto& value : condition.values) {
    Condition one = condition;
    one.op = in ? controls::Op::Equals : controls::Op::NotEquals;
    one.values = {value};
    out.children.push_back(std::move(one));
  }
  return out;
}

}  // namespace

OvalBuilder::OvalBuilder(oval::Definitions& out, const std::string& id_namespace, VariableIds variables,
                         Counter& variable_ids)
    : out_(out),
      variables_(std::move(variables)),
      variable_ids_(variable_ids),
      definition_ids_("oval", id_namespace, "def"),
      test_ids_("oval", id_namespace, "tst"),
      object_ids_("oval", id_namespace, "obj"),
      state_ids_("oval", id_namespace, "ste") {}

std::vector<std::string> OvalBuilder::take_errors() {
  return std::exchange(errors_, {});
}

std::string OvalBuilder::compliance(const controls::Control& control) {
  oval::Definition definition;
  definition.id = definition_ids_.next();
  definition.cls = "compliance";
  definition.title = control.title;
  definition.description = control.description;
  definition.products = {"Microsoft Exchange Server"};
  definition.references.push_back({"scapc", control.id, ""});
  for (const auto& stig : control.stig_references) {
    std::string url;
    for (const auto& reference : control.references) {
      if (!stig.vuln_id.empty() && reference.name.find(stig.vuln_id) != std::string::npos) url = reference.url;
    }
    definition.references.push_back({"DISA", stig.stig_id.empty() ? stig.vuln_id : stig.stig_id, url});
  }
  control_id_ = control.id;
  add_value_sources(*control.check);
  auto root = compile(*control.check, true);
  if (root.kind != oval::CriteriaNode::Kind::Criteria) root = criteria("AND", {std::move(root)});
  definition.criteria = std::move(root);
  out_.definitions.push_back(std::move(definition));
  return out_.definitions.back().id;
}

void OvalBuilder::add_value_sources(const controls::Check& check) {
  controls::for_each_condition(check, [this](const Condition& condition) {
    if (condition.value_from) add_value_source(condition);
  });
}

// The cmdlet's object, selecting the one property, and a local variable over that property of its
// items. Server-scoped cmdlets are read for this server by the collector and the checker, as the
// objects of the checks themselves are.
void OvalBuilder::add_value_source(const controls::Condition& condition) {
  const auto key = value_source_key(condition);
  if (variables_.contains(key)) return;
  Query query;
  query.cmdlet = condition.value_from->cmdlet;
  query.verb = "Get";
  query.noun = query.cmdlet.substr(4);
  query.properties = {condition.value_from->property};
  oval::LocalVariable variable;
  variable.id = variable_ids_.next();
  variable.datatype = oval_datatype(condition.type);
  variable.comment = condition.value_from->cmdlet + "'s " + condition.value_from->property;
  // Membership takes the values that are there: an empty list is collected as one empty field,
  // which is nobody's identity, and which oscap reads as a missing value and an error.
  if (condition.op == controls::Op::In || condition.op == controls::Op::NotIn) {
    Condition present;
    present.property = condition.value_from->property;
    present.op = controls::Op::NotEmpty;
    variable.object_ref = object(query, &present);
  } else {
    variable.object_ref = base_object(query);
  }
  variable.record_field = lower(condition.value_from->property);
  variables_[key] = variable.id;
  out_.local_variables.push_back(std::move(variable));
}

std::string OvalBuilder::add_inventory(const std::string& title, const std::string& description,
                                       oval::CriteriaNode criteria_root) {
  oval::Definition definition;
  definition.id = definition_ids_.next();
  definition.cls = "inventory";
  definition.title = title;
  definition.description = description;
  definition.products = {"Microsoft Exchange Server"};
  if (criteria_root.kind != oval::CriteriaNode::Kind::Criteria)
    criteria_root = criteria("AND", {std::move(criteria_root)});
  definition.criteria = std::move(criteria_root);
  out_.definitions.push_back(std::move(definition));
  return out_.definitions.back().id;
}

std::optional<std::string> OvalBuilder::applicability(const controls::Control& control) {
  if (!control.check || control.check->kind != Check::Kind::Query ||
      control.check->query.on_empty != controls::EmptyResult::NotApplicable) {
    return std::nullopt;
  }
  control_id_ = control.id;
  const auto& query = control.check->query;
  const auto object_id = object(query, query.filter ? &*query.filter : nullptr);
  oval::WindowsTest test;
  test.item = controls::oval_item_type(query.data);
  test.object_ref = object_id;
  test.check_existence = "at_least_one_exists";
  test.comment = object_comments_[object_id] + ": objects exist";
  return add_inventory("Applies where " + object_comments_[object_id] + " returns objects",
                       "The rule applies only where the cmdlet query finds objects to check.",
                       criterion(std::move(test)));
}

std::string OvalBuilder::inventory(const std::string& title, const std::string& description,
                                   const controls::Check& check) {
  control_id_ = title;
  return add_inventory(title, description, compile(check, true));
}

std::string OvalBuilder::undeclared(const std::string& title, const std::string& description,
                                    const std::string& variable) {
  oval::UndeclaredTest test;
  test.test_id = test_ids_.next();
  test.object_id = object_ids_.next();
  test.state_id = state_ids_.next();
  test.variable = variable;
  test.comment = "the site has not set " + variable + " to true";
  out_.undeclared.push_back(test);
  oval::CriteriaNode node;
  node.kind = oval::CriteriaNode::Kind::Criterion;
  node.ref = test.test_id;
  return add_inventory(title, description, std::move(node));
}

// `not_applicable_passes`: how a nested query that finds nothing and says notApplicable counts, so
// that it is neutral in its parent (true under allOf, false under anyOf, flipped under not).
oval::CriteriaNode OvalBuilder::compile(const Check& check, bool not_applicable_passes) {
  switch (check.kind) {
    case Check::Kind::Query:
      return compile_query(check.query, not_applicable_passes);
    case Check::Kind::AllOf:
    case Check::Kind::AnyOf: {
      const bool all = check.kind == Check::Kind::AllOf;
      std::vector<oval::CriteriaNode> children;
      for (const auto& child : check.children) children.push_back(compile(child, all));
      return criteria(all ? "AND" : "OR", std::move(children), check.description);
    }
    case Check::Kind::Not: {
      auto child = compile(check.children.front(), !not_applicable_passes);
      child.negate = !child.negate;
      if (!check.description.empty()) child.comment = check.description;
      return child;
    }
  }
  return {};
}

oval::CriteriaNode OvalBuilder::compile_query(const Query& given, bool not_applicable_passes) {
  Query expanded;
  if (given.data != controls::DataKind::Cmdlet) {
    expanded = given;
    if (expanded.filter) expanded.filter = lists_expanded(*expanded.filter);
    if (expanded.condition) expanded.condition = lists_expanded(*expanded.condition);
  }
  const Query& query = given.data == controls::DataKind::Cmdlet ? given : expanded;
  const bool empty_passes = query.on_empty == controls::EmptyResult::Pass ||
                            (query.on_empty == controls::EmptyResult::NotApplicable && not_applicable_passes);
  const auto object_id = object(query, query.filter ? &*query.filter : nullptr);
  auto result = satisfied(query, object_id);
  if (!empty_passes) return result;
  oval::WindowsTest none;
  none.item = controls::oval_item_type(query.data);
  none.object_ref = object_id;
  none.check_existence = "none_exist";
  none.comment = object_comments_[object_id] + ": no objects";
  return criteria("OR", {criterion(std::move(none)), std::move(result)}, "nothing to check, or the objects comply");
}

oval::CriteriaNode OvalBuilder::satisfied(const Query& query, const std::string& object_id) {
  const auto& described = object_comments_[object_id];
  oval::WindowsTest exists;
  exists.item = controls::oval_item_type(query.data);
  exists.object_ref = object_id;
  exists.comment = described + ": objects exist";
  oval::WindowsTest none_exist;
  none_exist.item = controls::oval_item_type(query.data);
  none_exist.check_existence = "none_exist";

  if (!query.condition) {
    if (query.require != Quantifier::None) return criterion(exists);
    none_exist.object_ref = object_id;
    none_exist.comment = described + ": no objects";
    return criteria("AND", {criterion(exists), criterion(none_exist)});
  }
  if (const auto plan = state_plan(*query.condition, variables_)) {
    oval::WindowsTest test;
    test.item = controls::oval_item_type(query.data);
    test.object_ref = object_id;
    test.check = check_of(query.require);
    test.state_operator = plan->op;
    test.comment = described + ": " + test.check + " objects satisfy " + controls::describe(*query.condition);
    // Each state's comment is its own part of the condition: the whole of a long "or" on every
    // state made the definitions grow with its square.
    for (std::size_t i = 0; i < plan->states.size(); ++i)
      test.state_refs.push_back(state(query, plan->states[i], plan->comments[i]));
    return criterion(std::move(test));
  }

  // The condition does not fit cmdlet states: count the objects the condition (or its negation) selects.
  std::vector<Condition> with_condition;
  if (query.filter) with_condition.push_back(*query.filter);
  auto with_negation = with_condition;
  with_condition.push_back(*query.condition);
  with_negation.push_back(negation(*query.condition));
  const auto selected = all_of(std::move(with_condition));
  if (query.require == Quantifier::AtLeastOne) {
    exists.object_ref = object(query, &selected);
    exists.comment = object_comments_[exists.object_ref] + ": objects exist";
    return criterion(std::move(exists));
  }
  const auto offending = query.require == Quantifier::All ? all_of(std::move(with_negation)) : selected;
  none_exist.object_ref = object(query, &offending);
  none_exist.comment = object_comments_[none_exist.object_ref] + ": no objects";
  return criteria("AND", {criterion(exists), criterion(none_exist)});
}

std::string OvalBuilder::object(const Query& query, const Condition* filter) {
  if (filter == nullptr) return base_object(query);
  const auto key = query_text(query) + " | where " + controls::describe(*filter);
  if (const auto found = objects_by_key_.find(key); found != objects_by_key_.end()) return found->second;

  std::string id;
  std::vector<const Condition*> literals;
  if (collect_literals(*filter, literals)) {
    id = filtered_object(query, literals);
  } else if (filter->kind == Condition::Kind::AnyOf) {
    id = object(query, &filter->children.front());
    for (std::size_t i = 1; i < filter->children.size(); ++i) {
      id = set_object(query, "UNION", id, object(query, &filter->children[i]));
    }
  } else if (filter->kind == Condition::Kind::AllOf) {
    std::vector<const Condition*> plain;
    std::vector<const Condition*> compound;
    for (const auto& child : filter->children) {
      std::vector<const Condition*> child_literals;
      if (collect_literals(child, child_literals)) {
        plain.insert(plain.end(), child_literals.begin(), child_literals.end());
      } else {
        compound.push_back(&child);
      }
    }
    id = plain.empty() ? object(query, compound.front()) : filtered_object(query, plain);
    for (std::size_t i = plain.empty() ? 1 : 0; i < compound.size(); ++i) {
      id = set_object(query, "INTERSECTION", id, object(query, compound[i]));
    }
  } else {  // not over a compound condition: everything the query returns, minus what the condition selects
    id = set_object(query, "COMPLEMENT", base_object(query), object(query, &filter->children.front()));
  }
  object_comments_[id] = query.cmdlet + " where " + controls::describe(*filter);
  objects_by_key_[key] = id;
  return id;
}

std::string OvalBuilder::base_object(const Query& query) {
  const auto key = query_text(query);
  if (const auto found = objects_by_key_.find(key); found != objects_by_key_.end()) return found->second;
  oval::WindowsObject object;
  object.item = controls::oval_item_type(query.data);
  object.id = object_ids_.next();
  object.comment = key;
  for (const auto& entity : query.entities) {
    oval::Field field;
    field.name = entity.name;
    field.operation = entity.pattern ? "pattern match" : "equals";
    field.value = entity.value;
    field.nil = entity.nil;
    if (!entity.value_ref.empty()) {
      const auto variable = variables_.find(entity.value_ref);
      if (variable == variables_.end()) {
        errors_.push_back(control_id_ + ": site value '" + entity.value_ref + "' has no OVAL variable");
      } else {
        field.var_ref = variable->second;
      }
    }
    object.entities.push_back(std::move(field));
  }
  object.verb = query.verb;
  object.noun = query.noun;
  for (const auto& parameter : query.parameters) {
    oval::Field field;
    field.name = lower(parameter.name);
    for (std::size_t i = 0; i < parameter.values.size(); ++i) field.value += (i == 0 ? "" : ",") + parameter.values[i];
    object.parameters.push_back(std::move(field));
  }
  if (!query.properties.empty()) {
    oval::Field field;
    field.name = "property";
    for (std::size_t i = 0; i < query.properties.size(); ++i) field.value += (i == 0 ? "" : ",") + query.properties[i];
    object.select.push_back(std::move(field));
  }
  objects_by_key_[key] = object.id;
  object_comments_[object.id] = query.cmdlet;
  out_.objects.push_back(std::move(object));
  return out_.objects.back().id;
}

std::string OvalBuilder::filtered_object(const Query& query, const std::vector<const Condition*>& literals) {
  const auto base = base_object(query);
  oval::WindowsObject object = *std::find_if(out_.objects.begin(), out_.objects.end(),
                                             [&](const oval::WindowsObject& o) { return o.id == base; });
  object.id = object_ids_.next();
  for (const auto* literal : literals) {
    const bool include = literal->kind == Condition::Kind::Property;
    const auto& atom = include ? *literal : literal->children.front();
    const auto field = field_for(atom, false, variables_);
    if (!field) {
      errors_.push_back(control_id_ + ": filter '" + controls::describe(atom) + "' cannot be expressed in OVAL");
      continue;
    }
    object.filters.push_back({include, state(query, {*field}, controls::describe(atom))});
  }
  std::string comment;
  for (const auto* literal : literals) comment += (comment.empty() ? "" : " and ") + controls::describe(*literal);
  object.comment = query_text(query) + " | where " + comment;
  out_.objects.push_back(std::move(object));
  return out_.objects.back().id;
}

std::string OvalBuilder::set_object(const Query& query, const char* op, const std::string& first,
                                    const std::string& second) {
  oval::WindowsObject object;
  object.item = controls::oval_item_type(query.data);
  object.id = object_ids_.next();
  object.comment = query.cmdlet + ": " + op + " of " + first + " and " + second;
  object.set.push_back({op, {first, second}});
  out_.objects.push_back(std::move(object));
  return out_.objects.back().id;
}

std::string OvalBuilder::state(const Query& query, std::vector<oval::Field> fields, const std::string& comment) {
  const std::string item = controls::oval_item_type(query.data);
  const auto& order = controls::item_properties(query.data);
  if (!order.empty()) {  // a registry or service state lists its entities in the schema's order
    const auto place = [&order](const oval::Field& f) {
      return std::find(order.begin(), order.end(), f.name) - order.begin();
    };
    std::stable_sort(fields.begin(), fields.end(), [&](const auto& a, const auto& b) { return place(a) < place(b); });
  }
  if (query.data == controls::DataKind::FileRights) {
    // The rights are EntityStateBoolType: datatype boolean, compared exactly (true/false, 1/0).
    const auto& rights = oval_items::file_rights();
    for (auto& field : fields) {
      if (std::find(rights.begin(), rights.end(), field.name) == rights.end() || !field.var_ref.empty()) continue;
      field.datatype = "boolean";
      if (field.operation == "case insensitive equals") field.operation = "equals";
      if (field.operation == "case insensitive not equal") field.operation = "not equal";
    }
  }
  const auto key = item + '\x1d' + field_key(fields);
  if (const auto found = states_by_key_.find(key); found != states_by_key_.end()) return found->second;
  oval::WindowsState state;
  state.item = item;
  state.id = state_ids_.next();
  state.comment = comment;
  state.value = fields;
  states_by_key_[key] = state.id;
  out_.states.push_back(std::move(state));
  return out_.states.back().id;
}

oval::CriteriaNode OvalBuilder::criterion(oval::WindowsTest test) {
  std::string key = test.object_ref + '|' + test.check + '|' + test.check_existence + '|' + test.state_operator;
  for (const auto& state : test.state_refs) key += '|' + state;
  auto found = tests_by_key_.find(key);
  if (found == tests_by_key_.end()) {
    test.id = test_ids_.next();
    found = tests_by_key_.emplace(key, test.id).first;
    out_.tests.push_back(std::move(test));
  }
  oval::CriteriaNode node;
  node.kind = oval::CriteriaNode::Kind::Criterion;
  node.ref = found->second;
  return node;
}

}  // namespace scapc::compiler::detail
