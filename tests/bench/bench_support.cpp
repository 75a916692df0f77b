#include "bench_support.hpp"

#include <cstdio>

namespace streamweaver::bench {

double report(const std::string& name, double value, const std::string& unit) {
  std::printf("  %-48s %12.0f %s\n", name.c_str(), value, unit.c_str());
  std::fflush(stdout);
  return value;
}

void report_ratio(const std::string& name, double ours, double reference, double target) {
  double ratio = reference > 0 ? ours / reference : 0;
  std::printf("  %-48s %12.2f (target >= %.2f)\n", name.c_str(), ratio, target);
  std::fflush(stdout);
}

}  // namespace streamweaver::bench
