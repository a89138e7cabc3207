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
  explicit ComparedValues(std::vector<std::string> values) : values_(std::move(values)) {}

  [[nodiscard]] const std::vector<std::string>& all() const { return values_; }
  [[nodiscard]] bool empty() const { return values_.empty(); }
  [[nodiscard]] int size() const { return static_cast<int>(values_.size()); }
  // Whether the counted forms below are worth building: most variables have a value or two, which
  // are compared directly, and a benchmark may have thousands of them.
  [[nodiscard]] bool many() const { return values_.size() > kFew; }
  // Each distinct value once, in the order of its first occurrence, with how often it occurs.
  const std::vector<std::pair<std::string_view, int>>& distinct();
  // How many values equal `text`, exactly or ignoring ASCII case.
  int count_equal(std::string_view text);
  int count_equal_ignoring_case(std::string_view text);

 private:
  static constexpr std::size_t kFew = 8;
  void index();
  std::vector<std::string> values_;
  bool indexed_ = false;  // built on first use, by the evaluator (one per thread) that holds it
  std::vector<std::pair<std::string_view, int>> distinct_;
  std::unordered_map<std::string_view, int> exact_;
  std::unordered_map<std::string, int> folded_;
};

}  // namespace scapc::oval::detail
