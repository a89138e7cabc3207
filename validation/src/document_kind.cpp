#include "document_kind.h"

#include <array>
#include <memory>

#include "libxml2.h"
#include "libxml_session.h"
#include "xml_tree.h"

namespace scapc::validation::detail {
namespace {

struct Root {
  std::string_view namespace_uri;
  std::string_view local;
  DocumentKind kind;
};
constexpr std::array<Root, 12> kRoots{{
    {ns::kXccdf11, "Benchmark", DocumentKind::Xccdf11Benchmark},
    {ns::kXccdf12, "Benchmark", DocumentKind::Xccdf12Benchmark},
    {ns::kXccdf12, "Tailoring", DocumentKind::Xccdf12Tailoring},
    {ns::kXccdf12, "TestResult", DocumentKind::Xccdf12TestResult},
    {ns::kOvalDefinitions, "oval_definitions", DocumentKind::OvalDefinitions},
    {ns::kOvalSystemCharacteristics, "oval_system_characteristics", DocumentKind::OvalSystemCharacteristics},
    {ns::kOvalResults, "oval_results", DocumentKind::OvalResults},
    {ns::kOvalVariables, "oval_variables", DocumentKind::OvalVariables},
    {ns::kOcil, "ocil", DocumentKind::Ocil},
    {ns::kDataStream, "data-stream-collection", DocumentKind::SourceDataStream12},
    {ns::kArf, "asset-report-collection", DocumentKind::ResultDataStream},
    {ns::kCpeDictionary, "cpe-list", DocumentKind::CpeDictionary},
}};

// SCAP 1.2 and 1.3 share the data stream namespace; 1.3 content says so in the collection's
// @schematron-version or a data stream's @scap-version (SP 800-126r3 §3.1).
DocumentKind data_stream_version(const xmlNode* collection) {
  if (attribute(collection, "schematron-version") == "1.3") return DocumentKind::SourceDataStream13;
  for (const xmlNode* stream : children(collection, ns::kDataStream, "data-stream")) {
    if (attribute(stream, "scap-version") == "1.3") return DocumentKind::SourceDataStream13;
  }
  return DocumentKind::SourceDataStream12;
}

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { libxml2().xmlFreeTextReader(reader); }
};

std::string_view view(const xmlChar* text) {
  return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

bool attribute_is(xmlTextReader* reader, const char* name, std::string_view expected) {
  xmlChar* value = libxml2().xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(name));
  const bool same = view(value) == expected;
  libxml2().free(value);
  return same;
}

}  // namespace

DocumentKind guess_kind(const std::string& text) {
  // Same options as the real parse: no DTD, no entities, no network. Its messages are dropped:
  // the real parse reports them.
  LibxmlSession session(LibxmlSession::Loading::Nothing);
  const std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      libxml2().xmlReaderForMemory(text.data(), static_cast<int>(text.size()), nullptr, nullptr, XML_PARSE_NONET));
  if (!reader) return DocumentKind::Unknown;
  while (libxml2().xmlTextReaderRead(reader.get()) == 1) {
    if (libxml2().xmlTextReaderNodeType(reader.get()) != XML_READER_TYPE_ELEMENT) continue;
    const std::string_view uri = view(libxml2().xmlTextReaderConstNamespaceUri(reader.get()));
    const std::string_view local = view(libxml2().xmlTextReaderConstLocalName(reader.get()));
    DocumentKind kind = DocumentKind::Unknown;
    for (const Root& candidate : kRoots) {
      if (candidate.namespace_uri == uri && candidate.local == local) kind = candidate.kind;
    }
    if (kind != DocumentKind::SourceDataStream12) return kind;
    if (attribute_is(reader.get(), "schematron-version", "1.3")) return DocumentKind::SourceDataStream13;
    if (libxml2().xmlTextReaderIsEmptyElement(reader.get()) == 1) return kind;
    // The data-stream elements come first among the collection's children.
    int status = libxml2().xmlTextReaderRead(reader.get());
    while (status == 1) {
      const int type = libxml2().xmlTextReaderNodeType(reader.get());
      if (type == XML_READER_TYPE_END_ELEMENT) break;
      if (type == XML_READER_TYPE_ELEMENT) {
        if (view(libxml2().xmlTextReaderConstNamespaceUri(reader.get())) != ns::kDataStream ||
            view(libxml2().xmlTextReaderConstLocalName(reader.get())) != "data-stream") {
          break;
        }
        if (attribute_is(reader.get(), "scap-version", "1.3")) return DocumentKind::SourceDataStream13;
        status = libxml2().xmlTextReaderNext(reader.get());
      } else {
        status = libxml2().xmlTextReaderRead(reader.get());
      }
    }
    return kind;
  }
  return DocumentKind::Unknown;
}

DocumentKind detect_kind(const xmlNode* root) {
  for (const Root& candidate : kRoots) {
    if (!is_element(root, candidate.namespace_uri, candidate.local)) continue;
    return candidate.kind == DocumentKind::SourceDataStream12 ? data_stream_version(root) : candidate.kind;
  }
  return DocumentKind::Unknown;
}

// OVAL 5.11.2 is what scapc writes and reads (scap-brief §2); the SDS XSDs import their own OVAL
// versions (5.11.1 for SCAP 1.2, 5.11.3 for 1.3), as OpenSCAP ships them.
std::string_view schema_for(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::Unknown:
      return "";
    case DocumentKind::Xccdf11Benchmark:
      return "xccdf/1.1/xccdf-schema.xsd";
    case DocumentKind::Xccdf12Benchmark:
    case DocumentKind::Xccdf12Tailoring:
    case DocumentKind::Xccdf12TestResult:
      return "xccdf/1.2/xccdf_1.2.xsd";
    case DocumentKind::OvalDefinitions:
      return "oval/5.11.2/oval-definitions-schema.xsd";
    case DocumentKind::OvalSystemCharacteristics:
      return "oval/5.11.2/oval-system-characteristics-schema.xsd";
    case DocumentKind::OvalResults:
      return "oval/5.11.2/oval-results-schema.xsd";
    case DocumentKind::OvalVariables:
      return "oval/5.11.2/oval-variables-schema.xsd";
    case DocumentKind::Ocil:
      return "ocil/2.0/ocil-2.0.xsd";
    case DocumentKind::SourceDataStream12:
      return "sds/1.2/scap-source-data-stream_1.2.xsd";
    case DocumentKind::SourceDataStream13:
      return "sds/1.3/scap-source-data-stream_1.3.xsd";
    case DocumentKind::ResultDataStream:
      return "arf/1.1/asset-reporting-format_1.1.0.xsd";
    case DocumentKind::CpeDictionary:
      return "cpe/2.3/cpe-dictionary_2.3.xsd";
  }
  return "";
}

}  // namespace scapc::validation::detail
