// Item ids to their place in the document, used while indexing system characteristics to resolve
// the collected objects' references once, so evaluating never looks an item up by its id.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scapc::oval::detail {

class ItemIndex {
 public:
  // `expected`: how many items the document holds, which bounds the numbers kept in the vector.
  explicit ItemIndex(std::size_t expected) : limit_(expected * 4 + 1024) {}

  // False when the id was added before.
  bool add(std::string_view id, std::uint32_t position) {
    if (const auto n = number(id)) {
      if (*n >= by_number_.size()) by_number_.resize(*n + 1, kNone);
      if (by_number_[*n] != kNone) return false;
      by_number_[*n] = position;
      return true;
    }
    return by_text_.emplace(id, position).second;
  }

  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const {
    if (const auto n = number(id)) {
      if (*n < by_number_.size() && by_number_[*n] != kNone) return by_number_[*n];
      return std::nullopt;
    }
    const auto found = by_text_.find(id);
    if (found == by_text_.end()) return std::nullopt;
    return found->second;
  }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // OVAL's ItemIDPattern is an unsigned int, and collectors number their items 1, 2, 3…: such ids
  // index a vector, with no hashing and no compare of the id's text. Only the canonical spelling
  // (no sign, no leading zero) counts as a number, so "07" and "7" stay the two ids they are as
  // text; any other id, and numbers far above the item count, go to the hash map.
  [[nodiscard]] std::optional<std::size_t> number(std::string_view id) const {
    if (id.empty() || id.size() > 9 || (id.size() > 1 && id.front() == '0')) return std::nullopt;
    std::size_t value = 0;
    for (const char c : id) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    if (value >= limit_) return std::nullopt;
    return value;
  }

  std::size_t limit_;
  std::vector<std::uint32_t> by_number_;
  std::unordered_map<std::string_view, std::uint32_t> by_text_;
};

}  // namespace scapc::oval::detail
