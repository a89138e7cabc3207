// A variable's values as a state compares items with them (var_ref, var_check). Every item of an
// object is compared with every value, so with a local variable over an object of thousands of
// items that is millions of comparisons. The values are kept with their distinct values counted,
// and for string equality (the membership test: one of these names) with a lookup by value, so a
// comparison costs one lookup or one comparison per distinct value, with the same counts.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scapc::oval::detail {

class ComparedValues {
 public:
  explicit ComparedValues(std::vector<std::string> values);

  [[nodiscard]] const std::vector<std::string>& all() const { return values_; }
  [[nodiscard]] bool empty() const { return values_.empty(); }
  [[nodiscard]] int size() const { return static_cast<int>(values_.size()); }
  // Each distinct value once, in the order of its first occurrence, with how often it occurs.
  [[nodiscard]] const std::vector<std::pair<std::string_view, int>>& distinct() const { return distinct_; }
  // How many values equal `text`, exactly or ignoring ASCII case.
  [[nodiscard]] int count_equal(std::string_view text) const;
  [[nodiscard]] int count_equal_ignoring_case(std::string_view text) const;

 private:
  std::vector<std::string> values_;
  std::vector<std::pair<std::string_view, int>> distinct_;
  std::unordered_map<std::string_view, int> exact_;
  std::unordered_map<std::string, int> folded_;
};

}  // namespace scapc::oval::detail
