// PowerShell CliXml: typed values, enumerations, lists, nested objects and <Ref> back-references.
#include <scapc/clixml.h>
#include <scapc/input.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "analysis_model.h"
#include "exchange_text.h"
#include "x509.h"

namespace scapc::oval {
namespace {

// xs:duration as CliXml writes <TS>: "PT10M", "P1DT2H3M4.5S". A TimeSpan spans at most about
// 29,000 years, so longer text or larger parts are not one.
bool duration_seconds(const std::string& text, std::string& out) {
  static const std::regex duration(
      R"((-)?P(?:(\d{1,9})D)?(?:T(?:(\d{1,12})H)?(?:(\d{1,12})M)?(?:(\d{1,12})(?:\.\d{1,9})?S)?)?)");
  std::smatch m;
  if (text.empty() || text.size() > 64 || !std::regex_match(text, m, duration)) return false;
  const auto part = [&](int i) {
    long long value = 0;
    if (m[i].matched) {
      const std::string digits = m[i].str();
      std::from_chars(digits.data(), digits.data() + digits.size(), value);
    }
    return value;
  };
  const long long seconds = part(2) * 86400 + part(3) * 3600 + part(4) * 60 + part(5);
  out = std::to_string(m[1].matched ? -seconds : seconds);
  return true;
}

// A document whose <Ref> elements would expand to more values than this is refused: nested
// references can otherwise grow exponentially with the document's size.
constexpr std::size_t kMaxExpandedValues = 1'000'000;
// Nor may its values, references followed, take more bytes than a small multiple of the document:
// one long string referenced a thousand times is a few hundred times the file in memory.
constexpr std::size_t kExpansionFactor = 8;
constexpr std::size_t kExpansionAllowance = 16U << 20U;

constexpr std::size_t kMalformedShown = 10;

struct TooManyValues {
  pugi::xml_node at;
  bool bytes = false;  // the bytes ran out, not the count
  bool at_reference = false;
};

template <typename Number>
bool whole_number(const std::string& text) {
  Number value{};
  const auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), value);
  return code == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool boolean_text(const std::string& text) {
  const auto word = lower(text);
  return word == "true" || word == "false";
}

bool decimal_text(const std::string& text) {
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

// Why the text of a typed CliXml element is not of its type; empty when it is (or it is untyped).
std::string type_fault(std::string_view tag, const std::string& text) {
  using Test = bool (*)(const std::string&);
  static constexpr std::array<std::pair<std::string_view, Test>, 12> kTests{{
      {"B", boolean_text},
      {"I16", whole_number<std::int16_t>},
      {"I32", whole_number<std::int32_t>},
      {"I64", whole_number<std::int64_t>},
      {"U16", whole_number<std::uint16_t>},
      {"U32", whole_number<std::uint32_t>},
      {"U64", whole_number<std::uint64_t>},
      {"By", whole_number<std::uint8_t>},
      {"SB", whole_number<std::int8_t>},
      {"Db", decimal_text},
      {"Sg", decimal_text},
      {"D", decimal_text},
  }};
  const auto* const found =
      std::find_if(kTests.begin(), kTests.end(), [&](const auto& test) { return test.first == tag; });
  if (found == kTests.end()) return {};
  const bool ok = found->second(text);
  if (ok) return {};
  const auto shown = input::printable(text.substr(0, 64)) + (text.size() > 64 ? "..." : "");
  return "<" + std::string(tag) + "> '" + shown + "' is not a value of its type; rules comparing it come out error";
}

class Reader {
 public:
  Reader(const pugi::xml_node& root, std::size_t document_size)
      : max_bytes_(document_size * kExpansionFactor + kExpansionAllowance) {
    // RefIds are unique per kind in a CliXml stream; index objects and type names in document order.
    for (auto node : root.select_nodes("//*[@RefId]")) {
      const auto element = node.node();
      const std::string id = element.attribute("RefId").value();
      if (std::string_view(element.name()) == "Obj") objects_.emplace(id, element);
      if (std::string_view(element.name()) == "TN") {
        std::vector<std::string> names;
        for (auto t : element.children("T")) names.emplace_back(t.text().get());
        types_.emplace(id, std::move(names));
      }
    }
  }

  PropertyValue value(const pugi::xml_node& node, int depth = 0) const {
    if (++expanded_ > kMaxExpandedValues) throw TooManyValues{node};
    const std::string_view tag = node.name();
    const std::string text = node.text().get();
    if ((expanded_bytes_ += text.size()) > max_bytes_) throw TooManyValues{node, true};
    // An object may hold a reference to itself (Export-Clixml writes <Ref> for any object seen
    // before); such cycles, and chains deeper than PowerShell ever serializes, end as "".
    if (depth > 32) return {{{"string", ""}}};
    if (tag == "Nil") return {{{"string", ""}}};
    if (const auto why = type_fault(tag, text); !why.empty() && malformed_at_.insert(node.offset_debug()).second) {
      malformed_.push_back({node.offset_debug(), why});
    }
    if (tag == "B") return {{{"boolean", lower(text)}}};
    if (tag == "I16" || tag == "I32" || tag == "I64" || tag == "U16" || tag == "U32" || tag == "U64" || tag == "By" ||
        tag == "SB") {
      return {{{"int", text}}};
    }
    if (tag == "Db" || tag == "Sg" || tag == "D") return {{{"float", text}}};
    if (tag == "Version") return {{{"version", text}}};
    if (tag == "TS") {
      std::string seconds;
      return duration_seconds(text, seconds) ? PropertyValue{{{"int", seconds}}} : PropertyValue{{{"string", text}}};
    }
    if (tag == "Ref") {
      const auto found = objects_.find(node.attribute("RefId").value());
      if (found == objects_.end()) return {{{"string", ""}}};
      try {
        return value(found->second, depth + 1);
      } catch (TooManyValues& blowup) {
        if (!blowup.at_reference) blowup.at = node;  // the reference being followed, not what it names
        blowup.at_reference = true;
        throw;
      }
    }
    if (tag != "Obj") return {{{"string", text}}};  // S, G, DT, URI, C, XD, BA, SS, ...
    return object_value(node, depth);
  }

  // The properties of a top-level object (adapted Props and extended MS); a scalar gets name "".
  PsObject object(const pugi::xml_node& node) const {
    PsObject out;
    bool any = false;
    for (const char* container : {"Props", "MS"}) {
      for (auto property : node.child(container).children()) {
        if (property.type() != pugi::node_element) continue;
        any = true;
        out.properties.emplace_back(property.attribute("N").value(), value(property));
      }
    }
    if (!any) out.properties.emplace_back("", value(node));
    rehydrate_certificate(node, out);
    return out;
  }

 private:
  // A certificate arrives as its DER bytes alone (RawData); PowerShell rebuilds the certificate when
  // it reads the stream, and checks read its Subject, Issuer, dates and Thumbprint, so they are
  // computed here from the same bytes. Properties the stream does carry are left as they are.
  void rehydrate_certificate(const pugi::xml_node& node, PsObject& out) const {
    const auto types = type_names(node);
    if (std::find(types.begin(), types.end(), "System.Security.Cryptography.X509Certificates.X509Certificate2") ==
        types.end()) {
      return;
    }
    const auto raw = node.child("Props").find_child_by_attribute("BA", "N", "RawData");
    if (!raw) return;
    const auto der = detail::base64_decode(raw.text().get());
    const auto certificate = der ? detail::read_certificate(*der) : std::nullopt;
    if (!certificate) return;
    const std::array<std::pair<const char*, const std::string*>, 6> computed{{
        {"Subject", &certificate->subject},
        {"Issuer", &certificate->issuer},
        {"SerialNumber", &certificate->serial_number},
        {"NotBefore", &certificate->not_before},
        {"NotAfter", &certificate->not_after},
        {"Thumbprint", &certificate->thumbprint},
    }};
    for (const auto& entry : computed) {
      const auto wanted = lower(entry.first);
      const bool present = std::any_of(out.properties.begin(), out.properties.end(),
                                       [&](const auto& property) { return lower(property.first) == wanted; });
      if (!present) out.properties.emplace_back(entry.first, PropertyValue{{{"string", *entry.second}}});
    }
  }

  std::vector<std::string> type_names(const pugi::xml_node& node) const {
    if (const auto tn = node.child("TN")) {
      std::vector<std::string> names;
      for (auto t : tn.children("T")) names.emplace_back(t.text().get());
      return names;
    }
    if (const auto ref = node.child("TNRef")) {
      const auto found = types_.find(ref.attribute("RefId").value());
      if (found != types_.end()) return found->second;
    }
    return {};
  }

  PropertyValue object_value(const pugi::xml_node& node, int depth) const {
    const auto types = type_names(node);
    const auto is = [&](std::string_view fragment) {
      return std::any_of(types.begin(), types.end(),
                         [&](const std::string& t) { return t.find(fragment) != std::string::npos; });
    };
    for (const char* list : {"LST", "IE", "STK", "QUE"}) {
      if (const auto elements = node.child(list)) {
        PropertyValue out;
        for (auto element : elements.children()) {
          if (element.type() != pugi::node_element) continue;
          for (auto& field : value(element, depth + 1).fields) out.fields.emplace_back("string", field.second);
        }
        if (out.fields.empty()) out.fields.emplace_back("string", "");
        return out;
      }
    }
    const std::string shown = node.child("ToString").text().get();
    if (is("System.Enum")) {
      // Flag enumerations print "Tls, Integrated, BasicAuth": one field per flag.
      PropertyValue out;
      std::size_t start = 0;
      while (start <= shown.size()) {
        const auto comma = shown.find(", ", start);
        out.fields.emplace_back("string",
                                shown.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 2;
      }
      return out;
    }
    if (shown == "Unlimited") return {{{"int", unlimited_int()}}};
    std::string bytes;
    if (is("ByteQuantifiedSize") && byte_count(shown, bytes)) return {{{"int", bytes}}};
    std::string seconds;
    if ((is("TimeSpan") || is("EnhancedTimeSpan")) && timespan_seconds(shown, seconds)) return {{{"int", seconds}}};
    if (is("Unlimited`1")) {
      long long number = 0;
      const auto [ptr, ec] = std::from_chars(shown.data(), shown.data() + shown.size(), number);
      if (ec == std::errc() && ptr == shown.data() + shown.size()) return {{{"int", shown}}};
    }
    if (!node.child("ToString").empty()) return {{{"string", shown}}};
    for (auto child : node.children()) {
      const std::string_view name = child.name();
      if (child.type() == pugi::node_element && name != "TN" && name != "TNRef" && name != "Props" && name != "MS") {
        return value(child, depth + 1);
      }
    }
    return {{{"string", ""}}};
  }

 public:
  // Typed values whose text is not of their type (<B>maybe</B>, <I32>99999999999</I32>): read as
  // they are, so that the rules comparing them come out error, and reported where they are.
  struct Malformed {
    std::ptrdiff_t offset;
    std::string reason;
  };
  [[nodiscard]] const std::vector<Malformed>& malformed() const { return malformed_; }

 private:
  std::unordered_map<std::string, pugi::xml_node> objects_;
  std::unordered_map<std::string, std::vector<std::string>> types_;
  mutable std::vector<Malformed> malformed_;
  mutable std::set<std::ptrdiff_t> malformed_at_;  // a value reached through several <Ref>s is one
  mutable std::size_t expanded_ = 0;
  std::size_t max_bytes_;
  mutable std::size_t expanded_bytes_ = 0;
};

std::string expansion_limit(const TooManyValues& blowup, std::size_t document_size) {
  if (!blowup.bytes) return "<Ref> elements expand to more than " + std::to_string(kMaxExpandedValues) + " values";
  return "<Ref> elements expand to more than " +
         std::to_string((document_size * kExpansionFactor + kExpansionAllowance) >> 20U) + " MiB of values (" +
         std::to_string(kExpansionFactor) + " times the file, and 16 MiB)";
}

}  // namespace

bool read_clixml(std::string_view xml, const std::string& name, std::vector<PsObject>& out, std::string& error,
                 std::vector<std::string>* warnings) {
  pugi::xml_document document;
  if (!input::parse_xml(xml, name, document, error)) return false;
  const auto root = document.document_element();
  if (std::string_view(root.name()) != "Objs") {
    error = name + ": not PowerShell CliXml (root element '" + root.name() + "', expected 'Objs')";
    return false;
  }
  const Reader reader(root, xml.size());
  try {
    for (auto node : root.children()) {
      if (node.type() == pugi::node_element) out.push_back(reader.object(node));
    }
  } catch (const TooManyValues& blowup) {
    error = name + ":" + std::to_string(xml::line_at(xml, blowup.at.offset_debug())) + ": " +
            expansion_limit(blowup, xml.size());
    return false;
  }
  if (warnings != nullptr) {
    // One line per place, up to a few: a file of a million bad values is one more line, not a million.
    const auto& malformed = reader.malformed();
    for (std::size_t i = 0; i < std::min<std::size_t>(malformed.size(), kMalformedShown); ++i) {
      warnings->push_back(name + ":" + std::to_string(xml::line_at(xml, malformed[i].offset)) + ": " +
                          malformed[i].reason);
    }
    if (malformed.size() > kMalformedShown) {
      warnings->push_back(name + ": " + std::to_string(malformed.size() - kMalformedShown) +
                          " more values not of their type");
    }
  }
  return true;
}

bool read_clixml_folder(const std::string& folder, CmdletOutput& out, std::vector<std::string>& warnings,
                        std::string& error) {
  static const std::regex named(R"((Get)-?([A-Za-z0-9]+)\.xml)", std::regex::icase);
  std::error_code code;
  std::vector<std::pair<std::filesystem::path, std::string>> files;  // and the cmdlet each holds
  std::vector<std::filesystem::path> skipped;
  for (const auto& entry : std::filesystem::directory_iterator(folder, code)) {
    const auto name = entry.path().filename().string();
    std::smatch match;
    if (!std::regex_match(name, match, named)) continue;
    std::error_code ignored;
    if (entry.symlink_status(ignored).type() == std::filesystem::file_type::regular) {
      files.emplace_back(entry.path(), "get-" + lower(match[2].str()));
    } else {
      skipped.push_back(entry.path());
    }
  }
  if (code) {
    error = folder + ": cannot list the folder: " + code.message();
    return false;
  }
  std::sort(files.begin(), files.end());
  std::sort(skipped.begin(), skipped.end());
  for (const auto& file : skipped) {
    warnings.push_back(file.string() + " is skipped: not a regular file (a link, a FIFO or a device is never read)");
  }
  for (const auto& [file, cmdlet] : files) {
    std::string text;
    if (!input::read_file(file, text, error)) return false;
    if (!read_clixml(text, file.string(), out[cmdlet], error, &warnings)) return false;
  }
  return true;
}

std::string invocation_key(const std::string& cmdlet, std::vector<std::pair<std::string, std::string>> parameters) {
  std::string key = lower(cmdlet);
  for (auto& [name, value] : parameters) {
    name = lower(name);
    value = lower(value);
    if (value == "true") value.clear();  // a switch: OVAL writes -Status as an empty field
  }
  std::sort(parameters.begin(), parameters.end());
  for (const auto& [name, value] : parameters) key += " -" + name + " " + value;
  return key;
}

}  // namespace scapc::oval
