// Texts the HTML report writes long after it renders them (html_report.cpp), each in a stream of
// its own: the host sections, a rule's results on each host. Streams wait in memory up to a limit
// over all of them; past it, the text of every stream holding at least kPiece bytes goes to the
// sink's scratch space (every stream's, if the rest still hold half the limit), and only where it
// went stays in memory: 16 bytes a piece. A stream is written or read once, at the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "html_stream.h"

namespace scapc::output::html {

class Spool {
 public:
  using Stream = std::size_t;
  static constexpr Stream kNone = static_cast<Stream>(-1);

  Spool(ReportSink& sink, std::size_t memory) : sink_(sink), memory_(memory) {}
  Stream open();
  void append(Stream stream, std::string_view text);
  // Writes the stream's text to the report, in the order it was appended.
  bool write(Stream stream, std::string& error);
  // The stream's text.
  bool read(Stream stream, std::string& out, std::string& error);
  // The first error of moving texts to the scratch space, which append() cannot report.
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  struct Piece {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
  };
  struct Text {
    std::vector<Piece> kept;  // in the scratch space, in order
    std::string waiting;      // appended after those
  };
  static constexpr std::size_t kPiece = 4096;
  void spill();
  void spill_streams(std::size_t at_least);
  ReportSink& sink_;
  std::size_t memory_;
  std::size_t waiting_ = 0;
  std::vector<Text> streams_;
  std::string error_;
};

}  // namespace scapc::output::html
