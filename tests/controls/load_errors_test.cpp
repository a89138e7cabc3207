// Each class of catalog error on a small input, with the exact line a user sees.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "test_support.h"

using namespace scapc;

namespace {

// A valid control with `extra` spliced in before the closing brace.
std::string control(const std::string& id, const std::string& extra = "") {
  return R"({"id": ")" + id +
         R"(", "title": "Title", "description": "Why it matters.", "category": "Transport Security",
             "severity": "Medium", "severityWeight": 5, "frameworks": ["DISA"], "roles": ["Mailbox"])" +
         extra + "}";
}

controls::LoadResult load(const std::string& text) {
  return controls::load_catalog_text(text, "t.json");
}

// A scratch directory removed at the end of the test.
struct ScratchDirectory {
  std::filesystem::path path;
  explicit ScratchDirectory(const std::string& name) : path(std::filesystem::temp_directory_path() / name) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

}  // namespace

TEST_CASE("a valid control in each document shape", "[controls][load]") {
  CHECK(load(control("A-1")).catalog.controls.size() == 1);
  CHECK(load("[" + control("A-1") + "," + control("A-2") + "]").catalog.controls.size() == 2);
  const auto wrapped = load(R"({"title": "Site catalog", "version": "2", "controls": [)" + control("A-1") + "]}");
  CHECK(test::lines(wrapped).empty());
  CHECK(wrapped.catalog.title == "Site catalog");
  CHECK(wrapped.catalog.version == "2");
  REQUIRE(wrapped.catalog.controls.size() == 1);
  CHECK(wrapped.catalog.controls[0].pointer == "/controls/0");
}

TEST_CASE("malformed JSON is reported with line and column", "[controls][load]") {
  const auto result = load("{\n  \"id\": \"A-1\",\n  \"title\": }\n");
  CHECK_FALSE(result.ok());
  CHECK(test::lines(result) ==
        std::vector<std::string>{"t.json:3:12: error: syntax error while parsing value - unexpected '}'; "
                                 "expected '[', '{', or a literal"});
}

TEST_CASE("invalid UTF-8 and truncated documents are syntax errors", "[controls][load]") {
  const auto utf8 = load("[{\"id\": \"A\xff\"}]");
  REQUIRE(test::errors(utf8).size() == 1);
  CHECK(test::errors(utf8)[0].rfind("t.json:1:", 0) == 0);
  CHECK(test::errors(utf8)[0].find("invalid string: ill-formed UTF-8 byte") != std::string::npos);

  const auto truncated = load(R"([{"id": "A-1", "title": "Tit)");
  CHECK(test::errors(truncated) == std::vector<std::string>{"t.json:1:29: error: syntax error while parsing value - "
                                                            "invalid string: missing closing quote"});
  const auto cut_after_value = load(R"([{"id": "A-1")");
  CHECK(test::errors(cut_after_value) ==
        std::vector<std::string>{"t.json:1:14: error: syntax error while parsing object - unexpected end of input; "
                                 "expected '}'"});
}

TEST_CASE("duplicate keys are errors, not silently the last one", "[controls][load]") {
  const auto result = load(R"([{"id": "A-1", "id": "A-2"}])");
  CHECK(test::errors(result).front() == "t.json:/0/id: error: duplicate key 'id' in object");
  const auto nested = load("[" + control("A-1", R"(, "remediation": {"description": "a", "description": "b"})") + "]");
  CHECK(test::errors(nested) ==
        std::vector<std::string>{"t.json:/0/remediation/description: error: duplicate key 'description' in object"});
}

TEST_CASE("duplicate control ids name both places", "[controls][load]") {
  const auto result = load("[" + control("A-1") + "," + control("A-2") + "," + control("A-1") + "]");
  CHECK(test::errors(result) ==
        std::vector<std::string>{"t.json:/2/id: error: duplicate control id 'A-1' (first defined at t.json:/0)"});
}

TEST_CASE("missing required fields", "[controls][load]") {
  const auto result = load(R"([{"id": "A-1", "description": "d", "severity": "Low", "severityWeight": 3,
                                 "frameworks": [], "roles": ["Edge"]}])");
  CHECK(test::errors(result) == std::vector<std::string>{
                                    "t.json:/0: error: missing required field 'title'",
                                    "t.json:/0: error: missing required field 'category'",
                                });
  const auto root = load(R"({"id": "A-1"})");
  CHECK(test::errors(root).size() == 7);
  CHECK(test::errors(root)[0] == "t.json:(document): error: missing required field 'title'");
}

TEST_CASE("wrong types name the field, the expected and the found type", "[controls][load]") {
  const auto result = load(R"([{"id": 7, "title": "t", "description": "d", "category": "c", "severity": "Low",
                                 "severityWeight": "high", "frameworks": "DISA", "roles": ["Edge", 3],
                                 "verify": "yes", "references": [{"name": ["x"]}]}])");
  CHECK(test::errors(result) ==
        std::vector<std::string>{
            "t.json:/0/id: error: 'id' must be a string, not an integer",
            "t.json:/0/verify: error: 'verify' must be a boolean, not a string",
            "t.json:/0/severityWeight: error: 'severityWeight' must be an integer, not a string",
            "t.json:/0/frameworks: error: 'frameworks' must be an array, not a string",
            "t.json:/0/roles/1: error: must be a string, not an integer",
            "t.json:/0/references/0/name: error: 'name' must be a string, not an array",
        });
  CHECK(test::errors(load("[" + control("A-1", R"(, "severityWeight": 4.5)") + "]")).size() == 2);  // dup key + type
  CHECK(test::errors(load("42")) ==
        std::vector<std::string>{"t.json:(document): error: a catalog must be a control, an "
                                 "array of controls or an object with 'controls', not an integer"});
  CHECK(test::errors(load("[42]")) ==
        std::vector<std::string>{"t.json:/0: error: a control must be an object, not an integer"});
}

TEST_CASE("unknown severity, role and out-of-range weight are errors", "[controls][load]") {
  const auto result = load(R"([{"id": "A-1", "title": "t", "description": "d", "category": "c", "severity": "Critical",
                                 "severityWeight": 11, "frameworks": ["DISA"], "roles": ["Hub"]}])");
  CHECK(test::errors(result) ==
        std::vector<std::string>{
            "t.json:/0/severity: error: unknown severity 'Critical' (expected Low, Medium or High)",
            "t.json:/0/severityWeight: error: severityWeight 11 is outside 0 to 10",
            "t.json:/0/roles/0: error: unknown role 'Hub' (expected Mailbox or Edge)",
        });
  CHECK(test::errors(load(R"([{"id": "A-1", "title": "t", "description": "d", "category": "c", "severity": "low",
                              "severityWeight": 1, "frameworks": [], "roles": []}])")) ==
        std::vector<std::string>{"t.json:/0/roles: error: 'roles' needs at least one role (Mailbox or Edge)"});
  CHECK(test::errors(load("[" + control("1-bad") + "]")) ==
        std::vector<std::string>{"t.json:/0/id: error: control id '1-bad' must start with a letter and hold only "
                                 "letters, digits, '.', '_', '-'"});
}

TEST_CASE("unknown frameworks and control fields are warnings; the catalog still loads", "[controls][load]") {
  const auto result = load(R"([{"id": "A-1", "title": "t", "description": "d", "category": "c", "severity": "HIGH",
                                 "severityWeight": 9, "frameworks": ["DISA", "PCI"], "roles": ["edge"], "owner": "x"}])");
  CHECK(result.ok());
  CHECK(test::lines(result) == std::vector<std::string>{
                                   "t.json:/0/owner: warning: unknown field 'owner' in a control",
                                   "t.json:/0/frameworks/1: warning: unknown framework 'PCI' (known: Best Practice, "
                                   "DISA, CIS, BSI, NIS2, ISM, ANSSI, CISA)",
                               });
  REQUIRE(result.catalog.controls.size() == 1);
  CHECK(result.catalog.controls[0].severity == controls::Severity::High);
  CHECK(result.catalog.controls[0].roles == std::vector<std::string>{"Edge"});
}

TEST_CASE("unknown fields inside a check are errors", "[controls][load]") {
  const auto result = load("[" + control("A-1", R"(, "check": {"cmdlet": "Get-SendConnector", "requires": "all",
      "condition": {"property": "RequireTLS", "op": "equals", "value": true, "negate": true}})") +
                           "]");
  CHECK(test::errors(result) ==
        std::vector<std::string>{
            "t.json:/0/check/requires: error: unknown field 'requires' in a cmdlet check",
            "t.json:/0/check/condition/negate: error: unknown field 'negate' in a property condition",
        });
}

TEST_CASE("every problem of a run is reported, across controls", "[controls][load]") {
  const auto result = load("[" + control("A-1", R"(, "severity": "Severe")") + "," +
                           control("A-2", R"(, "roles": ["CAS"])") + "," + control("A-1") + "]");
  // duplicate key "severity", bad severity, duplicate key "roles", bad role, and the duplicate id A-1
  CHECK(test::errors(result).size() == 5);
  CHECK_FALSE(result.ok());
}

TEST_CASE("a directory is read file by file in name order", "[controls][load]") {
  const ScratchDirectory directory("scapc-load-directory");
  directory.write("b.json", control("B-1"));
  directory.write("a.json", R"({"controls": [)" + control("A-1") + "," + control("A-2") + "]}");
  directory.write("catalog.schema.json", "not even JSON");
  directory.write("notes.txt", "ignored");
  const auto result = controls::load_catalog(directory.path);
  CHECK(test::lines(result).empty());
  REQUIRE(result.catalog.controls.size() == 3);
  CHECK(result.catalog.controls[0].id == "A-1");
  CHECK(result.catalog.controls[2].id == "B-1");
  CHECK(result.catalog.controls[2].source == (directory.path / "b.json").string());
}

TEST_CASE("problems in a directory name the file they are in", "[controls][load]") {
  const ScratchDirectory directory("scapc-load-directory-errors");
  directory.write("A-1.json", control("A-1"));
  directory.write("A-2.json", control("A-1"));
  directory.write("broken.json", "{\"id\": ");
  const auto result = controls::load_catalog(directory.path);
  const auto a2 = (directory.path / "A-2.json").string();
  const auto a1 = (directory.path / "A-1.json").string();
  const auto broken = (directory.path / "broken.json").string();
  CHECK(test::errors(result) == std::vector<std::string>{
                                    broken + ":1:8: error: syntax error while parsing value - unexpected end of input; "
                                             "expected '[', '{', or a literal",
                                    a2 + ":/id: error: duplicate control id 'A-1' (first defined at " + a1 + ":/)",
                                });
}

TEST_CASE("missing inputs and empty catalogs are errors", "[controls][load]") {
  const ScratchDirectory directory("scapc-load-empty");
  CHECK(test::errors(controls::load_catalog(directory.path)) ==
        std::vector<std::string>{directory.path.string() +
                                 ":(document): error: the directory holds no *.json control files"});
  const auto missing = controls::load_catalog(directory.path / "nope.json");
  REQUIRE(test::errors(missing).size() == 1);
  CHECK(test::errors(missing)[0].rfind((directory.path / "nope.json").string() + ":(document): error: cannot read: ",
                                       0) == 0);
  CHECK(test::errors(load("[]")) ==
        std::vector<std::string>{"t.json:(document): error: the catalog holds no controls"});
}
