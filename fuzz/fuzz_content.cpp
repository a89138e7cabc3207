// SCAP content as `scapc check` takes it (a source data stream or an XCCDF 1.2 benchmark): loaded,
// its default profile resolved, and evaluated against a host with no data, which walks every
// rule's checks, complex checks, platforms and check-exports.
#include <scapc/check.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  scapc::check::Content content;
  std::string error;
  // No folder: an XCCDF file's check files are looked up beside it, and there is none.
  if (!scapc::check::load_content_text(std::move(text), "fuzz.xml", {}, content, error)) return 0;
  scapc::xccdf::loaded::Evaluation evaluation;
  if (!scapc::xccdf::loaded::resolve(content.benchmark, {}, "", evaluation, error)) return 0;
  scapc::check::Host host;
  host.host_name = "fuzz";
  scapc::check::EvaluateOptions options;
  options.timestamp = "2026-01-01T00:00:00";
  (void)scapc::check::evaluate(content, evaluation, host, options);
  return 0;
}
