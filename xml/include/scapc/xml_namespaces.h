// The namespace URIs of the documents scapc reads and writes, in one place: readers match
// elements by them and writers declare them.
#pragma once

namespace scapc::ns {

inline constexpr const char* kXccdf11 = "http://checklists.nist.gov/xccdf/1.1";
inline constexpr const char* kXccdf12 = "http://checklists.nist.gov/xccdf/1.2";
inline constexpr const char* kOvalCommon = "http://oval.mitre.org/XMLSchema/oval-common-5";
inline constexpr const char* kOvalDefinitions = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
inline constexpr const char* kOvalWindowsDefinitions = "http://oval.mitre.org/XMLSchema/oval-definitions-5#windows";
inline constexpr const char* kOvalIndependentDefinitions =
    "http://oval.mitre.org/XMLSchema/oval-definitions-5#independent";
inline constexpr const char* kOvalSystemCharacteristics =
    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5";
inline constexpr const char* kOvalWindowsSystemCharacteristics =
    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#windows";
inline constexpr const char* kOvalIndependentSystemCharacteristics =
    "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent";
inline constexpr const char* kOvalResults = "http://oval.mitre.org/XMLSchema/oval-results-5";
inline constexpr const char* kOvalVariables = "http://oval.mitre.org/XMLSchema/oval-variables-5";
inline constexpr const char* kOcil = "http://scap.nist.gov/schema/ocil/2.0";
inline constexpr const char* kDataStream = "http://scap.nist.gov/schema/scap/source/1.2";
inline constexpr const char* kArf = "http://scap.nist.gov/schema/asset-reporting-format/1.1";
inline constexpr const char* kReportingCore = "http://scap.nist.gov/schema/reporting-core/1.1";
inline constexpr const char* kAssetIdentification = "http://scap.nist.gov/schema/asset-identification/1.1";
inline constexpr const char* kArfRelationships =
    "http://scap.nist.gov/specifications/arf/vocabulary/relationships/1.0#";
inline constexpr const char* kCpeDictionary = "http://cpe.mitre.org/dictionary/2.0";
inline constexpr const char* kCpeLanguage = "http://cpe.mitre.org/language/2.0";
inline constexpr const char* kXlink = "http://www.w3.org/1999/xlink";
inline constexpr const char* kXhtml = "http://www.w3.org/1999/xhtml";
inline constexpr const char* kXmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr const char* kXmlCatalog = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

// XCCDF check/@system values (SCAP 1.3 SRC-118-1). OCIL's is not its namespace: it has no ".0".
inline constexpr const char* kOvalCheckSystem = kOvalDefinitions;
inline constexpr const char* kOcilCheckSystem = "http://scap.nist.gov/schema/ocil/2";

}  // namespace scapc::ns
