#include "html_spool.h"

namespace scapc::output::html {

Spool::Stream Spool::open() {
  streams_.emplace_back();
  return streams_.size() - 1;
}

void Spool::append(Stream stream, std::string_view text) {
  streams_[stream].waiting += text;
  waiting_ += text.size();
  if (waiting_ > memory_) spill();
}

void Spool::spill() {
  // Streams with little waiting stay in memory, so that a stream that grows by a few bytes a host
  // (a rule's per-host letters) is not cut into pieces whose records outweigh them; unless those
  // together still hold half the limit.
  spill_streams(kPiece);
  if (waiting_ > memory_ / 2) spill_streams(0);
}

void Spool::spill_streams(std::size_t at_least) {
  if (!error_.empty()) return;
  for (auto& text : streams_) {
    if (text.waiting.empty() || text.waiting.size() < at_least) continue;
    std::uint64_t offset = 0;
    if (!sink_.keep(text.waiting, offset, error_)) return;
    // A stream spilled last and first again continues where it left off: one piece.
    if (!text.kept.empty() && text.kept.back().offset + text.kept.back().size == offset) {
      text.kept.back().size += text.waiting.size();
    } else {
      text.kept.push_back({offset, text.waiting.size()});
    }
    waiting_ -= text.waiting.size();
    text.waiting.clear();
    text.waiting.shrink_to_fit();
  }
}

bool Spool::write(Stream stream, std::string& error) {
  if (!error_.empty()) {
    error = error_;
    return false;
  }
  auto& text = streams_[stream];
  for (const auto& piece : text.kept) {
    if (!sink_.write_kept(piece.offset, piece.size, error)) return false;
  }
  if (!sink_.write(text.waiting, error)) return false;
  waiting_ -= text.waiting.size();
  text = {};
  return true;
}

bool Spool::read(Stream stream, std::string& out, std::string& error) {
  if (!error_.empty()) {
    error = error_;
    return false;
  }
  auto& text = streams_[stream];
  out.clear();
  std::string piece_text;
  for (const auto& piece : text.kept) {
    if (!sink_.read_kept(piece.offset, piece.size, piece_text, error)) return false;
    out += piece_text;
  }
  out += text.waiting;
  return true;
}

}  // namespace scapc::output::html
