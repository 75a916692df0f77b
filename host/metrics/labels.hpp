#pragma once
// Metric names and label sets: the identity of a series.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace streamweaver::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Every StreamWeaver metric name starts with this.
inline constexpr std::string_view metric_prefix = "streamweaver_";

// Throws std::invalid_argument unless name is a Prometheus metric name with metric_prefix.
void check_metric_name(const std::string& name);

// Validates label names (Prometheus syntax, no "__" prefix, no duplicates, none in
// `reserved`) and sorts by name, so {a,b} and {b,a} name the same series.
Labels canonical_labels(Labels labels, std::string_view reserved = {});

}  // namespace streamweaver::metrics
