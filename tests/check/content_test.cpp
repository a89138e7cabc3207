// Loading content and host data: what loads, and one-line errors naming the file and line or
// reference for what does not.
#include <scapc/check.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace scapc;

namespace {

const std::string kContentFixtures = SCAPC_SOURCE_DIR "/tests/check/fixtures/";

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = (std::filesystem::temp_directory_path() / ("scapc-content-test-" + name)).string();
  std::ofstream(path) << text;
  return path;
}

std::string content_error(const std::string& name, const std::string& text) {
  check::Content content;
  std::string error;
  const auto path = write_temp(name, text);
  CHECK_FALSE(check::load_content(path, {}, content, error));
  std::filesystem::remove(path);
  return error.substr(error.find(name));
}

std::string host_error(const std::string& name, const std::string& text) {
  check::Host host;
  std::string error;
  const auto path = write_temp(name, text);
  CHECK_FALSE(check::load_host(path, host, error));
  std::filesystem::remove(path);
  return error.substr(error.find(name));
}

}  // namespace

TEST_CASE("content that does not load says why, with file and line", "[check][content]") {
  CHECK(content_error("broken.xml", "<Benchmark>\n<Rule>\n</Benchmark>") ==
        "broken.xml:3: not well-formed XML: Start-end tags mismatch");
  CHECK(content_error("other.xml", "<catalog/>") ==
        "other.xml: not a source data stream or an XCCDF Benchmark (root element catalog)");
  CHECK(content_error("old.xml", R"(<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="b"/>)") ==
        "old.xml: the Benchmark is in namespace 'http://checklists.nist.gov/xccdf/1.1'; scapc check evaluates XCCDF "
        "1.2 (compile XCCDF 1.1 STIGs with scapc compile first)");
  CHECK(content_error("norule.xml",
                      "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\">\n"
                      "  <Group id=\"g\">\n    <Rule/>\n  </Group>\n</Benchmark>") == "norule.xml:3: Rule without id");
  CHECK(content_error("weight.xml",
                      "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\">\n"
                      "<Rule id=\"r\" weight=\"heavy\"/></Benchmark>") ==
        "weight.xml:2: weight 'heavy' is not a non-negative number");
  CHECK(
      content_error(
          "dangling-ds.xml",
          R"(<ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" xmlns:xlink="http://www.w3.org/1999/xlink">
  <ds:data-stream id="s"><ds:checklists><ds:component-ref id="c" xlink:href="#missing"/></ds:checklists></ds:data-stream>
</ds:data-stream-collection>)") == "dangling-ds.xml:2: component-ref c points at no component ('#missing')");
}

TEST_CASE("an id given twice is refused where it is, not silently the last one", "[check][content]") {
  const std::string xccdf = "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\">\n";
  CHECK(content_error("dup-rule.xml",
                      xccdf + "<Group id=\"g\">\n<Rule id=\"r\"/>\n</Group>\n<Rule id=\"r\"/>\n</Benchmark>") ==
        "dup-rule.xml:5: duplicate id 'r' (Rule)");
  CHECK(content_error("dup-value.xml", xccdf + "<Value id=\"v\"/>\n<Group id=\"v\"/>\n</Benchmark>") ==
        "dup-value.xml:3: duplicate id 'v' (Group)");
  CHECK(content_error("dup-profile.xml", xccdf + "<Profile id=\"p\"/>\n<Profile id=\"p\"/>\n</Benchmark>") ==
        "dup-profile.xml:3: duplicate Profile id 'p'");
  CHECK(content_error("inf-weight.xml", xccdf + "<Rule id=\"r\" weight=\"1e999\"/></Benchmark>") ==
        "inf-weight.xml:2: weight '1e999' is not a non-negative number");
  const std::string stream =
      R"(<ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" xmlns:xlink="http://www.w3.org/1999/xlink">
  <ds:data-stream id="s"><ds:checklists><ds:component-ref id="c" xlink:href="#x"/></ds:checklists></ds:data-stream>
  <ds:component id="x"><Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="b"/></ds:component>
  <ds:component id="x"><Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="b2"/></ds:component>
</ds:data-stream-collection>)";
  CHECK(content_error("dup-component.xml", stream) == "dup-component.xml:4: duplicate component id 'x'");
}

TEST_CASE("host data that does not load says why", "[check][content]") {
  CHECK(host_error("bad-bundle.json",
                   R"({"scapcBundle": 1, "host": {"hostName": "h", "ipAddresses": [7]}, "cmdlets": []})") ==
        "bad-bundle.json:/host/ipAddresses/0: not a string");
  CHECK(
      host_error(
          "nameless.xml",
          R"(<oval_system_characteristics xmlns="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"><system_info/><collected_objects/></oval_system_characteristics>)") ==
      "nameless.xml: the system characteristics name no host (system_info/primary_host_name)");
}

TEST_CASE("oval analyse's reading takes system characteristics that name no host", "[check][content]") {
  const auto path = write_temp(
      "nameless-analysed.xml",
      R"(<oval_system_characteristics xmlns="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"><system_info/><collected_objects/></oval_system_characteristics>)");
  check::Host host;
  std::string error;
  REQUIRE(check::load_host(path, host, error, check::HostLoading{.name_required = false}));
  CHECK(host.host_name.empty());
  CHECK(host.system != nullptr);
  CHECK(host.output->empty());
  std::filesystem::remove(path);
}

TEST_CASE("a data stream's checklist and components are found through its catalogs", "[check][content]") {
  check::Content content;
  std::string error;
  const std::string ssg = "/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml";
  REQUIRE(check::load_content(ssg, {}, content, error));
  CHECK(content.data_stream);
  CHECK(content.benchmark.id == "xccdf_org.ssgproject.content_benchmark_DEBIAN-11");
  CHECK(content.benchmark_component_id == "scap_org.open-scap_comp_ssg-debian11-xccdf.xml");
  CHECK(content.oval.count("ssg-debian11-oval.xml") == 1);
  CHECK(content.ocil.count("ssg-debian11-ocil.xml") == 1);
  CHECK(content.cpe_checks.at("cpe:/a:machine").definition == "oval:ssg-installed_env_is_a_machine:def:1");
  CHECK(content.benchmark.profiles.size() == 5);

  check::Content scap12;
  REQUIRE(check::load_content("/usr/share/xml/scap/ssg/content/ssg-debian11-ds-1.2.xml", {}, scap12, error));
  CHECK(scap12.benchmark.id == content.benchmark.id);
  CHECK(scap12.oval.count("ssg-debian11-oval.xml") == 1);
}
