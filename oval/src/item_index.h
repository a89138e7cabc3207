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
    while (slots < expected * 2) slots *= 2;
    slots_.assign(slots, Slot{});
  }

  // False when the id was added before.
  bool add(std::string_view id, std::uint32_t position) {
    if (const auto n = number(id)) {
      if ((numbers_ + 1) * 2 > slots_.size()) grow();
      auto& slot = slots_[probe(*n)];
      if (slot.key == *n) return false;
      slot = {*n, position};
      ++numbers_;
      return true;
    }
    return by_text_.emplace(id, position).second;
  }

  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const {
    if (const auto n = number(id)) {
      const auto& slot = slots_[probe(*n)];
      if (slot.key == *n) return slot.position;
      return std::nullopt;
    }
    const auto found = by_text_.find(id);
    if (found == by_text_.end()) return std::nullopt;
    return found->second;
  }

 private:
  static constexpr std::uint64_t kEmpty = UINT64_MAX;
  struct Slot {
    std::uint64_t key = kEmpty;
    std::uint32_t position = 0;
  };

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

  // The slot holding `key`, or the empty slot where it would go (linear probing; the table is at
  // most half full, so there always is one).
  [[nodiscard]] std::size_t probe(std::uint64_t key) const {
    const auto mask = slots_.size() - 1;
    auto at = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (slots_[at].key != key && slots_[at].key != kEmpty) at = (at + 1) & mask;
    return at;
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2, Slot{});
    old.swap(slots_);
    for (const auto& slot : old) {
      if (slot.key != kEmpty) slots_[probe(slot.key)] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t numbers_ = 0;
  std::unordered_map<std::string_view, std::uint32_t> by_text_;
};

}  // namespace scapc::oval::detail
