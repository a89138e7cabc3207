// Loading what a command evaluates: the content, the tailoring, and the profile resolved over them.
// Problems go to stderr, one line each; warnings are printed and do not stop the command.
#pragma once

#include <scapc/check.h>

#include <string>

namespace scapc::cli {

struct ContentChoice {
  std::string content;
  std::string data_stream_id;
  std::string benchmark_id;
  std::string tailoring;
  std::string profile;
  std::string cpe_dictionary;  // --cpe, for an XCCDF file
};

struct LoadedContent {
  check::Content content;
  xccdf::loaded::Tailoring tailoring;
  xccdf::loaded::Evaluation evaluation;
};

bool load_content_reporting(const ContentChoice& choice, LoadedContent& out);

}  // namespace scapc::cli
