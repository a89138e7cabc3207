// XCCDF results and the ARF 1.1 collection (NIST IR 7694), laid out as `oscap xccdf eval
// --results-arf` does: the source content as the report request, an ai:computing-device per host,
// and per host an XCCDF report related to both (createdFor, isAbout) plus its OVAL results reports.
#include <scapc/input.h>
#include <scapc/pattern.h>
#include <scapc/xml_names.h>
#include <scapc/xml_namespaces.h>

#include <algorithm>

#include "test_result.h"

namespace scapc::output {
namespace {

// A copy that carries the namespace declarations it inherited, so it stands alone.
pugi::xml_node copy_standalone(pugi::xml_node parent, const pugi::xml_node& node) {
  auto copy = parent.append_copy(node);
  xml::inherit_namespaces(copy, node);
  return copy;
}

std::string oval_report_id(std::size_t host, std::size_t component) {
  return "oval" + std::to_string(host) + "." + std::to_string(component);
}

std::string report_href(const check::HostResult& result, std::size_t host, const std::string& key,
                        const std::function<std::string(std::size_t, const std::string&)>& href) {
  for (const auto& oval_report : result.oval_reports) {
    if (oval_report.component_key == key) return href(host, key);
  }
  return {};
}

// AI 1.1 constrains addresses by pattern: IPv6 fully expanded, MACs colon-separated.
std::string expanded_ipv6(const std::string& address) {
  std::vector<std::string> head;
  std::vector<std::string> tail;
  const auto gap = address.find("::");
  const auto split = [](const std::string& text, std::vector<std::string>& out) {
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
      const auto end = text.find(':', start);
      out.push_back(text.substr(start, end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
  };
  if (gap == std::string::npos) {
    split(address, head);
  } else {
    split(address.substr(0, gap), head);
    split(address.substr(gap + 2), tail);
  }
  if (head.size() + tail.size() > 8 || (gap == std::string::npos && head.size() != 8)) return {};
  head.resize(8 - tail.size(), "0");
  head.insert(head.end(), tail.begin(), tail.end());
  std::string out;
  for (const auto& group : head) {
    static const input::Pattern kGroup("[0-9a-fA-F]{1,4}");
    if (!kGroup.matches(group)) return {};
    out += (out.empty() ? "" : ":") + group;
  }
  return out;
}

void append_device(pugi::xml_node asset, const check::Host& host) {
  static const input::Pattern kIpv4(R"((\d{1,3}\.){3}\d{1,3})");
  static const input::Pattern kMac("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
  static const input::Pattern kHostname(R"([\w\-]+(\.[\w\-]+)*)");
  auto device = asset.append_child("ai:computing-device");
  pugi::xml_node connections;
  const auto connection = [&]() {
    if (!connections) connections = device.append_child("ai:connections");
    return connections.append_child("ai:connection");
  };
  for (const auto& address : host.ip_addresses) {
    if (!input::regex_safe(address)) continue;
    if (kIpv4.matches(address)) {
      connection().append_child("ai:ip-address").append_child("ai:ip-v4").text().set(address.c_str());
    } else if (const auto v6 = expanded_ipv6(address); !v6.empty()) {
      connection().append_child("ai:ip-address").append_child("ai:ip-v6").text().set(v6.c_str());
    }
  }
  for (auto mac : host.mac_addresses) {
    std::replace(mac.begin(), mac.end(), '-', ':');
    if (input::regex_safe(mac) && kMac.matches(mac))
      connection().append_child("ai:mac-address").text().set(mac.c_str());
  }
  if (!host.fqdn.empty()) device.append_child("ai:fqdn").text().set(host.fqdn.c_str());
  if (input::regex_safe(host.host_name) && kHostname.matches(host.host_name)) {
    device.append_child("ai:hostname").text().set(host.host_name.c_str());
  }
}

void print(const pugi::xml_node& node, unsigned depth, std::string& out, const char* indent = kIndent) {
  xml::StringWriter writer(out);
  node.print(writer, indent, pugi::format_default, pugi::encoding_utf8, depth);
}

constexpr const char* kSplit = "scapc-split";

// A document serialized whole, cut around its <scapc-split/> placeholders: the text between them.
std::vector<std::string> split_at_placeholders(const pugi::xml_document& document, const char* indent) {
  std::string text;
  xml::StringWriter writer(text);
  document.save(writer, indent, pugi::format_default, pugi::encoding_utf8);
  std::vector<std::string> parts;
  const std::string marker = std::string("<") + kSplit + " />\n";
  std::size_t start = 0;
  for (auto found = text.find(marker); found != std::string::npos; found = text.find(marker, start)) {
    const auto line = text.rfind('\n', found) + 1;
    parts.push_back(text.substr(start, line - start));
    start = found + marker.size();
  }
  parts.push_back(text.substr(start));
  return parts;
}

void relate(pugi::xml_node relationships, const char* type, const std::string& subject, const std::string& ref) {
  auto node = relationships.append_child("core:relationship");
  node.append_attribute("type") = type;
  node.append_attribute("subject") = subject.c_str();
  node.append_child("core:ref").text().set(ref.c_str());
}

// The ARF root with its relationships (empty) and the report request holding the content: what
// arf() and arf_frame() share.
pugi::xml_node append_arf_root(pugi::xml_document& document, const Assessment& run) {
  auto declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  auto root = document.append_child("arf:asset-report-collection");
  root.append_attribute("xmlns:arf") = ns::kArf;
  root.append_attribute("xmlns:core") = ns::kReportingCore;
  root.append_attribute("xmlns:ai") = ns::kAssetIdentification;
  root.append_child("core:relationships").append_attribute("xmlns:arfvocab") = ns::kArfRelationships;
  auto request = root.append_child("arf:report-requests").append_child("arf:report-request");
  request.append_attribute("id") = "collection1";
  copy_standalone(request.append_child("arf:content"), run.content->root);
  return root;
}

}  // namespace

pugi::xml_document xccdf_results(const Assessment& run, bool with_benchmark,
                                 const std::function<std::string(std::size_t, const std::string&)>& oval_results_href) {
  pugi::xml_document document;
  auto declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  const auto place_for = [&](std::size_t host) {
    TestResultPlace place;
    place.oval_href = [&, host](const std::string& key) {
      return report_href((*run.results)[host], host, key, oval_results_href);
    };
    return place;
  };
  if (!with_benchmark) {
    auto place = place_for(0);
    place.benchmark_href = run.content->path;
    append_test_result(document, run, 0, place);
    return document;
  }
  auto benchmark = copy_standalone(document, run.content->benchmark_node);
  pugi::xml_node signature;
  for (const auto& child : benchmark.children()) {
    const std::string_view name = child.name();
    if (name == "signature" || (name.size() > 10 && name.substr(name.size() - 10) == ":signature")) signature = child;
  }
  for (std::size_t host = 0; host < run.hosts->size(); ++host) {
    auto test_result = append_test_result(benchmark, run, host, place_for(host));
    if (!signature.empty()) benchmark.insert_move_before(test_result, signature);
  }
  return document;
}

XccdfResultsFrame xccdf_results_frame(const Assessment& run) {
  pugi::xml_document document;
  auto declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  auto benchmark = copy_standalone(document, run.content->benchmark_node);
  pugi::xml_node signature;
  for (const auto& child : benchmark.children()) {
    const std::string_view name = child.name();
    if (name == "signature" || (name.size() > 10 && name.substr(name.size() - 10) == ":signature")) signature = child;
  }
  if (signature.empty()) {
    benchmark.append_child(kSplit);
  } else {
    benchmark.insert_child_before(kSplit, signature);
  }
  auto parts = split_at_placeholders(document, kIndent);
  return {std::move(parts[0]), std::move(parts[1])};
}

std::string xccdf_results_host(const Assessment& run, std::size_t index,
                               const std::function<std::string(std::size_t, const std::string&)>& oval_results_href) {
  pugi::xml_document scratch;
  TestResultPlace place;
  place.oval_href = [&](const std::string& key) {
    return report_href((*run.results)[index], run.first + index, key, oval_results_href);
  };
  std::string out;
  print(append_test_result(scratch, run, index, place), 1, out);
  return out;
}

ArfFrame arf_frame(const Assessment& run) {
  pugi::xml_document document;
  auto root = append_arf_root(document, run);
  root.child("core:relationships").append_child(kSplit);
  root.append_child("arf:assets").append_child(kSplit);
  root.append_child("arf:reports").append_child(kSplit);
  auto parts = split_at_placeholders(document, kArfIndent);
  return {std::move(parts[0]), std::move(parts[1]), std::move(parts[2]), std::move(parts[3])};
}

// One host's relationships, asset and reports as arf() places them (depth 2, under the root's
// sections). OVAL results are printed from their own documents rather than copied in.
void arf_host(const Assessment& run, std::size_t index, ArfHost& out) {
  const auto host = run.first + index;
  const auto& result = (*run.results)[index];
  const auto asset_id = "asset" + std::to_string(host);
  const auto xccdf_id = "xccdf" + std::to_string(host);
  pugi::xml_document scratch;
  auto relationships = scratch.append_child("core:relationships");
  relate(relationships, "arfvocab:createdFor", xccdf_id, "collection1");
  relate(relationships, "arfvocab:isAbout", xccdf_id, asset_id);
  for (const auto& relationship : relationships.children()) print(relationship, 2, out.relationships, kArfIndent);

  auto asset = scratch.append_child("arf:asset");
  asset.append_attribute("id") = asset_id.c_str();
  append_device(asset, (*run.hosts)[index]);
  print(asset, 2, out.asset, kArfIndent);

  auto report = scratch.append_child("arf:report");
  report.append_attribute("id") = xccdf_id.c_str();
  TestResultPlace place;
  place.benchmark_href = run.content->data_stream ? "#" + run.content->benchmark_component_id : run.content->path;
  place.asset_id = asset_id;
  place.oval_href = [&result, host](const std::string& key) {
    for (std::size_t n = 0; n < result.oval_reports.size(); ++n) {
      if (result.oval_reports[n].component_key == key) return "#" + oval_report_id(host, n);
    }
    return std::string();
  };
  append_test_result(report.append_child("arf:content"), run, index, place);
  print(report, 2, out.reports, kArfIndent);
  for (std::size_t n = 0; n < result.oval_reports.size(); ++n) {
    pugi::xml_document wrapper;
    auto oval_report = wrapper.append_child("arf:report");
    oval_report.append_attribute("id") = oval_report_id(host, n).c_str();
    oval_report.append_child("arf:content").append_child(kSplit);
    std::string text;
    print(oval_report, 2, text, kArfIndent);
    const std::string marker = std::string("<") + kSplit + " />\n";
    const auto found = text.find(marker);
    const auto line = text.rfind('\n', found) + 1;
    const auto before = out.reports.size();
    out.reports.append(text, 0, line);
    if (print_report_ahead(*result.oval_reports[n].results, 4, out.reports, oval::SourceDefinitions::Omitted,
                           kArfIndent)) {
      out.reports.append(text, found + marker.size());
    } else {
      out.reports.resize(before);
      out.oval.push_back({text.substr(0, line), result.oval_reports[n].results, text.substr(found + marker.size())});
    }
  }
}

namespace {
// Appends until the text would pass its limit, then drops the rest.
class CappedWriter : public pugi::xml_writer {
 public:
  CappedWriter(std::string& out, std::size_t limit) : out_(out), limit_(limit) {}
  void write(const void* data, std::size_t size) override {
    if (over_ || out_.size() + size > limit_) {
      over_ = true;
      return;
    }
    out_.append(static_cast<const char*>(data), size);
  }
  [[nodiscard]] bool over() const { return over_; }

 private:
  std::string& out_;
  std::size_t limit_;
  bool over_ = false;
};
}  // namespace

bool print_report_ahead(const oval::ResultsReport& report, unsigned depth, std::string& out,
                        oval::SourceDefinitions source, const char* indent) {
  // A host as the collector gathers it reports in well under a megabyte.
  constexpr std::size_t kPrintedAhead = std::size_t{8} << 20;
  const auto before = out.size();
  CappedWriter writer(out, before + kPrintedAhead);
  oval::print_results_report(report, writer, depth, source, indent);
  if (!writer.over()) return true;
  out.resize(before);
  return false;
}

void print_arf_reports(const ArfHost& host, pugi::xml_writer& writer) {
  writer.write(host.reports.data(), host.reports.size());
  for (const auto& report : host.oval) {
    writer.write(report.before.data(), report.before.size());
    oval::print_results_report(*report.results, writer, 4, oval::SourceDefinitions::Omitted, kArfIndent);
    writer.write(report.after.data(), report.after.size());
  }
}

pugi::xml_document arf(const Assessment& run) {
  pugi::xml_document document;
  auto root = append_arf_root(document, run);
  auto relationships = root.child("core:relationships");

  auto assets = root.append_child("arf:assets");
  auto reports = root.append_child("arf:reports");
  const auto benchmark_href = run.content->data_stream ? "#" + run.content->benchmark_component_id : run.content->path;
  for (std::size_t host = 0; host < run.hosts->size(); ++host) {
    const auto& result = (*run.results)[host];
    const auto asset_id = "asset" + std::to_string(host);
    auto asset = assets.append_child("arf:asset");
    asset.append_attribute("id") = asset_id.c_str();
    append_device(asset, (*run.hosts)[host]);

    const auto xccdf_id = "xccdf" + std::to_string(host);
    relate(relationships, "arfvocab:createdFor", xccdf_id, "collection1");
    relate(relationships, "arfvocab:isAbout", xccdf_id, asset_id);
    auto report = reports.append_child("arf:report");
    report.append_attribute("id") = xccdf_id.c_str();
    TestResultPlace place;
    place.benchmark_href = benchmark_href;
    place.asset_id = asset_id;
    place.oval_href = [&result, host](const std::string& key) {
      for (std::size_t n = 0; n < result.oval_reports.size(); ++n) {
        if (result.oval_reports[n].component_key == key) return "#" + oval_report_id(host, n);
      }
      return std::string();
    };
    append_test_result(report.append_child("arf:content"), run, host, place);

    for (std::size_t n = 0; n < result.oval_reports.size(); ++n) {
      const auto id = oval_report_id(host, n);
      // Related only through the TestResult's check references, as oscap does: oscap info crashes
      // on an isAbout relationship whose subject is not an XCCDF report.
      auto oval_report = reports.append_child("arf:report");
      oval_report.append_attribute("id") = id.c_str();
      const auto whole =
          oval::results_report_document(*result.oval_reports[n].results, oval::SourceDefinitions::Omitted);
      oval_report.append_child("arf:content").append_copy(whole.document_element());
    }
  }
  return document;
}

}  // namespace scapc::output
