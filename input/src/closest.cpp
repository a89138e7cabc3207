// The known word a mistyped one was probably meant to be, for "did you mean" in error messages.
#include <scapc/input.h>

#include <algorithm>
#include <cctype>
#include <numeric>
#include <vector>

namespace scapc::input {
namespace {

std::string folded(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Levenshtein distance, one row at a time.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest(std::string_view wanted, const std::vector<std::string>& known) {
  const auto word = folded(wanted);
  if (word.empty()) return {};
  // A typo (a third of the word at most), or a part of a long id (a profile id's distinctive part).
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : known) {
    const auto text = folded(candidate);
    const auto d = text.find(word) != std::string::npos ? 0 : distance(word, text);
    if (d < best_distance || (d == best_distance && candidate.size() < best.size())) {
      best = candidate;
      best_distance = d;
    }
  }
  return best_distance <= limit ? best : std::string();
}

}  // namespace scapc::input
