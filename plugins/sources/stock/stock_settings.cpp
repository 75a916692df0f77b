#include "stock_settings.hpp"

#include <stdexcept>

#include <streamweaver/option_checks.hpp>


namespace streamweaver::sources::stock {
namespace {

constexpr Interval kPrices{.low = 0, .high = 1e7, .low_open = true};

// Every entry of the start_prices table is checked, also those for symbols not traded, so a
// typo in a price never goes unnoticed.
std::vector<double> start_prices_for(const std::vector<std::string>& symbols,
                                     const nlohmann::json& table, double fallback) {
  for (const auto& [symbol, price] : table.items()) {
    std::string name = "start_prices." + symbol;
    if (!price.is_number())
      refuse_option(name, std::string("must be a number, got ") + price.type_name());
    require_within(name, price.get<double>(), kPrices);
  }
  std::vector<double> prices;
  prices.reserve(symbols.size());
  for (const auto& symbol : symbols) {
    auto it = table.find(symbol);
    prices.push_back(it != table.end() ? it->get<double>() : fallback);
  }
  return prices;
}

}  // namespace

StockSettings StockSettings::from(const Options& options) {
  StockSettings s;
  s.symbols = checked_names(options, "symbols");
  double fallback = checked_number(options, "fallback_start_price", kPrices);
  s.start_prices = start_prices_for(s.symbols, options.json().at("start_prices"), fallback);
  s.annual_drift = checked_number(options, "annual_drift", {-10, 10});
  s.annual_volatility =
      checked_number(options, "annual_volatility", {.low = 0, .high = 5, .low_open = true});
  auto tick_ms = checked_integer(options, "tick_interval_ms", {1, 86'400'000});
  s.tick_interval_years = static_cast<double>(tick_ms) / 1000.0 / kSecondsPerTradingYear;
  s.min_quantity = checked_integer(options, "min_quantity", {1, 1e9});
  s.max_quantity = checked_integer(options, "max_quantity", {1, 1e9});
  if (s.max_quantity < s.min_quantity)
    refuse_option("max_quantity", "must be >= min_quantity (" + std::to_string(s.min_quantity) +
                                      "), got " + std::to_string(s.max_quantity));
  return s;
}

}  // namespace streamweaver::sources::stock
