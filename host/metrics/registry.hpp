#pragma once
// A thread-safe registry of metrics, rendered as Prometheus text.
//
// Registration takes a lock and may allocate; do it once and keep the reference (stable
// for the registry's lifetime). Asking again for the same name and labels returns the
// same object, so independent components can share a series without passing it around.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "metrics/instruments.hpp"
#include "metrics/labels.hpp"

namespace streamweaver::metrics {

class Registry {
 public:
  // Each throws std::invalid_argument for a bad name or label set, and std::logic_error
  // when the name is already registered as another kind (or, for a histogram series,
  // with other bounds).
  Counter& counter(const std::string& name, const std::string& help, Labels labels = {});
  Gauge& gauge(const std::string& name, const std::string& help, Labels labels = {});
  Histogram& histogram(const std::string& name, const std::string& help, std::vector<double> bounds,
                       Labels labels = {});

  // Families sorted by name, series by labels; # HELP and # TYPE once per family.
  std::string prometheus_text() const;

 private:
  using Series =
      std::variant<std::unique_ptr<Counter>, std::unique_ptr<Gauge>, std::unique_ptr<Histogram>>;
  struct Family {
    std::string help;
    std::size_t kind;  // Series::index() shared by every series of the family
    std::map<Labels, Series> series;
  };

  template <class T, class Make>
  T& find_or_add(const std::string& name, const std::string& help, Labels labels, Make make);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
};

}  // namespace streamweaver::metrics
