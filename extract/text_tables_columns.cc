// Column placement of the space-aligned table reader: where the values of a short row go
// among its reference row's columns, and increasing columns nearest to wanted ones.
#include <algorithm>
#include <climits>
#include <cstdlib>

#include "extract/internal/text_tables.h"

namespace nianbao::extract::text_tables {

// Where the values of a short row go among the m columns of its reference row: the monotone
// matching of centers with the least total distance, over the shifts that put the first or
// last value on a column (pdftotext shifts whole lines). In order when the work would pass
// the budget.
std::vector<int> align_values(const std::vector<int>& t, const std::vector<int>& r, std::size_t& budget) {
  const std::size_t k = t.size(), m = r.size();
  std::vector<int> ordinal(k);
  for (std::size_t i = 0; i < k; ++i) ordinal[i] = static_cast<int>(i);
  if (k == 0 || k >= m) return ordinal;
  std::vector<int> shifts;
  for (std::size_t j = 0; j + k <= m; ++j) shifts.push_back(r[j] - t[0]);
  for (std::size_t j = k - 1; j < m; ++j) shifts.push_back(r[j] - t[k - 1]);
  std::sort(shifts.begin(), shifts.end());
  shifts.erase(std::unique(shifts.begin(), shifts.end()), shifts.end());
  const std::size_t work = shifts.size() * (k + 1) * (m + 1);
  if (work > budget) return ordinal;
  budget -= work;
  const long inf = LONG_MAX / 4;
  long best_cost = inf, best_shift = 0;
  std::vector<int> best = ordinal;
  std::vector<long> f((k + 1) * (m + 1));
  for (int s : shifts) {
    auto F = [&](std::size_t i, std::size_t j) -> long& { return f[i * (m + 1) + j]; };
    for (std::size_t j = 0; j <= m; ++j) F(0, j) = 0;
    for (std::size_t i = 1; i <= k; ++i) {
      F(i, i - 1) = inf;
      for (std::size_t j = i; j <= m; ++j) {
        const long take = F(i - 1, j - 1) == inf ? inf : F(i - 1, j - 1) + std::labs(static_cast<long>(t[i - 1]) + s - r[j - 1]);
        F(i, j) = std::min(j > i ? F(i, j - 1) : inf, take);
      }
    }
    const long cost = F(k, m);
    if (cost < best_cost || (cost == best_cost && std::labs(s) < std::labs(best_shift))) {
      best_cost = cost;
      best_shift = s;
      std::size_t j = m;
      for (std::size_t i = k; i > 0; --i) {
        while (j > i && F(i, j) == F(i, j - 1)) --j;
        best[i - 1] = static_cast<int>(j - 1);
        --j;
      }
    }
  }
  return best;
}

// Strictly increasing columns in [0, width) as close as possible to the desired ones.
std::vector<int> monotone(std::vector<int> desired, int width) {
  const int n = static_cast<int>(desired.size());
  if (n > width) {
    for (int i = 0; i < n; ++i) desired[i] = i;
    return desired;
  }
  for (int i = 0; i < n; ++i) desired[i] = std::max(desired[i], i == 0 ? 0 : desired[i - 1] + 1);
  for (int i = n - 1; i >= 0; --i) desired[i] = std::min(desired[i], i == n - 1 ? width - 1 : desired[i + 1] - 1);
  return desired;
}

}  // namespace nianbao::extract::text_tables
