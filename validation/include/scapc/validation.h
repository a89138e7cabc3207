// Validation of SCAP XML files: the official XSDs (OpenSCAP's copies in openscap-common) through
// libxml2, then the semantic rules the XSDs cannot express (cross-document references inside a
// data stream, OVAL test/object/state families, record datatypes, OCIL choices and cycles).
// libxml2 never touches the network and never loads or expands external entities or DTDs.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace scapc::validation {

enum class DocumentKind {
  Unknown,
  Xccdf11Benchmark,
  Xccdf12Benchmark,
  Xccdf12Tailoring,
  Xccdf12TestResult,
  OvalDefinitions,
  OvalSystemCharacteristics,
  OvalResults,
  OvalVariables,
  Ocil,
  SourceDataStream12,
  SourceDataStream13,
  ResultDataStream,  // ARF 1.1
  CpeDictionary,
};

struct Problem {
  std::string file;
  int line = 0;  // 1-based, 0 = the whole file
  bool warning = false;
  std::string message;
};

// "file:line: error: message"; the line is omitted when 0.
std::string format(const Problem& problem);

// "XCCDF 1.2 Benchmark", "OVAL definitions", ...
const char* to_string(DocumentKind kind);

// Holds the parsed XSDs: each is parsed at most once per Validator, on first use. Not thread-safe;
// libxml2's error and entity-loader hooks are process state, installed only while a call runs.
class Validator {
 public:
  explicit Validator(std::filesystem::path schema_dir = "/usr/share/openscap/schemas");
  ~Validator();
  Validator(Validator&&) noexcept;
  Validator& operator=(Validator&&) noexcept;
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // Detects the kind from the root element, validates against the matching XSD, then runs the
  // semantic checks. Never throws on bad input: unreadable or not-well-formed files, unknown
  // document types and missing XSDs are all Problems. Problems come sorted by line.
  std::vector<Problem> validate_file(const std::filesystem::path& file, DocumentKind* kind_out = nullptr);

  // How many XSDs this Validator has parsed (a failed parse counts: it is not retried).
  [[nodiscard]] std::size_t schemas_loaded() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scapc::validation
