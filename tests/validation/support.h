// Helpers shared by the validation tests.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "scapc/validation.h"

namespace scapc::validation_test {

inline std::string shared(const std::string& relative) {
  return std::string(SCAPC_SHARED_DIR) + "/" + relative;
}
inline std::string fixture(const std::string& name) {
  return std::string(SCAPC_SOURCE_DIR) + "/tests/validation/fixtures/" + name;
}

// One Validator for the whole run, so that each XSD is parsed once rather than once per test case.
inline validation::Validator& shared_validator() {
  static validation::Validator validator;
  return validator;
}

// The problems of one file as "line: error: message" (the file name, checked here, left out).
inline std::vector<std::string> problems_of(const std::string& file, validation::DocumentKind* kind = nullptr,
                                            validation::Validator& validator = shared_validator()) {
  std::vector<std::string> out;
  for (const auto& problem : validator.validate_file(file, kind)) {
    CHECK(problem.file == file);
    // "file:12: error: …" -> "12: error: …"; "file: error: …" -> "error: …"
    const std::string line = validation::format(problem).substr(file.size());
    out.push_back(line.substr(line.rfind(": ", 0) == 0 ? 2 : 1));
  }
  return out;
}

}  // namespace scapc::validation_test
