#include "x509.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

namespace scapc::oval::detail {
namespace {

// One DER element: its tag and the bytes of its content.
struct Element {
  unsigned char tag = 0;
  const unsigned char* data = nullptr;
  std::size_t size = 0;
};

// Reads the elements of a constructed value one after another; any length that runs past the
// enclosing value makes the reader fail, and the certificate is not read.
class DerReader {
 public:
  DerReader(const unsigned char* data, std::size_t size) : at_(data), end_(data + size) {}
  explicit DerReader(const Element& element) : DerReader(element.data, element.size) {}

  [[nodiscard]] bool done() const { return at_ == end_; }
  [[nodiscard]] unsigned char peek_tag() const { return done() ? 0 : *at_; }

  std::optional<Element> next() {
    if (end_ - at_ < 2) return std::nullopt;
    Element element;
    element.tag = *at_++;
    std::size_t length = *at_++;
    if ((length & 0x80U) != 0) {
      const std::size_t bytes = length & 0x7FU;
      if (bytes == 0 || bytes > 4 || static_cast<std::size_t>(end_ - at_) < bytes) return std::nullopt;
      length = 0;
      for (std::size_t i = 0; i < bytes; ++i) length = (length << 8U) | *at_++;
    }
    if (static_cast<std::size_t>(end_ - at_) < length) return std::nullopt;
    element.data = at_;
    element.size = length;
    at_ += length;
    return element;
  }

  std::optional<Element> next(unsigned char tag) {
    auto element = next();
    if (!element || element->tag != tag) return std::nullopt;
    return element;
  }

 private:
  const unsigned char* at_;
  const unsigned char* end_;
};

constexpr unsigned char kSequence = 0x30;
constexpr unsigned char kSet = 0x31;
constexpr unsigned char kInteger = 0x02;
constexpr unsigned char kOid = 0x06;
constexpr unsigned char kUtcTime = 0x17;
constexpr unsigned char kGeneralizedTime = 0x18;
constexpr unsigned char kExplicitVersion = 0xA0;

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4U];
    out += kDigits[data[i] & 0x0FU];
  }
  return out;
}

std::string dotted_oid(const Element& oid) {
  std::string out;
  std::uint64_t arc = 0;
  bool first = true;
  for (std::size_t i = 0; i < oid.size; ++i) {
    arc = (arc << 7U) | (oid.data[i] & 0x7FU);
    if ((oid.data[i] & 0x80U) != 0) continue;
    if (first) {
      const std::uint64_t top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
      out = std::to_string(top) + "." + std::to_string(arc - (40 * top));
      first = false;
    } else {
      out += "." + std::to_string(arc);
    }
    arc = 0;
  }
  return out;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6U));
    out += static_cast<char>(0x80 | (code & 0x3FU));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12U));
    out += static_cast<char>(0x80 | ((code >> 6U) & 0x3FU));
    out += static_cast<char>(0x80 | (code & 0x3FU));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18U));
    out += static_cast<char>(0x80 | ((code >> 12U) & 0x3FU));
    out += static_cast<char>(0x80 | ((code >> 6U) & 0x3FU));
    out += static_cast<char>(0x80 | (code & 0x3FU));
  }
}

// A directory string as UTF-8: BMPString is UTF-16BE, UniversalString UTF-32BE, the others are
// taken byte for byte.
std::string directory_string(const Element& value) {
  std::string out;
  if (value.tag == 0x1E || value.tag == 0x1C) {
    const std::size_t width = value.tag == 0x1E ? 2 : 4;
    for (std::size_t i = 0; i + width <= value.size; i += width) {
      std::uint32_t code = 0;
      for (std::size_t b = 0; b < width; ++b) code = (code << 8U) | value.data[i + b];
      append_utf8(out, code);
    }
    return out;
  }
  return {reinterpret_cast<const char*>(value.data), value.size};
}

// Attribute names as Windows prints them in a distinguished name.
std::string attribute_name(const std::string& oid) {
  static const std::map<std::string, std::string, std::less<>> kNames{{"2.5.4.3", "CN"},
                                                                      {"2.5.4.4", "SN"},
                                                                      {"2.5.4.5", "SERIALNUMBER"},
                                                                      {"2.5.4.6", "C"},
                                                                      {"2.5.4.7", "L"},
                                                                      {"2.5.4.8", "S"},
                                                                      {"2.5.4.9", "STREET"},
                                                                      {"2.5.4.10", "O"},
                                                                      {"2.5.4.11", "OU"},
                                                                      {"2.5.4.12", "T"},
                                                                      {"2.5.4.42", "G"},
                                                                      {"2.5.4.43", "I"},
                                                                      {"2.5.4.17", "PostalCode"},
                                                                      {"1.2.840.113549.1.9.1", "E"},
                                                                      {"0.9.2342.19200300.100.1.25", "DC"},
                                                                      {"0.9.2342.19200300.100.1.1", "UID"}};
  const auto found = kNames.find(oid);
  return found != kNames.end() ? found->second : "OID." + oid;
}

// Quoted, with inner quotes doubled, when the value holds a character that separates or is
// empty or padded, as Windows writes such values.
std::string quoted_if_needed(const std::string& value) {
  const bool needs = value.empty() || value.front() == ' ' || value.back() == ' ' ||
                     value.find_first_of(",+=\"\n<>#;") != std::string::npos;
  if (!needs) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A Name (SEQUENCE OF RelativeDistinguishedName), most specific part first as .NET shows it.
std::optional<std::string> distinguished_name(const Element& name) {
  std::vector<std::string> parts;
  DerReader rdns(name);
  while (!rdns.done()) {
    const auto rdn = rdns.next(kSet);
    if (!rdn) return std::nullopt;
    std::string part;
    DerReader attributes(*rdn);
    while (!attributes.done()) {
      const auto attribute = attributes.next(kSequence);
      if (!attribute) return std::nullopt;
      DerReader fields(*attribute);
      const auto oid = fields.next(kOid);
      const auto value = fields.next();
      if (!oid || !value) return std::nullopt;
      part += (part.empty() ? "" : " + ") + attribute_name(dotted_oid(*oid)) + "=" +
              quoted_if_needed(directory_string(*value));
    }
    parts.push_back(part);
  }
  std::string out;
  std::reverse(parts.begin(), parts.end());
  for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

std::optional<std::string> time_text(const Element& time) {
  const std::string text(reinterpret_cast<const char*>(time.data), time.size);
  std::string digits;
  if (time.tag == kUtcTime && text.size() == 13 && text.back() == 'Z') {
    digits = (text.substr(0, 2) < "50" ? "20" : "19") + text.substr(0, 12);
  } else if (time.tag == kGeneralizedTime && text.size() == 15 && text.back() == 'Z') {
    digits = text.substr(0, 14);
  } else {
    return std::nullopt;
  }
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2) + "T" + digits.substr(8, 2) + ":" +
         digits.substr(10, 2) + ":" + digits.substr(12, 2) + "Z";
}

std::uint32_t rotate_left(std::uint32_t value, unsigned bits) {
  return (value << bits) | (value >> (32U - bits));
}

}  // namespace

std::optional<std::vector<unsigned char>> base64_decode(std::string_view text) {
  std::vector<unsigned char> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t padding = 0;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    int sextet = -1;
    if (c >= 'A' && c <= 'Z') sextet = c - 'A';
    if (c >= 'a' && c <= 'z') sextet = c - 'a' + 26;
    if (c >= '0' && c <= '9') sextet = c - '0' + 52;
    if (c == '+') sextet = 62;
    if (c == '/') sextet = 63;
    if (c == '=') {
      if (++padding > 2) return std::nullopt;
      continue;
    }
    if (sextet < 0 || padding > 0) return std::nullopt;
    buffer = (buffer << 6U) | static_cast<std::uint32_t>(sextet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  return out;
}

std::optional<Certificate> read_certificate(const std::vector<unsigned char>& der) {
  DerReader whole(der.data(), der.size());
  const auto certificate = whole.next(kSequence);
  if (!certificate || !whole.done()) return std::nullopt;
  DerReader parts(*certificate);
  const auto tbs = parts.next(kSequence);
  if (!tbs) return std::nullopt;
  DerReader fields(*tbs);
  if (fields.peek_tag() == kExplicitVersion && !fields.next()) return std::nullopt;
  const auto serial = fields.next(kInteger);
  const auto signature = fields.next(kSequence);
  const auto issuer = fields.next(kSequence);
  const auto validity = fields.next(kSequence);
  const auto subject = fields.next(kSequence);
  if (!serial || !signature || !issuer || !validity || !subject) return std::nullopt;
  DerReader times(*validity);
  const auto not_before = times.next();
  const auto not_after = times.next();
  if (!not_before || !not_after) return std::nullopt;

  Certificate out;
  const auto issuer_name = distinguished_name(*issuer);
  const auto subject_name = distinguished_name(*subject);
  const auto from = time_text(*not_before);
  const auto until = time_text(*not_after);
  if (!issuer_name || !subject_name || !from || !until) return std::nullopt;
  out.issuer = *issuer_name;
  out.subject = *subject_name;
  out.not_before = *from;
  out.not_after = *until;
  out.serial_number = hex(serial->data, serial->size);
  out.thumbprint = sha1_hex(der);
  return out;
}

std::string sha1_hex(const std::vector<unsigned char>& bytes) {
  std::array<std::uint32_t, 5> state{0x67452301U, 0xEFCDAB89U, 0x98BADCFEU, 0x10325476U, 0xC3D2E1F0U};
  std::vector<unsigned char> message = bytes;
  const std::uint64_t bit_length = static_cast<std::uint64_t>(bytes.size()) * 8U;
  message.push_back(0x80);
  while (message.size() % 64 != 56) message.push_back(0);
  for (int shift = 56; shift >= 0; shift -= 8) message.push_back(static_cast<unsigned char>(bit_length >> shift));
  for (std::size_t block = 0; block < message.size(); block += 64) {
    std::array<std::uint32_t, 80> words{};
    for (std::size_t i = 0; i < 16; ++i) {
      const auto* at = &message[block + i * 4];
      words[i] = (std::uint32_t{at[0]} << 24U) | (std::uint32_t{at[1]} << 16U) | (std::uint32_t{at[2]} << 8U) | at[3];
    }
    for (std::size_t i = 16; i < 80; ++i)
      words[i] = rotate_left(words[i - 3] ^ words[i - 8] ^ words[i - 14] ^ words[i - 16], 1);
    auto [a, b, c, d, e] = state;
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::uint32_t mix = 0;
      std::uint32_t constant = 0;
      if (i < 20) {
        mix = (b & c) | (~b & d);
        constant = 0x5A827999U;
      } else if (i < 40) {
        mix = b ^ c ^ d;
        constant = 0x6ED9EBA1U;
      } else if (i < 60) {
        mix = (b & c) | (b & d) | (c & d);
        constant = 0x8F1BBCDCU;
      } else {
        mix = b ^ c ^ d;
        constant = 0xCA62C1D6U;
      }
      const auto next = rotate_left(a, 5) + mix + e + constant + words[i];
      e = d;
      d = c;
      c = rotate_left(b, 30);
      b = a;
      a = next;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
  }
  std::string out;
  for (auto word : state) {
    const std::array<unsigned char, 4> be{static_cast<unsigned char>(word >> 24U),
                                          static_cast<unsigned char>(word >> 16U),
                                          static_cast<unsigned char>(word >> 8U), static_cast<unsigned char>(word)};
    out += hex(be.data(), be.size());
  }
  return out;
}

}  // namespace scapc::oval::detail
