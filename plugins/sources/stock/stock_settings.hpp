#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <streamweaver/options.hpp>

namespace streamweaver::sources::stock {

// GBM time is counted in trading years: 252 sessions of 6.5 hours. An annual volatility of
// 0.3 with tick_interval_ms = 1000 moves a price by about 0.3 * sqrt(1 / 5896800) = 0.012 %
// per trade.
inline constexpr double kSecondsPerTradingYear = 252.0 * 6.5 * 3600.0;

// The stock source's options, checked once when the source is made.
struct StockSettings {
  std::vector<std::string> symbols;
  std::vector<double> start_prices;  // one per symbol
  double annual_drift;
  double annual_volatility;
  double tick_interval_years;
  std::int64_t min_quantity;
  std::int64_t max_quantity;

  static StockSettings from(const Options& options);
};

}  // namespace streamweaver::sources::stock
