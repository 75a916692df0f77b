#pragma once
// The metrics window_aggregate can compute, by name, as a small bit set.
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace streamweaver::transforms {

enum class Metric : std::uint8_t { vwap, mean, min, max, first, last, change_pct, count, volume };

inline constexpr std::array<std::string_view, 9> kMetricNames = {
    "vwap", "mean", "min", "max", "first", "last", "change_pct", "count", "volume"};

inline std::string_view name_of(Metric metric) {
  return kMetricNames[static_cast<std::size_t>(metric)];
}

class MetricSet {
 public:
  // Throws std::invalid_argument naming the `metrics` option on an unknown or empty list.
  static MetricSet parse(const std::vector<std::string>& names) {
    if (names.empty())
      throw std::invalid_argument("option 'metrics' must name at least one metric");
    MetricSet set;
    for (const auto& name : names) {
      bool known = false;
      for (std::size_t i = 0; i < kMetricNames.size(); ++i) {
        if (kMetricNames[i] == name) {
          set.bits_ |= 1u << i;
          known = true;
        }
      }
      if (!known)
        throw std::invalid_argument("option 'metrics': unknown metric '" + name +
                                    "' (known: " + known_list() + ")");
    }
    return set;
  }

  bool has(Metric metric) const { return (bits_ >> static_cast<unsigned>(metric)) & 1u; }
  bool needs_quantity() const { return has(Metric::vwap) || has(Metric::volume); }
  bool needs_extremes() const { return has(Metric::min) || has(Metric::max); }

  template <class Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t i = 0; i < kMetricNames.size(); ++i)
      if ((bits_ >> i) & 1u) visit(static_cast<Metric>(i));
  }

  static std::string known_list() {
    std::string list;
    for (auto name : kMetricNames) list += (list.empty() ? "" : ", ") + std::string(name);
    return list;
  }

 private:
  std::uint32_t bits_ = 0;
};

}  // namespace streamweaver::transforms
