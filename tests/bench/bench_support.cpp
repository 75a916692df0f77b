#include "bench_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace streamweaver::bench {

double report(const std::string& name, double value, const std::string& unit, int decimals) {
  std::printf("  %-48s %12.*f%s%s\n", name.c_str(), decimals, value, unit.empty() ? "" : " ",
              unit.c_str());
  std::fflush(stdout);
  return value;
}

bool wants_help(int argc, char** argv) {
  return argc > 1 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h");
}

std::optional<double> number_argument(int argc, char** argv, int index, double fallback, ArgumentRange range) {
  if (index >= argc) return fallback;
  char* end = nullptr;
  double value = std::strtod(argv[index], &end);
  bool in_range = value >= range.minimum && value <= range.maximum;  // false for NaN
  if (end == argv[index] || *end != '\0' || !in_range || (range.whole && value != std::floor(value)))
    return std::nullopt;
  return value;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double spread(const std::vector<double>& values) {
  if (values.empty()) return 0;
  auto [low, high] = std::minmax_element(values.begin(), values.end());
  return *high > 0 ? (*high - *low) / *high : 0;
}

double percentile(std::vector<float>& values, double p) {
  if (values.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(values.size())));
  auto nth = values.begin() +
             static_cast<std::ptrdiff_t>(std::clamp<std::size_t>(rank, 1, values.size()) - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

void report_ratio(const std::string& name, double ours, double reference, double target) {
  double ratio = reference > 0 ? ours / reference : 0;
  std::printf("  %-48s %12.2f (target >= %.2f)\n", name.c_str(), ratio, target);
  std::fflush(stdout);
}

}  // namespace streamweaver::bench
