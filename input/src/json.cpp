#include <array>
#include <fstream>
#include <set>

#include "scapc/input.h"

namespace scapc::input {
namespace {

struct TooDeep {};

// The same enumeration for ordered and unordered documents.
using Event = nlohmann::json::parse_event_t;

// Follows the parser's callbacks to know the JSON pointer of the value being parsed, which
// nlohmann::json does not keep; duplicate keys and out-of-range numbers are reported there.
template <typename json>
class PathTracker {
 public:
  explicit PathTracker(std::vector<std::string>& duplicates) : duplicates_(duplicates) {}

  bool operator()(int depth, Event event, json& parsed) {
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (depth >= kMaxNesting) throw TooDeep{};
        frames_.push_back({event == Event::object_start, take_token(), {}, {}, 0});
        break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        break;
      case Event::key:
        on_key(parsed.template get_ref<const std::string&>());
        needs_repair_ = needs_repair_ || holds_non_xml_text(frames_.back().last_key);
        break;
      case Event::value:
        take_token();
        if (parsed.is_string()) {
          needs_repair_ = needs_repair_ || holds_non_xml_text(parsed.template get_ref<const std::string&>());
        }
        break;
    }
    return true;
  }

  // Whether a key or string read holds a character XML cannot carry.
  [[nodiscard]] bool needs_repair() const { return needs_repair_; }

  // The pointer of the value the parser is reading now.
  [[nodiscard]] std::string current_pointer() const {
    std::string pointer = container_pointer();
    if (frames_.empty()) return pointer;
    const Frame& frame = frames_.back();
    return pointer + "/" + (frame.is_object ? pointer_token(frame.last_key) : std::to_string(frame.next_index));
  }

 private:
  struct Frame {
    bool is_object = false;
    std::string token;  // this container's token in its parent
    std::set<std::string> keys;
    std::string last_key;
    std::size_t next_index = 0;
  };

  std::string take_token() {
    if (frames_.empty()) return {};
    Frame& frame = frames_.back();
    if (frame.is_object) return frame.last_key;
    return std::to_string(frame.next_index++);
  }

  void on_key(const std::string& key) {
    Frame& frame = frames_.back();
    frame.last_key = key;
    if (!frame.keys.insert(key).second) duplicates_.push_back(current_pointer());
  }

  [[nodiscard]] std::string container_pointer() const {
    std::string pointer;
    // frames_[0] is the root, whose token is empty and contributes nothing.
    for (std::size_t i = 1; i < frames_.size(); ++i) pointer += "/" + pointer_token(frames_[i].token);
    return pointer;
  }

  std::vector<std::string>& duplicates_;
  std::vector<Frame> frames_;
  bool needs_repair_ = false;
};

// Keys and strings with characters XML cannot carry, repaired in place (parse_json says why).
template <typename json>
void repair_text(json& node, const std::string& pointer, std::vector<std::string>& replaced) {
  if (node.is_string()) {
    if (replace_non_xml_text(node.template get_ref<std::string&>()) > 0) replaced.push_back(pointer);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) repair_text(node[i], pointer + "/" + std::to_string(i), replaced);
  } else if (node.is_object()) {
    json repaired = json::object();
    for (auto& [key, value] : node.items()) {
      auto name = key;
      const auto token = pointer + "/" + pointer_token(key);
      if (replace_non_xml_text(name) > 0) replaced.push_back(token);
      repair_text(value, token, replaced);
      repaired[name] = std::move(value);
    }
    node = std::move(repaired);
  }
}

void locate(std::string_view text, std::size_t byte, int& line, int& column) {
  line = 1;
  column = 1;
  const std::size_t end = byte == 0 ? 0 : std::min(byte - 1, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 3, column 5:
// syntax error while parsing value - invalid literal; last read: '<text>'". The location is given
// separately and the text read can hold any byte, so both go.
std::string reason_of(const nlohmann::json::parse_error& error) {
  std::string what = error.what();
  const auto column = what.find("column ");
  const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  if (colon != std::string::npos) {
    what = what.substr(colon + 2);
  } else if (const auto bracket = what.find("] "); bracket != std::string::npos) {
    what = what.substr(bracket + 2);
  }
  return what.substr(0, what.find("; last read"));
}

template <typename json>
bool parse_any(std::string_view text, json& out, JsonError& error, std::vector<std::string>* duplicate_keys,
               std::vector<std::string>* replaced) {
  std::vector<std::string> duplicates;
  PathTracker<json> tracker(duplicates);
  try {
    out = json::parse(text.begin(), text.end(), std::ref(tracker));
  } catch (const typename json::parse_error& e) {
    locate(text, e.byte, error.line, error.column);
    error.reason = reason_of(e);
    return false;
  } catch (const typename json::out_of_range&) {
    error.pointer = tracker.current_pointer();
    error.reason = "number out of range";
    return false;
  } catch (const TooDeep&) {
    error.pointer = tracker.current_pointer();
    error.reason = "arrays and objects nested more than " + std::to_string(kMaxNesting) + " deep";
    return false;
  }
  if (tracker.needs_repair()) {
    std::vector<std::string> pointers;
    repair_text(out, "", pointers);
    if (replaced != nullptr) *replaced = std::move(pointers);
  }
  if (duplicate_keys != nullptr) {
    *duplicate_keys = std::move(duplicates);
  } else if (!duplicates.empty()) {
    error.pointer = duplicates.front();
    error.reason = "duplicate key in object";
    return false;
  }
  return true;
}

template <typename json>
bool parse_named(std::string_view text, const std::string& name, json& out, std::string& error,
                 std::vector<std::string>* replaced) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    error = name + ": the file is empty";
    return false;
  }
  JsonError fault;
  if (parse_any(text, out, fault, nullptr, replaced)) return true;
  error = describe(name, fault);
  return false;
}

}  // namespace

std::string pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string describe(const std::string& name, const JsonError& error) {
  if (error.line > 0)
    return name + ":" + std::to_string(error.line) + ":" + std::to_string(error.column) + ": " + error.reason;
  return name + ":" + error.pointer + ": " + error.reason;
}

bool parse_json(std::string_view text, nlohmann::json& out, JsonError& error, std::vector<std::string>* duplicate_keys,
                std::vector<std::string>* replaced) {
  return parse_any(text, out, error, duplicate_keys, replaced);
}

bool parse_json(std::string_view text, const std::string& name, nlohmann::json& out, std::string& error,
                std::vector<std::string>* replaced) {
  return parse_named(text, name, out, error, replaced);
}

bool parse_json(std::string_view text, const std::string& name, nlohmann::ordered_json& out, std::string& error,
                std::vector<std::string>* replaced) {
  return parse_named(text, name, out, error, replaced);
}

bool starts_like_json(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

bool file_starts_like_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 4096> piece{};
  while (in.read(piece.data(), piece.size()) || in.gcount() > 0) {
    const std::string_view text(piece.data(), static_cast<std::size_t>(in.gcount()));
    if (text.find_first_not_of(" \t\r\n\xEF\xBB\xBF") != std::string_view::npos) return starts_like_json(text);
  }
  return false;
}

}  // namespace scapc::input
