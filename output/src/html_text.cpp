// Text for the HTML report: escaping, XCCDF XHTML reduced to a safe subset, layout of text from XML,
// and the SHA-256 digest (FIPS 180-4) by which the report's Content-Security-Policy names its own
// script and style, so that nothing else — injected markup included — may run.
#include <scapc/xml_names.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "html_parts.h"

namespace scapc::output::html {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':  // the HTML parser turns CR and CRLF into LF
        out += c;
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
          out += "&#xFFFD;";
        } else {
          out += c;
        }
      }
    }
  }
  return out;
}

std::string element(std::string_view tag, std::string_view text, std::string_view attributes) {
  std::string out = "<";
  out += tag;
  if (!attributes.empty()) {
    out += ' ';
    out += attributes;
  }
  out += '>';
  out += escape(text);
  out += "</";
  out += tag;
  out += '>';
  return out;
}

namespace {

// Elements of XHTML descriptions that carry layout; everything else is reduced to its text.
std::string_view kept_element(std::string_view name) {
  for (const std::string_view kept : {"p", "br", "ul", "ol", "li", "pre", "code", "b", "strong", "i", "em"}) {
    if (name == kept) return kept;
  }
  return name == "tt" ? "code" : std::string_view{};
}

void xhtml_children(const pugi::xml_node& node, std::string& out) {
  for (const auto& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += escape(child.value());
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const auto name = xml::local_name(child);
    if (name == "sub") {
      out += escape("{" + std::string(child.attribute("idref").value()) + "}");
      continue;
    }
    const auto kept = kept_element(name);
    if (kept.empty()) {
      xhtml_children(child, out);
    } else if (kept == "br") {
      out += "<br>";
    } else {
      out += "<" + std::string(kept) + ">";
      xhtml_children(child, out);
      out += "</" + std::string(kept) + ">";
    }
  }
}

}  // namespace

std::string xhtml(const pugi::xml_node& description) {
  bool markup = false;
  for (const auto& child : description.children()) markup = markup || child.type() == pugi::node_element;
  if (!markup) return {};
  std::string out;
  xhtml_children(description, out);
  return out;
}

std::string tidy(std::string_view text) {
  std::string out;
  bool blank_pending = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    line = first == std::string_view::npos ? std::string_view{}
                                           : line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    if (line.empty()) {
      blank_pending = !out.empty();
    } else {
      if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
      out += line;
      blank_pending = false;
    }
    start = end + 1;
  }
  return out;
}

std::string score_text(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), value == std::floor(value) ? "%.0f" : "%.2f", value);
  return text.data();
}

int severity_rank(std::string_view severity) {
  const auto parsed = xccdf::parse_severity(severity);
  if (!parsed) return 5;
  return static_cast<int>(xccdf::Severity::High) - static_cast<int>(*parsed);
}

std::vector<xccdf::RuleResult> result_columns(bool with_fixed) {
  using xccdf::RuleResult;
  std::vector<RuleResult> out = {RuleResult::Pass,         RuleResult::Fail,          RuleResult::Error,
                                 RuleResult::Unknown,      RuleResult::NotApplicable, RuleResult::NotChecked,
                                 RuleResult::Informational};
  if (with_fixed) out.push_back(RuleResult::Fixed);
  return out;
}

bool has_fixed(const check::HostResult& result) {
  return std::any_of(result.rules.begin(), result.rules.end(),
                     [](const check::RuleOutcome& rule) { return rule.result == xccdf::RuleResult::Fixed; });
}

namespace {

constexpr std::array<std::uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotate_right(std::uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

void compress(std::array<std::uint32_t, 8>& state, const unsigned char* block) {
  std::array<std::uint32_t, 64> w{};
  for (std::size_t i = 0; i < 16; ++i) {
    w[i] = (std::uint32_t{block[4 * i]} << 24) | (std::uint32_t{block[4 * i + 1]} << 16) |
           (std::uint32_t{block[4 * i + 2]} << 8) | std::uint32_t{block[4 * i + 3]};
  }
  for (int i = 16; i < 64; ++i) {
    const auto s0 = rotate_right(w[i - 15], 7) ^ rotate_right(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const auto s1 = rotate_right(w[i - 2], 17) ^ rotate_right(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  auto [a, b, c, d, e, f, g, h] = state;
  for (int i = 0; i < 64; ++i) {
    const auto t1 = h + (rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25)) + ((e & f) ^ (~e & g)) +
                    kRoundConstants[i] + w[i];
    const auto t2 = (rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  const std::array<std::uint32_t, 8> added = {a, b, c, d, e, f, g, h};
  for (int i = 0; i < 8; ++i) state[i] += added[i];
}

std::string base64(const std::array<unsigned char, 32>& bytes) {
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t left = bytes.size() - i;
    const std::uint32_t group = (std::uint32_t{bytes[i]} << 16) | (left > 1 ? std::uint32_t{bytes[i + 1]} << 8 : 0) |
                                (left > 2 ? std::uint32_t{bytes[i + 2]} : 0);
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += left > 1 ? kAlphabet[(group >> 6) & 63] : '=';
    out += left > 2 ? kAlphabet[group & 63] : '=';
  }
  return out;
}

}  // namespace

std::string sha256_base64(std::string_view data) {
  std::array<std::uint32_t, 8> state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  // The message, a 1 bit, zeros, and its length in bits as a 64-bit big-endian number.
  std::string padded(data);
  padded += static_cast<char>(0x80);
  while (padded.size() % 64 != 56) padded += '\0';
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  for (int shift = 56; shift >= 0; shift -= 8) padded += static_cast<char>((bits >> shift) & 0xff);
  for (std::size_t offset = 0; offset < padded.size(); offset += 64) {
    compress(state, reinterpret_cast<const unsigned char*>(padded.data() + offset));
  }
  std::array<unsigned char, 32> digest{};
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 4; ++j) digest[4 * i + j] = static_cast<unsigned char>(state[i] >> (24 - 8 * j));
  }
  return base64(digest);
}

}  // namespace scapc::output::html
