#include "metrics/registry.hpp"

#include <stdexcept>
#include <type_traits>

#include "metrics/text_format.hpp"

namespace streamweaver::metrics {

namespace {

// Indexed by Family::kind, the position of the type in Registry::Series.
constexpr const char* kind_names[] = {"counter", "gauge", "histogram"};
template <class T>
constexpr std::size_t kind_of = std::is_same_v<T, Counter> ? 0
                                : std::is_same_v<T, Gauge> ? 1
                                                           : 2;

void render(std::string& out, const std::string& name, const Labels& labels, const Counter& c) {
  out += name + text_format::format_labels(labels) + ' ' + std::to_string(c.value()) + '\n';
}

void render(std::string& out, const std::string& name, const Labels& labels, const Gauge& g) {
  out += name + text_format::format_labels(labels) + ' ' + std::to_string(g.value()) + '\n';
}

void render(std::string& out, const std::string& name, const Labels& labels, const Histogram& h) {
  auto snap = h.snapshot();
  for (std::size_t i = 0; i < snap.cumulative.size(); ++i) {
    auto le = i < snap.bounds.size() ? text_format::format_number(snap.bounds[i]) : "+Inf";
    out += name + "_bucket" + text_format::format_labels(labels, "le", le) + ' ' +
           std::to_string(snap.cumulative[i]) + '\n';
  }
  auto plain = text_format::format_labels(labels);
  out += name + "_sum" + plain + ' ' + text_format::format_number(snap.sum) + '\n';
  out += name + "_count" + plain + ' ' + std::to_string(snap.count) + '\n';
}

}  // namespace

template <class T, class Make>
T& Registry::find_or_add(const std::string& name, const std::string& help, Labels labels,
                         Make make) {
  check_metric_name(name);
  // "le" is the bucket label a histogram adds itself.
  labels = canonical_labels(std::move(labels), std::is_same_v<T, Histogram> ? "le" : "");
  constexpr auto kind = kind_of<T>;
  static_assert(std::is_same_v<std::variant_alternative_t<kind, Series>, std::unique_ptr<T>>);
  auto fresh = make();  // before locking: it may throw, and must not leave an empty family

  std::lock_guard lock(mutex_);
  auto [family, added] = families_.try_emplace(name, Family{.help = help, .kind = kind});
  if (!added && family->second.kind != kind)
    throw std::logic_error("metric '" + name + "' is already registered as a " +
                           kind_names[family->second.kind]);
  auto& series = family->second.series;
  auto found = series.find(labels);
  if (found == series.end()) found = series.emplace(std::move(labels), std::move(fresh)).first;
  return *std::get<std::unique_ptr<T>>(found->second);
}

Counter& Registry::counter(const std::string& name, const std::string& help, Labels labels) {
  return find_or_add<Counter>(name, help, std::move(labels),
                              [] { return std::make_unique<Counter>(); });
}

Gauge& Registry::gauge(const std::string& name, const std::string& help, Labels labels) {
  return find_or_add<Gauge>(name, help, std::move(labels),
                            [] { return std::make_unique<Gauge>(); });
}

Histogram& Registry::histogram(const std::string& name, const std::string& help,
                               std::vector<double> bounds, Labels labels) {
  auto& h = find_or_add<Histogram>(name, help, std::move(labels),
                                   [&bounds] { return std::make_unique<Histogram>(bounds); });
  if (h.bounds() != bounds)
    throw std::logic_error("histogram '" + name + "' is already registered with other bounds");
  return h;
}

std::string Registry::prometheus_text() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) {
    out += "# HELP " + name + ' ' + text_format::escape_help(family.help) + '\n';
    out += "# TYPE " + name + ' ' + kind_names[family.kind] + '\n';
    for (const auto& [labels, series] : family.series)
      std::visit([&](const auto& metric) { render(out, name, labels, *metric); }, series);
  }
  return out;
}

}  // namespace streamweaver::metrics
