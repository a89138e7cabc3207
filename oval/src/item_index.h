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
  // `expected`: how many items the document holds, which sizes the table of numbers once.
  explicit ItemIndex(std::size_t expected) {
    std::size_t slots = 16;
    while (too_full(expected, slots)) slots *= 2;
    keys_.assign(slots, kEmpty);
    positions_.resize(slots);
  }

  // False when the id was added before.
  bool add(std::string_view id, std::uint32_t position) {
    if (const auto n = number(id)) {
      if (too_full(numbers_ + 1, keys_.size())) grow();
      const auto at = probe(*n);
      if (keys_[at] == *n) return false;
      put(at, *n, position);
      ++numbers_;
      return true;
    }
    return by_text_.emplace(id, position).second;
  }

  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const {
    if (const auto n = number(id)) {
      const auto at = probe(*n);
      if (keys_[at] == *n) return positions_[at];
      return std::nullopt;
    }
    const auto found = by_text_.find(id);
    if (found == by_text_.end()) return std::nullopt;
    return found->second;
  }

 private:
  static constexpr std::uint64_t kEmpty = UINT64_MAX;

  // At most two thirds full, so a probe meets an empty slot soon. Keys and positions are kept
  // apart: a slot of both was padded to 16 bytes, and the table at half full was 1 MiB for 20,000
  // items, memory the analysis takes fresh on top of the parsed documents.
  static bool too_full(std::size_t numbers, std::size_t slots) { return numbers * 3 > slots * 2; }

  // OVAL's ItemIDPattern is an unsigned int, and collectors write their ids as plain numbers
  // (1, 2, 3… or oscap's 10063799…): such ids go to an open-addressed table of numbers, with no
  // string hashing and no compare of the id's text. Only the canonical spelling (no sign, no
  // leading zero) counts as a number, so "07" and "7" stay the two ids they are as text; any other
  // id goes to the hash map by its text.
  static std::optional<std::uint64_t> number(std::string_view id) {
    if (id.empty() || id.size() > 19 || (id.size() > 1 && id.front() == '0')) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : id) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;  // 19 digits stay below kEmpty
  }

  // The slot holding `key`, or the empty slot where it would go (linear probing; the table is
  // never full, so there always is one).
  [[nodiscard]] std::size_t probe(std::uint64_t key) const {
    const auto mask = keys_.size() - 1;
    auto at = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (keys_[at] != key && keys_[at] != kEmpty) at = (at + 1) & mask;
    return at;
  }

  void grow() {
    std::vector<std::uint64_t> keys(keys_.size() * 2, kEmpty);
    std::vector<std::uint32_t> positions(keys.size());
    keys.swap(keys_);
    positions.swap(positions_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] != kEmpty) put(probe(keys[i]), keys[i], positions[i]);
    }
  }

  void put(std::size_t at, std::uint64_t key, std::uint32_t position) {
    keys_[at] = key;
    positions_[at] = position;
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> positions_;
  std::size_t numbers_ = 0;
  std::unordered_map<std::string_view, std::uint32_t> by_text_;
};

}  // namespace scapc::oval::detail
