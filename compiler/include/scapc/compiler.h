// Compiles a control catalog to SCAP 1.3 content: an XCCDF 1.2 benchmark, OVAL 5.11.2 cmdlet
// definitions for machine checks, OCIL 2.0 questionnaires for the rest, and the source data stream
// that bundles them. docs/compile-mapping.md says which catalog field becomes which element.
#pragma once

#include <scapc/controls.h>
#include <scapc/ocil.h>
#include <scapc/oval.h>
#include <scapc/xccdf.h>

#include <pugixml.hpp>
#include <string>
#include <vector>

namespace scapc::compiler {

struct Options {
  std::string id_namespace = "org.scapc";  // reverse DNS, no '_'
  std::string name = "exchange";           // id part of the benchmark and data stream
  std::string title;                       // default: the catalog's title, or a generic one
  std::string version;                     // default: the catalog's version, or "1.0"
  std::string timestamp;                   // YYYY-MM-DDThh:mm:ss, used everywhere a time is written
  std::string source;                      // what was compiled (dc:source)
  std::string oval_href;                   // file name XCCDF uses for the OVAL component
  std::string ocil_href;                   // file name XCCDF uses for the OCIL component
  std::string cpe_name;                    // the CPE dictionary component's name in the data stream
};

struct Content {
  xccdf::Benchmark benchmark;
  oval::Definitions oval;
  ocil::Document ocil;
  std::vector<xccdf::CpeItem> cpe;  // the dictionary of the rules' platforms (roles, versions, site)
  [[nodiscard]] bool has_oval() const { return !oval.definitions.empty(); }
  [[nodiscard]] bool has_ocil() const { return !ocil.questionnaires.empty(); }
  [[nodiscard]] bool has_cpe() const { return !cpe.empty(); }
};

struct Result {
  Content content;
  std::vector<std::string> errors;  // "CONTROL-ID: reason" for checks that cannot be expressed
};

// Why options are unusable, or "" when they are fine.
std::string check_options(const Options& options);

Result compile(const controls::Catalog& catalog, const Options& options);

// The SCAP 1.3 source data stream holding the benchmark and its check components.
pugi::xml_document data_stream(const Content& content, const Options& options);

}  // namespace scapc::compiler
