// The engine on small documents: empty objects, variables and local variable functions.
#include <scapc/oval_analysis.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace scapc;

namespace {

const char* kHead =
    R"(<oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">)";

// The object every test here reads: the variable item in syschar() below.
const std::string kObjects =
    R"(<objects><ind:variable_object id="oval:t:obj:1" version="1"><ind:var_ref>oval:t:var:9</ind:var_ref></ind:variable_object></objects>)";

std::string definitions(const std::string& tests, const std::string& states, const std::string& variables) {
  std::string out = kHead;
  out +=
      R"(<definitions><definition id="oval:t:def:1" version="1" class="compliance"><criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition></definitions>)";
  out += "<tests>" + tests + "</tests>" + kObjects;
  if (!states.empty()) out += "<states>" + states + "</states>";
  if (!variables.empty()) out += "<variables>" + variables + "</variables>";
  return out + "</oval_definitions>";
}

std::string syschar(const std::string& objects, const std::string& items) {
  return R"(<oval_system_characteristics xmlns="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5" xmlns:ind-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent"><collected_objects>)" +
         objects + "</collected_objects><system_data>" + items + "</system_data></oval_system_characteristics>";
}

oval::Result definition_result(const std::string& defs, const std::string& sc,
                               const std::map<std::string, std::vector<std::string>>& externals = {}) {
  std::string error;
  const auto d = oval::read_definitions(defs, "d.xml", error);
  REQUIRE(d);
  const auto s = oval::read_system_characteristics(sc, "s.xml", error);
  REQUIRE(s);
  return oval::analyse(*d, *s, externals).definitions.at("oval:t:def:1");
}

// Both documents read (they must be readable) and analysed; kept together, since results are
// written from all three.
struct Analysed {
  std::shared_ptr<const oval::DefinitionsDocument> definitions;
  std::shared_ptr<const oval::SystemCharacteristics> system;
  oval::Analysis analysis;
};
Analysed analysed(const std::string& defs, const std::string& sc) {
  std::string error;
  auto d = oval::read_definitions(defs, "d.xml", error);
  REQUIRE(d);
  auto s = oval::read_system_characteristics(sc, "s.xml", error);
  REQUIRE(s);
  auto analysis = oval::analyse(*d, *s, {});
  return {std::move(d), std::move(s), std::move(analysis)};
}

const std::string kItem =
    R"(<ind-sc:variable_item id="1"><ind-sc:var_ref>oval:t:var:9</ind-sc:var_ref><ind-sc:value datatype="int">20</ind-sc:value></ind-sc:variable_item>)";
const std::string kObject =
    R"(<object id="oval:t:obj:1" version="1" flag="complete"><reference item_ref="1"/></object>)";

std::string value_test() {
  return R"(<ind:variable_test id="oval:t:tst:1" version="1" check="all" comment="c"><ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:1"/></ind:variable_test>)";
}

std::string state_with_var(const std::string& operation) {
  return R"(<ind:variable_state id="oval:t:ste:1" version="1"><ind:value datatype="int" operation=")" + operation +
         R"(" var_ref="oval:t:var:1" var_check="all"/></ind:variable_state>)";
}

}  // namespace

TEST_CASE("an empty object: existence decides", "[oval][analysis]") {
  const auto empty = syschar(R"(<object id="oval:t:obj:1" version="1" flag="does not exist"/>)", "");
  const auto test = [](const char* existence) {
    return std::string(R"(<ind:variable_test id="oval:t:tst:1" version="1" check="all" check_existence=")") +
           existence + R"(" comment="c"><ind:object object_ref="oval:t:obj:1"/></ind:variable_test>)";
  };
  CHECK(definition_result(definitions(test("none_exist"), "", ""), empty) == oval::Result::True);
  CHECK(definition_result(definitions(test("at_least_one_exists"), "", ""), empty) == oval::Result::False);
  CHECK(definition_result(definitions(test("any_exist"), "", ""), empty) == oval::Result::True);
}

TEST_CASE("external, constant and local variables", "[oval][analysis]") {
  const auto sc = syschar(kObject, kItem);
  const auto with = [&](const std::string& variable, const std::string& operation = "equals") {
    return definitions(value_test(), state_with_var(operation), variable);
  };
  const std::string external = R"(<external_variable id="oval:t:var:1" version="1" datatype="int" comment="e"/>)";
  CHECK(definition_result(with(external), sc, {{"oval:t:var:1", {"20"}}}) == oval::Result::True);
  CHECK(definition_result(with(external), sc) == oval::Result::Error);  // no value given
  CHECK(
      definition_result(
          with(
              R"(<constant_variable id="oval:t:var:1" version="1" datatype="int" comment="c"><value>19</value></constant_variable>)"),
          sc) == oval::Result::False);
  // concat("2", "0") = "20"; 5 * 4 = 20; count of three literals = 3 <= 20
  CHECK(
      definition_result(
          with(
              R"(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="l"><concat><literal_component>2</literal_component><literal_component>0</literal_component></concat></local_variable>)"),
          sc) == oval::Result::True);
  CHECK(
      definition_result(
          with(
              R"(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="l"><arithmetic arithmetic_operation="multiply"><literal_component>5</literal_component><literal_component>4</literal_component></arithmetic></local_variable>)"),
          sc) == oval::Result::True);
  CHECK(
      definition_result(
          with(
              R"(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="l"><count><literal_component>a</literal_component><literal_component>b</literal_component><literal_component>c</literal_component></count></local_variable>)",
              "greater than or equal"),
          sc) == oval::Result::True);
  // regex_capture and substring over an object's item field
  CHECK(
      definition_result(
          with(
              R"X(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="l"><regex_capture pattern="^(\d)"><object_component object_ref="oval:t:obj:1" item_field="value"/></regex_capture></local_variable>)X",
              "greater than"),
          sc) == oval::Result::True);  // 20 > 2
  // time_difference: the first component's times minus the second's (1000020 - 1000000 = 20, not
  // -20), each read in its own format; one component: now minus its times, read with format_1.
  const auto time_difference = [&](const std::string& attributes, const std::string& components,
                                   const std::string& operation = "equals") {
    return definition_result(with(R"(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="l"><time_difference )" +
                                      attributes + ">" + components + "</time_difference></local_variable>",
                                  operation),
                             sc);
  };
  CHECK(time_difference(R"(format_1="seconds_since_epoch" format_2="seconds_since_epoch")",
                        "<literal_component>1000020</literal_component><literal_component>1000000</literal_component>") ==
        oval::Result::True);
  CHECK(time_difference(R"(format_1="seconds_since_epoch" format_2="seconds_since_epoch")",
                        "<literal_component>1000000</literal_component><literal_component>1000020</literal_component>") ==
        oval::Result::False);
  CHECK(time_difference(R"(format_1="year_month_day" format_2="seconds_since_epoch")",
                        "<literal_component>1970-01-02</literal_component><literal_component>86380</literal_component>") ==
        oval::Result::True);
  CHECK(time_difference(R"(format_1="seconds_since_epoch")", "<literal_component>1000000</literal_component>",
                        "less than") == oval::Result::True);  // 20 < now - 1000000
  CHECK(time_difference(R"(format_2="seconds_since_epoch")", "<literal_component>1000000</literal_component>",
                        "less than") == oval::Result::Error);  // read with format_1: not a year_month_day
  // a local variable that refers to itself is an error, not a hang
  CHECK(
      definition_result(
          with(
              R"(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="l"><variable_component var_ref="oval:t:var:1"/></local_variable>)"),
          sc) == oval::Result::Error);
}

TEST_CASE("a local variable over an external one with no value says which", "[oval][analysis]") {
  const auto sc = syschar(kObject, kItem);
  const std::string variables =
      R"(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="l"><variable_component var_ref="oval:t:var:2"/></local_variable>)"
      R"(<external_variable id="oval:t:var:2" version="1" datatype="int" comment="e"/>)";
  std::string error;
  const auto d = oval::read_definitions(definitions(value_test(), state_with_var("equals"), variables), "d.xml", error);
  REQUIRE(d);
  const auto s = oval::read_system_characteristics(sc, "s.xml", error);
  REQUIRE(s);
  const auto analysis = oval::analyse(*d, *s, {});
  CHECK(analysis.definitions.at("oval:t:def:1") == oval::Result::Error);
  CHECK(analysis.messages ==
        std::vector<std::string>{"oval:t:tst:1: external variable oval:t:var:2 has no value",
                                 "oval:t:tst:1: local variable oval:t:var:1: it uses oval:t:var:2, which has no value"});
}

TEST_CASE("ids given twice are refused with their line", "[oval][analysis]") {
  std::string error;
  const std::string twice = std::string(kHead) + "\n<definitions/>\n<tests>\n" + value_test() + "\n" + value_test() +
                            "\n</tests></oval_definitions>";
  CHECK_FALSE(oval::read_definitions(twice, "d.xml", error));
  CHECK(error == "d.xml:5: duplicate id 'oval:t:tst:1' in tests");
  CHECK_FALSE(oval::read_system_characteristics(syschar(kObject, kItem + "\n" + kItem), "s.xml", error));
  CHECK(error == "s.xml:2: duplicate id '1' in system_data");
  // One object collected per variable instance is not a duplicate.
  const std::string instances =
      R"(<object id="oval:t:obj:1" version="1" variable_instance="1" flag="complete"/><object id="oval:t:obj:1" version="1" variable_instance="2" flag="complete"/>)";
  CHECK(oval::read_system_characteristics(syschar(instances, ""), "s.xml", error));
}

TEST_CASE("reference cycles end in error, not in a loop", "[oval][analysis]") {
  const std::string defs =
      std::string(kHead) +
      R"(<definitions><definition id="oval:t:def:1" version="1" class="compliance"><criteria><extend_definition definition_ref="oval:t:def:2"/></criteria></definition>)"
      R"(<definition id="oval:t:def:2" version="1" class="compliance"><criteria><extend_definition definition_ref="oval:t:def:1"/></criteria></definition></definitions></oval_definitions>)";
  CHECK(definition_result(defs, syschar("", "")) == oval::Result::Error);
  const std::string loop =
      R"(<local_variable id="oval:t:var:1" version="1" datatype="int" comment="c"><variable_component var_ref="oval:t:var:2"/></local_variable>)"
      R"(<local_variable id="oval:t:var:2" version="1" datatype="int" comment="c"><variable_component var_ref="oval:t:var:1"/></local_variable>)";
  CHECK(definition_result(definitions(value_test(), state_with_var("equals"), loop), syschar(kObject, kItem)) ==
        oval::Result::Error);
}

// Criteria, tests and states are resolved to each other once while indexing; an id the document
// lacks stays an error with its message, however many places name it.
TEST_CASE("references to ids the document lacks are errors, each named once", "[oval][analysis]") {
  const std::string defs =
      std::string(kHead) +
      R"(<definitions><definition id="oval:t:def:1" version="1" class="compliance"><criteria operator="OR">)"
      R"(<criterion test_ref="oval:t:tst:404"/><criterion test_ref="oval:t:tst:404" negate="true"/>)"
      R"(<extend_definition definition_ref="oval:t:def:404" negate="true"/></criteria></definition>)"
      R"(<definition id="oval:t:def:2" version="1" class="compliance"><criteria>)"
      R"(<criterion test_ref="oval:t:tst:1"/><criterion test_ref="oval:t:tst:404"/></criteria></definition>)"
      R"(</definitions><tests>)" +
      R"(<ind:variable_test id="oval:t:tst:1" version="1" check="all" comment="c"><ind:object object_ref="oval:t:obj:1"/><ind:state state_ref="oval:t:ste:404"/></ind:variable_test>)" +
      "</tests>" + kObjects + "</oval_definitions>";
  const auto [d, s, analysis] = analysed(defs, syschar(kObject, kItem));
  CHECK(analysis.definitions.at("oval:t:def:1") == oval::Result::Error);
  CHECK(analysis.definitions.at("oval:t:def:2") == oval::Result::Error);
  CHECK(analysis.tests.at("oval:t:tst:404") == oval::Result::Error);
  CHECK(analysis.tests.at("oval:t:tst:1") == oval::Result::Error);
  CHECK(analysis.tested_items.at("oval:t:tst:1") ==
        std::vector<std::pair<std::string, oval::Result>>{{"1", oval::Result::Error}});
  CHECK(analysis.messages == std::vector<std::string>{"oval:t:tst:404: no such test",
                                                      "oval:t:def:404: no such definition",
                                                      "oval:t:tst:1: no such state oval:t:ste:404"});
}

TEST_CASE("reference chains longer than the stack should follow end in error", "[oval][analysis]") {
  // def:1 extends def:2 ... extends def:N, whose test is true (20 equals the constant 20).
  const auto chain = [](int length) {
    std::string out = std::string(kHead) + "<definitions>";
    for (int i = 1; i <= length; ++i) {
      out += R"(<definition id="oval:t:def:)" + std::to_string(i) + R"(" version="1" class="compliance"><criteria>)" +
             (i < length ? R"(<extend_definition definition_ref="oval:t:def:)" + std::to_string(i + 1) + R"("/>)"
                         : R"(<criterion test_ref="oval:t:tst:1"/>)") +
             "</criteria></definition>";
    }
    return out + "</definitions><tests>" + value_test() + "</tests>" + kObjects + "<states>" +
           state_with_var("equals") +
           R"(</states><variables><constant_variable id="oval:t:var:1" version="1" datatype="int" comment="c"><value>20</value></constant_variable></variables></oval_definitions>)";
  };
  CHECK(definition_result(chain(10), syschar(kObject, kItem)) == oval::Result::True);
  CHECK(definition_result(chain(1000), syschar(kObject, kItem)) == oval::Result::True);
  CHECK(definition_result(chain(1001), syschar(kObject, kItem)) == oval::Result::Error);
}

// scapc oval analyse streams the results document (write_results_document); it must be the very
// text that saving the DOM gives, escaping included, on whatever ids and structure content has.
TEST_CASE("the streamed results document is the DOM's text byte for byte", "[oval][analysis]") {
  const std::string odd = "oval:t:tst:&amp;&lt;&gt;&quot;'&#9;x";
  const std::string tests =
      value_test() + R"(<ind:variable_test id=")" + odd +
      R"(" version="2" check="at least one" check_existence="any_exist" comment="c"><ind:object object_ref="oval:t:obj:1"/></ind:variable_test>)";
  std::string defs = definitions(
      tests, state_with_var("greater than"),
      R"(<constant_variable id="oval:t:var:1" version="1" datatype="int" comment="c"><value>5</value></constant_variable>)");
  const std::string more =
      R"(<definition id="oval:t:def:2" version="3" class="inventory"><criteria operator="XOR" negate="true" applicability_check="true"><criterion test_ref=")" +
      odd +
      R"(" negate="true"/><criteria operator="ONE"><extend_definition definition_ref="oval:t:def:1" applicability_check="false"/><criterion test_ref="oval:t:tst:missing"/></criteria><criteria/></criteria></definition><definition id="oval:t:def:3" version="1"/>)";
  defs.replace(defs.find("</definitions>"), 0, more);
  const auto [d, s, analysis] = analysed(defs, syschar(kObject, kItem));
  std::ostringstream dom;
  oval::results_document(*d, *s, analysis, "2026-01-01T00:00:00")
      .save(dom, "  ", pugi::format_default, pugi::encoding_utf8);
  struct Text : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
  } streamed;
  std::string error2;
  REQUIRE(oval::write_results_document(streamed, *d, *s, analysis, "2026-01-01T00:00:00", error2));
  CHECK(streamed.out == dom.str());
  CHECK(streamed.out.find("&#09;") != std::string::npos);
}

// A check run's reports share the host's documents instead of copying them in; printed, they are
// the DOM's text too, whole and at the depth of an ARF report.
TEST_CASE("a results report that shares its documents prints as the DOM", "[oval][analysis]") {
  const auto [d, s, analysis] = analysed(definitions(value_test(), state_with_var("equals"), ""), syschar(kObject, kItem));
  const auto whole = oval::results_document(*d, *s, analysis, "2026-01-01T00:00:00");
  std::ostringstream dom;
  whole.save(dom, "  ", pugi::format_default, pugi::encoding_utf8);
  const auto report = oval::results_report(d, s, analysis, "2026-01-01T00:00:00");
  CHECK(oval::results_report_text(*report) == dom.str());
  struct Text : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
  } nested, spliced;
  whole.document_element().print(nested, "  ", pugi::format_default, pugi::encoding_utf8, 4);
  oval::print_results_report(*report, spliced, 4);
  CHECK(spliced.out == nested.out);
  std::ostringstream rebuilt;
  oval::results_report_document(*report).save(rebuilt, "  ", pugi::format_default, pugi::encoding_utf8);
  CHECK(rebuilt.str() == dom.str());
}

namespace {

// Two documents alike as XML: names, attributes in order, and text (no white space only text).
bool same_tree(const pugi::xml_node& a, const pugi::xml_node& b) {
  if (a.type() != b.type() || std::string_view(a.name()) != b.name() || std::string_view(a.value()) != b.value())
    return false;
  auto x = a.first_attribute();
  auto y = b.first_attribute();
  for (; x && y; x = x.next_attribute(), y = y.next_attribute()) {
    if (std::string_view(x.name()) != y.name() || std::string_view(x.value()) != y.value()) return false;
  }
  if (x || y) return false;
  auto c = a.first_child();
  auto d = b.first_child();
  for (; c && d; c = c.next_sibling(), d = d.next_sibling()) {
    if (!same_tree(c, d)) return false;
  }
  return !c && !d;
}

struct SavedFile {
  std::filesystem::path path;
  SavedFile(const std::string& name, const std::string& text)
      : path(std::filesystem::temp_directory_path() / ("scapc-analysis-test-" + name)) {
    std::ofstream(path, std::ios::binary) << text;
  }
  SavedFile(const SavedFile&) = delete;
  SavedFile& operator=(const SavedFile&) = delete;
  ~SavedFile() { std::filesystem::remove(path); }
};

struct Text : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

}  // namespace

// scapc oval analyse reads its inputs in place (text kept in elements) and copies them into the
// results from their files: the same analysis, and the same document as XML.
TEST_CASE("inputs read from files give the same analysis and copy themselves into the results", "[oval][analysis]") {
  std::string defs = definitions(
      value_test(), state_with_var("greater than"),
      R"(<constant_variable id="oval:t:var:1" version="1" datatype="int" comment="c &amp; d"><value>5</value></constant_variable>)");
  defs = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- made by hand -->\r\n" + defs + "\r\n<!-- end -->\r\n";
  const std::string sc = syschar(kObject, kItem + "\n<!-- a comment the DOM does not keep -->\n");
  const SavedFile defs_file("defs.xml", defs);
  const SavedFile sc_file("sc.xml", sc);
  std::string error;
  const auto d_text = oval::read_definitions(defs, "d.xml", error);
  const auto s_text = oval::read_system_characteristics(sc, "s.xml", error);
  const auto d_file = oval::read_definitions_file(defs_file.path, error);
  const auto s_file = oval::read_system_characteristics_file(sc_file.path, error);
  REQUIRE(d_text);
  REQUIRE(s_text);
  REQUIRE(d_file);
  REQUIRE(s_file);
  const auto from_text = oval::analyse(*d_text, *s_text, {});
  const auto from_file = oval::analyse(*d_file, *s_file, {});
  CHECK(from_file.definitions == from_text.definitions);
  CHECK(from_file.definitions.at("oval:t:def:1") == oval::Result::True);  // 20 > 5
  CHECK(from_file.tests == from_text.tests);
  CHECK(from_file.tested_items == from_text.tested_items);

  Text printed;
  Text copied;
  REQUIRE(oval::write_results_document(printed, *d_text, *s_text, from_text, "2026-01-01T00:00:00", error));
  REQUIRE(oval::write_results_document(copied, *d_file, *s_file, from_file, "2026-01-01T00:00:00", error));
  CHECK(copied.out.find("<!-- a comment the DOM does not keep -->") != std::string::npos);  // bytes, not the DOM
  CHECK(copied.out.find("<!-- made by hand -->") == std::string::npos);  // the root only, not the prolog
  pugi::xml_document a;
  pugi::xml_document b;
  REQUIRE(a.load_string(printed.out.c_str()));
  REQUIRE(b.load_string(copied.out.c_str()));
  CHECK(same_tree(a, b));

  // The definitions file rewritten after it was read: no results from bytes that were not analysed.
  std::ofstream(defs_file.path, std::ios::binary) << std::string(defs).replace(defs.find("<value>5<"), 9, "<value>7<");
  Text stale;
  CHECK_FALSE(oval::write_results_document(stale, *d_file, *s_file, from_file, "2026-01-01T00:00:00", error));
  CHECK(error ==
        defs_file.path.string() + ": the file changed after it was read; run again on files that stay as they are");
}

TEST_CASE("an object's references find items by any id, and a missing one is named", "[oval][analysis]") {
  const auto defs = definitions(
      value_test(),
      R"(<ind:variable_state id="oval:t:ste:1" version="1"><ind:value datatype="int">20</ind:value></ind:variable_state>)",
      "");
  const auto item = [](const std::string& id) {
    return R"(<ind-sc:variable_item id=")" + id +
           R"("><ind-sc:var_ref>oval:t:var:9</ind-sc:var_ref><ind-sc:value datatype="int">20</ind-sc:value></ind-sc:variable_item>)";
  };
  const auto object = [](const std::string& refs) {
    return R"(<object id="oval:t:obj:1" version="1" flag="complete">)" + refs + "</object>";
  };
  // Numbered items, an id far above the count and one that is not a number are all found.
  CHECK(
      definition_result(
          defs, syschar(object(R"(<reference item_ref="2"/><reference item_ref="900000"/><reference item_ref="x1"/>)"),
                        item("2") + item("900000") + item("x1"))) == oval::Result::True);
  // A reference to an item the document does not hold counts as an error and is named; the one item
  // that exists still satisfies at_least_one_exists and the state.
  std::string error;
  const auto d = oval::read_definitions(defs, "d.xml", error);
  REQUIRE(d);
  const auto s = oval::read_system_characteristics(
      syschar(object(R"(<reference item_ref="1"/><reference item_ref="3"/>)"), item("1")), "s.xml", error);
  REQUIRE(s);
  const auto analysis = oval::analyse(*d, *s, {});
  CHECK(analysis.definitions.at("oval:t:def:1") == oval::Result::True);
  REQUIRE(analysis.messages.size() == 1);
  CHECK(analysis.messages.front() == "oval:t:tst:1: item 3 is missing");
}

// Enough tests to be evaluated on every core (the evaluator splits from 256 up): results, items
// and messages still appear as a walk of the definitions in document order reaches each test.
TEST_CASE("tests evaluated in parallel report in definition order, once each", "[oval][analysis]") {
  constexpr int kTests = 1500;
  const auto test_id = [](int i) { return "oval:t:tst:" + std::to_string(i); };
  std::string defs = std::string(kHead) + "<definitions>";
  for (int d = 0; d < kTests; ++d) {
    // Definition d reaches test kTests-1-d first, then test 0 again (already reported).
    defs += R"(<definition id="oval:t:def:)" + std::to_string(d) +
            R"(" version="1" class="compliance"><criteria operator="OR"><criterion test_ref=")" +
            test_id(kTests - 1 - d) + R"("/><criterion test_ref=")" + test_id(0) + R"("/></criteria></definition>)";
  }
  defs += "</definitions><tests>";
  const auto variable_test = [](const std::string& id, const std::string& state) {
    return R"(<ind:variable_test id=")" + id +
           R"(" version="1" check="all" comment="c"><ind:object object_ref="oval:t:obj:1"/><ind:state state_ref=")" +
           state + R"("/></ind:variable_test>)";
  };
  for (int i = 0; i < kTests; ++i) {
    defs += variable_test(test_id(i), i % 2 == 0 ? "oval:t:ste:404:" + std::to_string(i) : "oval:t:ste:1");
  }
  defs += variable_test("oval:t:tst:unreached", "oval:t:ste:404:unreached");
  defs +=
      "</tests>" + kObjects +
      R"(<states><ind:variable_state id="oval:t:ste:1" version="1"><ind:value datatype="int">20</ind:value></ind:variable_state></states></oval_definitions>)";
  std::string error;
  const auto d = oval::read_definitions(defs, "d.xml", error);
  REQUIRE(d);
  const auto s = oval::read_system_characteristics(syschar(kObject, kItem), "s.xml", error);
  REQUIRE(s);
  const auto analysis = oval::analyse(*d, *s, {}, 4);
  CHECK(analysis.messages == oval::analyse(*d, *s, {}, 1).messages);

  // The walk a lazy evaluation makes: each definition's tests in order, each test reported once.
  std::vector<std::string> expected_messages;
  std::vector<bool> reached(kTests, false);
  for (int d = 0; d < kTests; ++d) {
    for (const int i : {kTests - 1 - d, 0}) {
      if (reached[i]) continue;
      reached[i] = true;
      if (i % 2 == 0) expected_messages.push_back(test_id(i) + ": no such state oval:t:ste:404:" + std::to_string(i));
    }
  }
  REQUIRE(expected_messages.size() == static_cast<std::size_t>(kTests / 2));
  CHECK(expected_messages.front() == "oval:t:tst:0: no such state oval:t:ste:404:0");
  CHECK(analysis.messages == expected_messages);
  REQUIRE(analysis.tests.size() == static_cast<std::size_t>(kTests));
  CHECK_FALSE(analysis.tests.contains("oval:t:tst:unreached"));
  CHECK_FALSE(analysis.tested_items.contains("oval:t:tst:unreached"));
  for (int i = 0; i < kTests; ++i) {
    const auto expected = i % 2 == 0 ? oval::Result::Error : oval::Result::True;
    REQUIRE(analysis.tests.at(test_id(i)) == expected);
    REQUIRE(analysis.tested_items.at(test_id(i)) == std::vector<std::pair<std::string, oval::Result>>{{"1", expected}});
  }
  // Test 0 is an error, so OR gives error where the other test is an error too, and true otherwise.
  for (int d = 0; d < kTests; ++d) {
    const auto expected = (kTests - 1 - d) % 2 == 0 ? oval::Result::Error : oval::Result::True;
    REQUIRE(analysis.definitions.at("oval:t:def:" + std::to_string(d)) == expected);
  }
}

// From 10,000 items the collected objects are read on a second thread while the items are
// indexed: the references still resolve, and duplicates are reported as on one thread.
TEST_CASE("large system characteristics index objects and items alongside", "[oval][analysis]") {
  const auto item = [](int id) {
    return R"(<ind-sc:variable_item id=")" + std::to_string(id) +
           R"("><ind-sc:var_ref>oval:t:var:9</ind-sc:var_ref><ind-sc:value datatype="int">)" +
           std::to_string(id % 7 == 0 ? 20 : 21) + "</ind-sc:value></ind-sc:variable_item>";
  };
  std::string items;
  for (int i = 1; i <= 12000; ++i) items += item(i);
  const std::string object =
      R"(<object id="oval:t:obj:1" version="1" flag="complete"><reference item_ref="7"/><reference item_ref="12000"/><reference item_ref="12001"/></object>)";
  const std::string state =
      R"(<states><ind:variable_state id="oval:t:ste:1" version="1"><ind:value datatype="int">20</ind:value></ind:variable_state></states>)";
  const std::string defs =
      std::string(kHead) +
      R"(<definitions><definition id="oval:t:def:1" version="1" class="compliance"><criteria><criterion test_ref="oval:t:tst:1"/></criteria></definition></definitions>)" +
      "<tests>" + value_test() + "</tests>" + kObjects + state + "</oval_definitions>";
  const auto [d, s, analysis] = analysed(defs, syschar(object, items));
  CHECK(analysis.tested_items.at("oval:t:tst:1") ==
        std::vector<std::pair<std::string, oval::Result>>{{"7", oval::Result::True}, {"12000", oval::Result::False}});
  CHECK(analysis.messages == std::vector<std::string>{"oval:t:tst:1: item 12001 is missing"});
  // Item 12000 fails the state, so the check "all" fails whatever the missing item would have been.
  CHECK(analysis.tests.at("oval:t:tst:1") == oval::Result::False);

  std::string error;
  CHECK_FALSE(
      oval::read_system_characteristics(syschar(object + "\n" + object, items + "\n" + item(5)), "s.xml", error));
  CHECK(error == "s.xml:2: duplicate id 'oval:t:obj:1' in collected_objects");
  CHECK_FALSE(oval::read_system_characteristics(syschar(object, items + "\n" + item(5)), "s.xml", error));
  CHECK(error == "s.xml:2: duplicate id '5' in system_data");
}

TEST_CASE("a variable's repeated values count as often as they occur, under every var_check", "[oval][analysis]") {
  // The item's value is "ab"; the variable holds ab, AB, ab, x: string equality is counted by lookup,
  // other operations compare each distinct value once, and both must count like one by one.
  const auto sc = syschar(
      kObject,
      R"(<ind-sc:variable_item id="1"><ind-sc:var_ref>oval:t:var:9</ind-sc:var_ref><ind-sc:value>ab</ind-sc:value></ind-sc:variable_item>)");
  const std::string variable =
      R"(<constant_variable id="oval:t:var:1" version="1" datatype="string" comment="c"><value>ab</value><value>AB</value><value>ab</value><value>x</value></constant_variable>)";
  const auto result = [&](const std::string& operation, const std::string& var_check) {
    const auto state = R"(<ind:variable_state id="oval:t:ste:1" version="1"><ind:value operation=")" + operation +
                       R"(" var_ref="oval:t:var:1" var_check=")" + var_check + R"("/></ind:variable_state>)";
    return definition_result(definitions(value_test(), state, variable), sc);
  };
  using R = oval::Result;
  // equals: true for 2 of 4
  CHECK(result("equals", "at least one") == R::True);
  CHECK(result("equals", "only one") == R::False);
  CHECK(result("equals", "all") == R::False);
  CHECK(result("equals", "none satisfy") == R::False);
  // case insensitive equals: true for 3 of 4
  CHECK(result("case insensitive equals", "only one") == R::False);
  CHECK(result("case insensitive not equal", "only one") == R::True);  // only x differs
  // not equal: true for AB and x
  CHECK(result("not equal", "all") == R::False);
  CHECK(result("not equal", "at least one") == R::True);
  CHECK(result("not equal", "only one") == R::False);
  // pattern match, compared per distinct value: ^a matches ab twice
  CHECK(result("pattern match", "only one") == R::False);
  CHECK(result("pattern match", "at least one") == R::True);
}
