// stock: trades whose prices follow a geometric Brownian motion per symbol.
#include <cmath>
#include <cstdint>
#include <vector>

#include <streamweaver/sdk.hpp>

#include "common/event_clock.hpp"
#include "common/numbers.hpp"
#include "common/seeded_rng.hpp"
#include "price_walk.hpp"
#include "stock_settings.hpp"

namespace streamweaver::sources::stock {
namespace {

// Tick rule: a trade at a higher price is more often buyer-initiated.
constexpr double kBuyShareOnUptick = 0.7;

class StockSource {
 public:
  explicit StockSource(const Options& options)
      : settings_(StockSettings::from(options)),
        rng_(seed_from(options)),
        step_(GbmStep::of(settings_.annual_drift, settings_.annual_volatility,
                          settings_.tick_interval_years)),
        log_min_quantity_(std::log(static_cast<double>(settings_.min_quantity))),
        log_max_quantity_(std::log(static_cast<double>(settings_.max_quantity) + 1)) {
    walks_.reserve(settings_.symbols.size());
    for (double price : settings_.start_prices) walks_.emplace_back(price);
  }

  Status next(Record& out) {
    auto index = rng_.index(walks_.size());
    auto& walk = walks_[index];
    double before = walk.price();
    double price = walk.step(step_, rng_);
    double buy_share = price >= before ? kBuyShareOnUptick : 1 - kBuyShareOnUptick;
    const std::string& symbol = settings_.symbols[index];
    auto time = clock_.now();

    // Drawn in the order the records have always been drawn (same values under a seed),
    // written in key order (as nlohmann::json writes them).
    auto trade_id = ++last_trade_id_;
    const char* side = rng_.chance(buy_share) ? "BUY" : "SELL";
    double shown_price = std::max(kMinPrice, round_to<2>(price));
    auto shares = quantity();
    JsonObjectWriter(out.json)
        .field("price", shown_price)
        .field("quantity", shares)
        .field("side", side)
        .field("symbol", symbol)
        .field("timestamp", time.iso)
        .field("trade_id", trade_id);
    out.key = symbol;
    out.timestamp_ms = time.ms;
    return Status::ok();
  }

 private:
  // Log-uniform between min and max: many small trades, a few large ones.
  std::int64_t quantity() {
    auto drawn =
        static_cast<std::int64_t>(std::exp(rng_.uniform(log_min_quantity_, log_max_quantity_)));
    return std::clamp(drawn, settings_.min_quantity, settings_.max_quantity);
  }

  StockSettings settings_;
  SeededRng rng_;
  GbmStep step_;
  double log_min_quantity_;
  double log_max_quantity_;
  std::vector<PriceWalk> walks_;  // one per symbol, same order
  EventClock clock_;
  std::int64_t last_trade_id_ = 0;  // trade ids count up from 1, unique per source instance
};

}  // namespace
}  // namespace streamweaver::sources::stock

STREAMWEAVER_SOURCE_PLUGIN(streamweaver::sources::stock::StockSource, {
    .name = "stock",
    .version = "1.0.0",
    .description = "Stock trades (trade_id, symbol, side, price, quantity, timestamp); prices "
                   "follow a geometric Brownian motion per symbol. Key: symbol",
    .options = {
        {.name = "symbols", .type = streamweaver::OptionType::string_list,
         .default_value = {"AAPL", "GOOGL", "MSFT", "AMZN", "TSLA", "NVDA", "META", "NFLX"},
         .description = "Ticker symbols to trade; each trade picks one uniformly"},
        {.name = "start_prices", .type = streamweaver::OptionType::table,
         .default_value = {{"AAPL", 189.84}, {"GOOGL", 141.80}, {"MSFT", 378.85},
                           {"AMZN", 153.42}, {"TSLA", 248.48}, {"NVDA", 495.22},
                           {"META", 353.96}, {"NFLX", 486.88}},
         .description = "Opening price per symbol in USD, e.g. { AAPL = 189.84 }"},
        {.name = "fallback_start_price", .type = streamweaver::OptionType::number,
         .default_value = 100.0,
         .description = "Opening price in USD for a symbol missing from start_prices"},
        {.name = "annual_drift", .type = streamweaver::OptionType::number,
         .default_value = 0.05,
         .description = "GBM drift mu per trading year (0.05 = +5 % a year), in [-10, 10]"},
        {.name = "annual_volatility", .type = streamweaver::OptionType::number,
         .default_value = 0.3,
         .description = "GBM volatility sigma per trading year (0.3 = 30 %), in (0, 5]. A "
                        "trading year is 252 days of 6.5 hours; per trade a price moves by "
                        "sigma * sqrt(tick_interval)"},
        {.name = "tick_interval_ms", .type = streamweaver::OptionType::integer,
         .default_value = 1000,
         .description = "Simulated market time between two trades of one symbol (the GBM "
                        "time step), independent of the source's rate"},
        {.name = "min_quantity", .type = streamweaver::OptionType::integer,
         .default_value = 1,
         .description = "Smallest trade size in shares"},
        {.name = "max_quantity", .type = streamweaver::OptionType::integer,
         .default_value = 1000,
         .description = "Largest trade size in shares; sizes are log-uniform in between"},
        streamweaver::sources::seed_option(),
    },
    .display = {.title = "Stock trades",
                .chart = {{"price", "USD"}, {"quantity", "shares"}},
                .series = "symbol",
                .breakdown = "side"},
})
