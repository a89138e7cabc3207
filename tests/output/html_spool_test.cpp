// The HTML report's spool (output/src/html_spool.h): texts come back in the order appended however
// they were split between memory and the scratch space, and a scratch space that fails stops the
// report with its error.
#include <catch2/catch.hpp>

#include "html_spool.h"

using namespace scapc::output;

namespace {

// A report and scratch space in memory that can be told to fail, counting what went to scratch.
class MemorySink : public html::ReportSink {
 public:
  std::string report;
  std::string kept;
  int pieces = 0;
  bool full = false;
  bool write(std::string_view text, std::string&) override {
    report += text;
    return true;
  }
  bool keep(std::string_view text, std::uint64_t& offset, std::string& error) override {
    if (full) {
      error = "scratch: cannot write: No space left on device";
      return false;
    }
    offset = kept.size();
    kept += text;
    ++pieces;
    return true;
  }
  bool write_kept(std::uint64_t offset, std::uint64_t size, std::string&) override {
    report.append(kept, offset, size);
    return true;
  }
  bool read_kept(std::uint64_t offset, std::uint64_t size, std::string& out, std::string&) override {
    out.assign(kept, offset, size);
    return true;
  }
};

}  // namespace

TEST_CASE("spooled streams come back whole and in order, from memory and scratch", "[output][report]") {
  for (const std::size_t memory : {std::size_t{0}, std::size_t{50}, std::size_t{10000}, std::size_t{1} << 30}) {
    INFO(memory << " bytes in memory");
    MemorySink sink;
    html::Spool spool(sink, memory);
    const auto hosts = spool.open();
    const auto letters = spool.open();
    const auto big = spool.open();
    std::string expected_hosts;
    std::string expected_letters;
    std::string expected_big;
    for (int i = 0; i < 3000; ++i) {
      const auto line = "<li>host " + std::to_string(i) + "</li>\n";
      spool.append(hosts, line);
      expected_hosts += line;
      spool.append(letters, "a");
      expected_letters += "a";
      if (i % 100 == 0) {
        const std::string block(5000, static_cast<char>('A' + i / 100 % 26));
        spool.append(big, block);
        expected_big += block;
      }
    }
    std::string error;
    std::string text;
    REQUIRE(spool.read(letters, text, error));
    CHECK(text == expected_letters);
    REQUIRE(spool.write(big, error));
    REQUIRE(spool.write(hosts, error));
    CHECK(sink.report == expected_big + expected_hosts);
    if (memory <= 50) CHECK(sink.pieces > 0);
    // Past the limit, only texts of at least 4 KiB go to scratch while the rest fit in half of it:
    // the 3,000 letters stay in memory and the host lines go in a few pieces, not one per host.
    if (memory == 10000) {
      CHECK(sink.pieces > 0);
      CHECK(sink.pieces < 100);
    }
    if (memory == std::size_t{1} << 30) CHECK(sink.pieces == 0);
  }
}

TEST_CASE("a scratch space that fails stops the report with its error", "[output][report]") {
  MemorySink sink;
  html::Spool spool(sink, 100);
  const auto stream = spool.open();
  spool.append(stream, std::string(50, 'x'));
  CHECK(spool.error().empty());
  sink.full = true;
  spool.append(stream, std::string(5000, 'y'));
  CHECK(spool.error() == "scratch: cannot write: No space left on device");
  std::string error;
  CHECK_FALSE(spool.write(stream, error));
  CHECK(error == "scratch: cannot write: No space left on device");
}
