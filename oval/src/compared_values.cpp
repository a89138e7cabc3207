#include "compared_values.h"

namespace scapc::oval::detail {
namespace {

std::string folded(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

}  // namespace

void ComparedValues::index() {
  if (indexed_) return;
  indexed_ = true;
  // Views into values_, which is not changed again.
  for (const auto& value : values_) {
    const auto [at, added] = exact_.try_emplace(value, 0);
    if (added) distinct_.emplace_back(value, 0);
    ++at->second;
    ++folded_[folded(value)];
  }
  for (auto& [value, count] : distinct_) count = exact_.at(value);
}

const std::vector<std::pair<std::string_view, int>>& ComparedValues::distinct() {
  index();
  return distinct_;
}

int ComparedValues::count_equal(std::string_view text) {
  index();
  const auto found = exact_.find(text);
  return found == exact_.end() ? 0 : found->second;
}

int ComparedValues::count_equal_ignoring_case(std::string_view text) {
  index();
  const auto found = folded_.find(folded(text));
  return found == folded_.end() ? 0 : found->second;
}

}  // namespace scapc::oval::detail
