#include "content_input.h"

#include <scapc/input.h>
#include <scapc/output_files.h>
#include <scapc/xml_names.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "diagnostics.h"

namespace scapc::cli {
namespace {

bool load_tailoring(const std::string& path, xccdf::loaded::Tailoring& out, std::string& error) {
  std::string text;
  pugi::xml_document document;
  if (!input::read_file(path, text, error) || !input::parse_xml(text, path, document, error)) return false;
  return xccdf::loaded::read_tailoring(document.document_element(), path, text, out, error);
}

}  // namespace

bool load_content_reporting(const ContentChoice& choice, LoadedContent& out) {
  std::string error;
  if (!check::load_content(choice.content, {choice.data_stream_id, choice.benchmark_id, choice.cpe_dictionary},
                           out.content, error) ||
      (!choice.tailoring.empty() && !load_tailoring(choice.tailoring, out.tailoring, error))) {
    print_error(error);
    return false;
  }
  if (!xccdf::loaded::resolve(out.content.benchmark, out.tailoring.profiles, choice.profile, out.evaluation, error)) {
    print_error(error);
    return false;
  }
  for (const auto& warning : out.evaluation.warnings) print_warning(choice.content, warning);
  return true;
}

}  // namespace scapc::cli
