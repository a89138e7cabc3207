#include "json_document.h"

#include <set>
#include <vector>

namespace scapc::controls::detail {
namespace {

using nlohmann::json;

// Follows the parser's callbacks to know the JSON pointer of the value being parsed.
class PathTracker {
 public:
  PathTracker(const std::string& file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        frames_.push_back({event == json::parse_event_t::object_start, value_token(), {}, {}, 0});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        break;
      case json::parse_event_t::key:
        on_key(parsed.get_ref<const std::string&>());
        break;
      case json::parse_event_t::value:
        value_token();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object = false;
    std::string token;  // this container's token in its parent
    std::set<std::string> keys;
    std::string last_key;
    std::size_t next_index = 0;
  };

  // The token under which the value now starting sits in its container.
  std::string value_token() {
    if (frames_.empty()) return {};
    Frame& frame = frames_.back();
    if (frame.is_object) return frame.last_key;
    return std::to_string(frame.next_index++);
  }

  void on_key(const std::string& key) {
    Frame& frame = frames_.back();
    frame.last_key = key;
    if (!frame.keys.insert(key).second) {
      diagnostics_.error(file_, child_pointer(container_pointer(), key), "duplicate key '" + key + "' in object");
    }
  }

  [[nodiscard]] std::string container_pointer() const {
    std::string pointer;
    // frames_[0] is the root, whose token is empty and contributes nothing.
    for (std::size_t i = 1; i < frames_.size(); ++i) pointer = child_pointer(pointer, frames_[i].token);
    return pointer;
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  std::vector<Frame> frames_;
};

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
// syntax error while parsing ..."; keep only the part after the location.
std::string reason_of(const json::parse_error& error) {
  std::string what = error.what();
  const auto column = what.find("column ");
  const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  if (colon != std::string::npos) return what.substr(colon + 2);
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
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

std::string child_pointer(const std::string& parent, std::string_view token) {
  return parent + '/' + pointer_token(token);
}

std::string child_pointer(const std::string& parent, std::size_t index) {
  return parent + '/' + std::to_string(index);
}

std::optional<json> parse_json(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  PathTracker tracker(file, diagnostics);
  try {
    return json::parse(text.begin(), text.end(), std::ref(tracker));
  } catch (const json::parse_error& error) {
    Diagnostic diagnostic;
    diagnostic.file = file;
    locate(text, error.byte, diagnostic.line, diagnostic.column);
    diagnostic.message = reason_of(error);
    diagnostics.add(std::move(diagnostic));
    return std::nullopt;
  }
}

}  // namespace scapc::controls::detail
