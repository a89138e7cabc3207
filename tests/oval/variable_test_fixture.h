// One variable_test over one collected object, for tests of the engine's results and evidence:
// the object flagged `flag` with items of the given values ("" for an item that does not exist),
// tested with `check` and `existence` against the state value = 1 unless `bare`.
#pragma once

#include <scapc/oval_analysis.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

namespace scapc::test {

struct VariableTest {
  std::shared_ptr<const oval::DefinitionsDocument> definitions;
  std::shared_ptr<const oval::SystemCharacteristics> system;
  oval::Analysis analysis;
  [[nodiscard]] oval::Result result() const { return analysis.definitions.at("oval:f:def:1"); }
};

inline VariableTest variable_test(const std::string& flag, const std::vector<std::string>& values,
                                  const std::string& check, const std::string& existence, bool bare = false) {
  std::string defs =
      R"(<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">)"
      R"(<definitions><definition id="oval:f:def:1" version="1" class="compliance"><criteria><criterion test_ref="oval:f:tst:1"/></criteria></definition></definitions>)"
      R"(<tests><ind:variable_test id="oval:f:tst:1" version="1" check=")" +
      check + R"(" check_existence=")" + existence + R"(" comment="c"><ind:object object_ref="oval:f:obj:1"/>)" +
      (bare ? "" : R"(<ind:state state_ref="oval:f:ste:1"/>)") +
      R"(</ind:variable_test></tests><objects><ind:variable_object id="oval:f:obj:1" version="1"><ind:var_ref>oval:f:var:1</ind:var_ref></ind:variable_object></objects>)"
      R"(<states><ind:variable_state id="oval:f:ste:1" version="1"><ind:value datatype="int">1</ind:value></ind:variable_state></states></oval_definitions>)";
  std::string refs;
  std::string items;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto id = std::to_string(i + 1);
    refs += R"(<reference item_ref=")" + id + R"("/>)";
    items += R"(<ind-sc:variable_item id=")" + id + R"(" status=")" + (values[i].empty() ? "does not exist" : "exists") +
             R"("><ind-sc:var_ref>oval:f:var:1</ind-sc:var_ref>)" +
             (values[i].empty() ? "" : R"(<ind-sc:value datatype="int">)" + values[i] + "</ind-sc:value>") +
             "</ind-sc:variable_item>";
  }
  const std::string sc =
      R"(<oval_system_characteristics xmlns="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5" xmlns:ind-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent"><collected_objects>)"
      R"(<object id="oval:f:obj:1" version="1" flag=")" +
      flag + R"(">)" + refs + "</object></collected_objects><system_data>" + items +
      "</system_data></oval_system_characteristics>";
  std::string error;
  VariableTest out;
  out.definitions = oval::read_definitions(defs, "d.xml", error);
  REQUIRE(out.definitions);
  out.system = oval::read_system_characteristics(sc, "s.xml", error);
  REQUIRE(out.system);
  out.analysis = oval::analyse(*out.definitions, *out.system, {});
  return out;
}

}  // namespace scapc::test
