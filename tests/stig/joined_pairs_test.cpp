// Every pair of a bundled catalog control and a DISA STIG rule it references, run on generated data:
// where --explain says the two check the same, they must give the same verdict on every data set;
// where they differ, the explanation must say so (the STIG rule is then decided by its own text).
// The data sets are built from the literals both checks compare against, with neighbours on either
// side of every bound, other spellings of every string, and subsets of every flag list, as no
// object, one object and two objects per cmdlet.
#include <scapc/clixml.h>
#include <scapc/compiler.h>
#include <scapc/stig.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <set>

namespace scapc {
namespace {

using controls::Condition;
using controls::ValueType;

std::vector<stig::Benchmark> four_stigs() {
  std::vector<stig::Benchmark> out;
  for (const auto* name : {"U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml",
                           "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml",
                           "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml",
                           "U_MS_Exchange_2019_Mailbox_Server_STIG_V1R1_Manual-xccdf..xml"}) {
    controls::Diagnostics diagnostics;
    auto benchmark = stig::read(std::string(SCAPC_SHARED_DIR) + "/corpus/stig/" + name, diagnostics);
    REQUIRE(benchmark.has_value());
    out.push_back(std::move(*benchmark));
  }
  return out;
}

// One property's candidate values: each a list of (datatype, text) fields as collected data has them.
using Fields = std::vector<std::pair<std::string, std::string>>;
constexpr const char* kUnlimited = "9223372036854775807";

struct PropertyCandidates {
  std::string name;
  std::vector<Fields> values;
  void add(Fields fields) {
    for (const auto& existing : values) {
      if (existing == fields) return;
    }
    values.push_back(std::move(fields));
  }
};

struct Invocation {
  std::string cmdlet;
  std::vector<std::pair<std::string, std::string>> parameters;
  std::map<std::string, PropertyCandidates> properties;  // by lower-case name
};

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return text;
}

const controls::SiteValue* value_named(const std::vector<controls::SiteValue>& values, const std::string& id) {
  for (const auto& value : values) {
    if (value.id == id) return &value;
  }
  return nullptr;
}

void add_literal(PropertyCandidates& out, ValueType type, const controls::Literal& literal) {
  switch (type) {
    case ValueType::Boolean:
      out.add({{"boolean", "true"}});
      out.add({{"boolean", "false"}});
      return;
    case ValueType::Int:
    case ValueType::TimeSpan:
    case ValueType::Bytes:
      if (literal.unlimited) {
        out.add({{"int", kUnlimited}});
        out.add({{"int", "1"}});
        return;
      }
      for (const std::int64_t delta : {-1, 0, 1}) out.add({{"int", std::to_string(literal.number + delta)}});
      out.add({{"int", kUnlimited}});
      return;
    case ValueType::String:
    case ValueType::Version: {
      std::string upper = literal.text;
      for (auto& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      for (const auto& text : {literal.text, upper, std::string("x") + literal.text, std::string()}) {
        out.add({{"string", text}});
      }
      return;
    }
  }
}

void gather(const Condition& condition, const std::vector<controls::SiteValue>& values, Invocation& out) {
  if (condition.kind != Condition::Kind::Property) {
    for (const auto& child : condition.children) gather(child, values, out);
    return;
  }
  auto& candidates = out.properties[lower(condition.property)];
  candidates.name = condition.property;
  std::vector<controls::Literal> literals = condition.values;
  if (const auto* site = value_named(values, condition.value_ref)) literals.push_back(site->default_value);
  for (const auto& literal : literals) add_literal(candidates, condition.type, literal);
  // Lists: none, each literal alone, all of them, all of them and another.
  Fields all;
  for (const auto& literal : literals) {
    if (condition.type != ValueType::String) break;
    candidates.add({{"string", literal.text}});
    all.emplace_back("string", literal.text);
  }
  if (all.size() > 1) {
    candidates.add(all);
    all.emplace_back("string", "Other");
    candidates.add(all);
  }
  // Patterns and emptiness tests name no literal worth varying: a few texts of each kind.
  for (const auto* text : {"", "220 SMTP Server Ready", "Microsoft ESMTP MAIL Service", "https://mail.example.com",
                           "http://mail.example.com", "example.mil", "example.com"}) {
    if (condition.type == ValueType::String) candidates.add({{"string", text}});
  }
}

void invocations_of(const controls::Check& check, const std::vector<controls::SiteValue>& values,
                    std::map<std::string, Invocation>& out) {
  if (check.kind != controls::Check::Kind::Query) {
    for (const auto& child : check.children) invocations_of(child, values, out);
    return;
  }
  const auto& query = check.query;
  std::vector<std::pair<std::string, std::string>> parameters;
  for (const auto& parameter : query.parameters) {
    std::string joined;
    for (const auto& value : parameter.values) joined += (joined.empty() ? "" : ",") + value;
    parameters.emplace_back(parameter.name, joined);
  }
  const auto key = oval::invocation_key(query.cmdlet, parameters);
  auto& invocation = out[key];
  invocation.cmdlet = query.cmdlet;
  invocation.parameters = parameters;
  for (const auto& property : query.properties) {
    auto& candidates = invocation.properties[lower(property)];
    candidates.name = property;
  }
  if (query.filter) gather(*query.filter, values, invocation);
  if (query.condition) gather(*query.condition, values, invocation);
}

// A fixed sequence, so that a failure names the same data set on every run.
struct Sequence {
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  std::size_t next(std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  }
};

std::vector<oval::PsObject> objects_of(const Invocation& invocation, std::size_t count, Sequence& sequence) {
  std::vector<oval::PsObject> out;
  for (std::size_t i = 0; i < count; ++i) {
    oval::PsObject object;
    for (const auto& [key, candidates] : invocation.properties) {
      oval::PropertyValue value;
      if (candidates.values.empty()) {
        value.fields = {{"string", "some value"}};
      } else {
        value.fields = candidates.values[sequence.next(candidates.values.size())];
      }
      object.properties.emplace_back(candidates.name, value);
    }
    out.push_back(std::move(object));
  }
  return out;
}

struct Compiled {
  std::shared_ptr<const oval::DefinitionsDocument> definitions;
  std::map<std::string, std::vector<std::string>> variables;
  std::string catalog_definition;
  std::string stig_definition;
};

Compiled compile_pair(const controls::Control& catalog_control, const controls::Control& stig_rule) {
  controls::Catalog catalog;
  auto left = catalog_control;
  auto right = stig_rule;
  left.id = "CATALOG";
  right.id = "STIG";
  right.from_stig = false;
  right.stig_rules.clear();
  right.not_applicable_when.clear();
  left.not_applicable_when.clear();
  // Both may name the same site value ids; keep them apart.
  for (auto& value : right.values) value.id = "stig_" + value.id;
  if (right.check) {
    std::vector<Condition*> pending;
    std::vector<controls::Check*> checks{&*right.check};
    while (!checks.empty()) {
      auto* check = checks.back();
      checks.pop_back();
      for (auto& child : check->children) checks.push_back(&child);
      if (check->query.filter) pending.push_back(&*check->query.filter);
      if (check->query.condition) pending.push_back(&*check->query.condition);
    }
    while (!pending.empty()) {
      auto* condition = pending.back();
      pending.pop_back();
      if (!condition->value_ref.empty()) condition->value_ref = "stig_" + condition->value_ref;
      for (auto& child : condition->children) pending.push_back(&child);
    }
  }
  catalog.controls = {left, right};
  compiler::Options options;
  options.timestamp = "2026-01-01T00:00:00";
  const auto result = compiler::compile(catalog, options);
  REQUIRE(result.errors.empty());
  const auto document = oval::to_document(result.content.oval);
  std::string error;
  Compiled out;
  out.definitions = oval::read_definitions(document.document_element(), "pair.xml", error);
  REQUIRE(out.definitions);
  std::map<std::string, std::string> defaults;
  for (const auto& value : result.content.benchmark.values) defaults[value.id] = value.default_value;
  for (const auto& group : result.content.benchmark.groups) {
    for (const auto& rule : group.rules) {
      const auto& check = rule.checks.front();
      (rule.version == "CATALOG" ? out.catalog_definition : out.stig_definition) = check.name;
      for (const auto& exported : check.exports) out.variables[exported.export_name] = {defaults.at(exported.value_id)};
    }
  }
  return out;
}

oval::Result verdict(const Compiled& compiled, const oval::CmdletOutput& output, const std::string& definition) {
  const auto system = oval::collect_cmdlets(*compiled.definitions, std::make_shared<const oval::CmdletOutput>(output),
                                            compiled.variables, "ex01");
  return oval::analyse(*compiled.definitions, *system, compiled.variables).definitions.at(definition);
}

}  // namespace

TEST_CASE("catalog controls said to check the same as a STIG rule agree with it on generated data", "[stig][join]") {
  const auto catalog = controls::load_catalog(std::string(SCAPC_SOURCE_DIR) + "/controls/catalog");
  REQUIRE(catalog.ok());
  controls::Diagnostics diagnostics;
  const auto joined = stig::join(catalog.catalog, four_stigs(), diagnostics);
  std::map<std::string, const controls::Control*> own;
  for (const auto& control : joined.controls) {
    if (control.from_stig) own[control.stig_rules.front().vuln_id] = &control;
  }
  int same = 0;
  int different = 0;
  int disagreeing = 0;
  std::size_t data_sets = 0;
  for (const auto& control : catalog.catalog.controls) {
    if (!control.check) continue;
    std::set<std::string> done;
    for (const auto& reference : control.stig_references) {
      const auto found = own.find(reference.vuln_id);
      if (found == own.end() || !done.insert(reference.vuln_id).second) continue;
      const auto& rule = *found->second;
      if (!rule.check || !rule.check_from.empty()) continue;  // manual, or the catalog's own check
      std::string note;
      for (const auto& candidate : rule.join_notes) {
        if (candidate.find("catalog control " + control.id + " ") != std::string::npos) note = candidate;
      }
      INFO(control.id << " and " << reference.vuln_id << ": " << note);
      REQUIRE_FALSE(note.empty());
      const bool said_same = note.find(" checks the same") != std::string::npos;
      REQUIRE((said_same || note.find(" checks differently (") != std::string::npos));
      (said_same ? same : different) += 1;

      const auto compiled = compile_pair(control, rule);
      std::map<std::string, Invocation> invocations;
      invocations_of(*control.check, control.values, invocations);
      invocations_of(*rule.check, rule.values, invocations);
      Sequence sequence;
      bool disagreed = false;
      std::set<oval::Result> seen;
      for (std::size_t set = 0; set < 400 && !disagreed; ++set) {
        oval::CmdletOutput output;
        for (const auto& [key, invocation] : invocations) {
          const std::size_t count = set == 0 ? 0 : (set < 250 ? 1 : 2);
          output[key] = objects_of(invocation, count, sequence);
        }
        ++data_sets;
        const auto left = verdict(compiled, output, compiled.catalog_definition);
        const auto right = verdict(compiled, output, compiled.stig_definition);
        seen.insert(right);
        if (left == right) continue;
        disagreed = true;
        if (said_same) {
          std::string shown;
          for (const auto& [key, objects] : output) {
            shown += key + ":";
            for (const auto& object : objects) {
              shown += " {";
              for (const auto& [name, value] : object.properties) {
                shown += name + "=";
                for (const auto& field : value.fields) shown += field.second + ";";
              }
              shown += "}";
            }
          }
          FAIL_CHECK("the catalog check is " << oval::to_string(left) << " and the STIG rule's "
                                             << oval::to_string(right) << " on " << shown);
        }
      }
      disagreeing += disagreed ? 1 : 0;
      // Agreement means something only where the data made the rule both pass and fail.
      if (said_same) CHECK((seen.contains(oval::Result::True) && seen.contains(oval::Result::False)));
    }
  }
  // Measured on the bundled catalog and the four 2016/2019 STIGs: how many pairs check the same, and
  // how many of the pairs the explanation calls different give a different verdict on generated data.
  CHECK(same > 40);
  CHECK(different > 40);
  CHECK(disagreeing > 0);
  WARN(same << " pairs check the same, " << different << " differ (" << disagreeing << " disagree on generated data), "
            << data_sets << " data sets");
}

}  // namespace scapc
