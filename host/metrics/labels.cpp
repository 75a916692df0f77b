#include "metrics/labels.hpp"

#include <algorithm>
#include <stdexcept>

namespace streamweaver::metrics {

namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_label_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) return false;
  for (char c : name)
    if (!is_name_char(c)) return false;
  return true;
}

}  // namespace

void check_metric_name(const std::string& name) {
  // Colons are legal in Prometheus but reserved for recording rules, so not allowed here.
  if (!name.starts_with(metric_prefix) || !is_label_name(name))
    throw std::invalid_argument("invalid metric name '" + name + "': must match " +
                                std::string(metric_prefix) + "[a-zA-Z0-9_]*");
}

Labels canonical_labels(Labels labels, std::string_view reserved) {
  for (const auto& [name, value] : labels) {
    if (!is_label_name(name) || name.starts_with("__"))
      throw std::invalid_argument("invalid label name '" + name + "'");
    if (!reserved.empty() && name == reserved)
      throw std::invalid_argument("label name '" + name + "' is reserved");
  }
  std::sort(labels.begin(), labels.end());
  for (std::size_t i = 1; i < labels.size(); ++i)
    if (labels[i - 1].first == labels[i].first)
      throw std::invalid_argument("duplicate label name '" + labels[i].first + "'");
  return labels;
}

}  // namespace streamweaver::metrics
