#include "scapc/validation.h"

namespace scapc::validation {

std::string format(const Problem& problem) {
  std::string out = problem.file;
  if (problem.line > 0) out += ':' + std::to_string(problem.line);
  out += problem.warning ? ": warning: " : ": error: ";
  // libxml2 continues some messages on a second line ("…indicate encoding !\nBytes: 0xC0 …"); a
  // problem is one line, whatever it quotes.
  for (const char c : problem.message) {
    if (c == '\n') {
      out += "; ";
    } else {
      out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

const char* to_string(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::Unknown:
      return "unknown";
    case DocumentKind::Xccdf11Benchmark:
      return "XCCDF 1.1 Benchmark";
    case DocumentKind::Xccdf12Benchmark:
      return "XCCDF 1.2 Benchmark";
    case DocumentKind::Xccdf12Tailoring:
      return "XCCDF 1.2 Tailoring";
    case DocumentKind::Xccdf12TestResult:
      return "XCCDF 1.2 TestResult";
    case DocumentKind::OvalDefinitions:
      return "OVAL definitions";
    case DocumentKind::OvalSystemCharacteristics:
      return "OVAL system characteristics";
    case DocumentKind::OvalResults:
      return "OVAL results";
    case DocumentKind::OvalVariables:
      return "OVAL variables";
    case DocumentKind::Ocil:
      return "OCIL 2.0";
    case DocumentKind::SourceDataStream12:
      return "SCAP 1.2 source data stream";
    case DocumentKind::SourceDataStream13:
      return "SCAP 1.3 source data stream";
    case DocumentKind::ResultDataStream:
      return "ARF 1.1 result data stream";
    case DocumentKind::CpeDictionary:
      return "CPE 2.3 dictionary";
  }
  return "unknown";
}

}  // namespace scapc::validation
