#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace streamweaver::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Prints "name: value unit" aligned, and returns value for ratios.
double report(const std::string& name, double value, const std::string& unit, int decimals = 0);
void report_ratio(const std::string& name, double ours, double reference, double target);

// The median of alternating rounds; and how far apart they were, (highest - lowest) / highest:
// a reference that varies more than 25 % between rounds means a busy machine, not a figure.
double median(std::vector<double> values);
double spread(const std::vector<double>& values);
constexpr double kMaxReferenceSpread = 0.25;

// Positional arguments of a benchmark: --help or -h first asks for the usage; argument
// `index` as a number in [minimum, maximum] (`fallback` when absent; a whole number when
// `whole`), or nothing when it is not one.
bool wants_help(int argc, char** argv);
struct ArgumentRange {
  double minimum;
  double maximum;
  bool whole = false;
};
std::optional<double> number_argument(int argc, char** argv, int index, double fallback, ArgumentRange range);

// The p-th percentile (0 < p <= 100) by nearest rank; reorders `values`. 0 when empty.
double percentile(std::vector<float>& values, double p);

}  // namespace streamweaver::bench
