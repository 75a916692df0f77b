#include <cmath>
#include <map>
#include <set>

#include "source_test_support.hpp"

namespace sources_test {
namespace {

// Trading-year length the stock plugin documents for its annual drift and volatility.
constexpr double kSecondsPerTradingYear = 252.0 * 6.5 * 3600.0;

const Contract kTrade{{"trade_id", Kind::integer}, {"symbol", Kind::string},
                      {"side", Kind::string},      {"price", Kind::number},
                      {"quantity", Kind::integer}, {"timestamp", Kind::string}};

class StockTest : public testing::Test {
 protected:
  sw::testkit::LoadedPlugin plugin_ = sw::testkit::load(STOCK_PLUGIN_PATH);
};

// Log-returns between consecutive trades of the only symbol in `options`.
std::vector<double> log_returns(const sw::testkit::LoadedPlugin& plugin, json options,
                                std::size_t steps) {
  auto source = plugin.make_source(std::move(options));
  std::vector<double> returns;
  double previous = 0;
  for_each_record(*source, steps + 1, [&](const sw::Record& record) {
    double price = record.value["price"];
    if (previous > 0) returns.push_back(std::log(price / previous));
    previous = price;
  });
  return returns;
}

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double stddev_of(const std::vector<double>& values) {
  double mean = mean_of(values), squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

TEST_F(StockTest, DeclaresDocumentedOptions) { expect_documented_options(plugin_); }

TEST_F(StockTest, TradesFollowTheContract) {
  const std::set<std::string> symbols{"AAPL", "GOOGL", "MSFT", "AMZN",
                                      "TSLA", "NVDA",  "META", "NFLX"};
  std::int64_t last_id = 0;
  for (const auto& record : take(plugin_, {{"seed", 1}}, 2000)) {
    ASSERT_TRUE(matches_contract(record.value, kTrade));
    ASSERT_TRUE(is_event_time(record));
    const auto& trade = record.value;
    EXPECT_EQ(record.key, trade["symbol"]);
    EXPECT_TRUE(symbols.count(trade["symbol"])) << trade;
    EXPECT_TRUE(trade["side"] == "BUY" || trade["side"] == "SELL") << trade;
    double price = trade["price"];
    EXPECT_GE(price, 0.01);
    EXPECT_NEAR(price * 100, std::round(price * 100), 1e-6) << "not whole cents: " << price;
    EXPECT_GE(trade["quantity"], 1);
    EXPECT_LE(trade["quantity"], 1000);
    EXPECT_GT(trade["trade_id"], last_id);
    last_id = trade["trade_id"];
  }
}

TEST_F(StockTest, StartsAtConfiguredPricesWithFallback) {
  std::map<std::string, double> first_price;
  for (const auto& record : take(plugin_,
                                 {{"seed", 2},
                                  {"symbols", {"AAPL", "ACME"}},
                                  {"start_prices", {{"AAPL", 200.0}}},
                                  {"fallback_start_price", 42.0}},
                                 50))
    first_price.emplace(record.key, record.value["price"].get<double>());
  ASSERT_EQ(first_price.size(), 2u);
  EXPECT_NEAR(first_price["AAPL"], 200.0, 2.0);
  EXPECT_NEAR(first_price["ACME"], 42.0, 0.5);
}

TEST_F(StockTest, SameSeedGivesSameTrades) {
  json options{{"seed", 7}};
  EXPECT_EQ(seeded_part(take(plugin_, options, 500)), seeded_part(take(plugin_, options, 500)));
}

TEST_F(StockTest, DifferentSeedsGiveDifferentTrades) {
  EXPECT_NE(seeded_part(take(plugin_, {{"seed", 7}}, 100)),
            seeded_part(take(plugin_, {{"seed", 8}}, 100)));
}

TEST_F(StockTest, RefusesBadOptionValues) {
  EXPECT_EQ(refusal(plugin_, {{"annual_volatility", 7}}),
            "stock: option 'annual_volatility' must be in (0, 5], got 7");
  EXPECT_EQ(refusal(plugin_, {{"annual_volatility", 0}}),
            "stock: option 'annual_volatility' must be in (0, 5], got 0");
  EXPECT_EQ(refusal(plugin_, {{"annual_drift", -12.5}}),
            "stock: option 'annual_drift' must be in [-10, 10], got -12.5");
  EXPECT_EQ(refusal(plugin_, {{"symbols", json::array()}}),
            "stock: option 'symbols' must not be empty");
  EXPECT_EQ(refusal(plugin_, {{"symbols", {"AAPL", "AAPL"}}}),
            "stock: option 'symbols' lists 'AAPL' twice");
  EXPECT_EQ(refusal(plugin_, {{"start_prices", {{"AAPL", -3}}}}),
            "stock: option 'start_prices.AAPL' must be in (0, 10000000], got -3");
  EXPECT_EQ(refusal(plugin_, {{"start_prices", {{"AAPL", "cheap"}}}}),
            "stock: option 'start_prices.AAPL' must be a number, got string");
  EXPECT_EQ(refusal(plugin_, {{"tick_interval_ms", 0}}),
            "stock: option 'tick_interval_ms' must be in [1, 86400000], got 0");
  EXPECT_EQ(refusal(plugin_, {{"min_quantity", 10}, {"max_quantity", 5}}),
            "stock: option 'max_quantity' must be >= min_quantity (10), got 5");
  EXPECT_EQ(refusal(plugin_, {{"seed", 1}}), "");
}

TEST_F(StockTest, PricesStayPositiveUnderExtremeVolatility) {
  // About 60 % per step and a strong downward drift: the walk hits the floor and must stay there.
  auto source = plugin_.make_source({{"seed", 3},
                                     {"annual_volatility", 5},
                                     {"annual_drift", -10},
                                     {"tick_interval_ms", 86'400'000}});
  double lowest = 1e300;
  for_each_record(*source, 100'000, [&](const sw::Record& record) {
    double price = record.value["price"];
    ASSERT_TRUE(std::isfinite(price));
    lowest = std::min(lowest, price);
  });
  EXPECT_DOUBLE_EQ(lowest, 0.01);
}

TEST_F(StockTest, LogReturnsHaveTheConfiguredVolatility) {
  constexpr double kVolatility = 1.5;
  constexpr std::int64_t kTickMs = 60'000;
  auto returns = log_returns(plugin_,
                             {{"seed", 4},
                              {"symbols", {"TEST"}},
                              {"fallback_start_price", 10'000.0},
                              {"annual_volatility", kVolatility},
                              {"annual_drift", 0.0},
                              {"tick_interval_ms", kTickMs}},
                             100'000);
  double expected = kVolatility * std::sqrt(kTickMs / 1000.0 / kSecondsPerTradingYear);
  // Sampling error is about 0.2 %; a wrong time unit or a missing sqrt is off by far more.
  EXPECT_NEAR(stddev_of(returns) / expected, 1.0, 0.05);
}

TEST_F(StockTest, DriftSetsTheMeanLogReturn) {
  constexpr double kDrift = 5, kVolatility = 0.01;
  constexpr std::int64_t kTickMs = 3'600'000;
  auto returns = log_returns(plugin_,
                             {{"seed", 5}, {"symbols", {"TEST"}}, {"fallback_start_price", 100.0},
                              {"annual_volatility", kVolatility}, {"annual_drift", kDrift},
                              {"tick_interval_ms", kTickMs}},
                             1000);
  double dt = kTickMs / 1000.0 / kSecondsPerTradingYear;
  double expected = (kDrift - kVolatility * kVolatility / 2) * dt;
  EXPECT_NEAR(mean_of(returns) / expected, 1.0, 0.03);
}

TEST_F(StockTest, BuyersDominateUpticks) {
  auto source =
      plugin_.make_source({{"seed", 6}, {"symbols", {"TEST"}}, {"fallback_start_price", 1000.0}});
  int upticks = 0, buys_on_uptick = 0;
  double previous = 0;
  for_each_record(*source, 20'000, [&](const sw::Record& record) {
    double price = record.value["price"];
    if (previous > 0 && price > previous) {
      ++upticks;
      buys_on_uptick += record.value["side"] == "BUY";
    }
    previous = price;
  });
  ASSERT_GT(upticks, 5000);
  EXPECT_NEAR(share(buys_on_uptick, upticks), 0.7, 0.03);
}

TEST_F(StockTest, QuantitiesAreMostlySmall) {
  std::vector<std::int64_t> quantities;
  for (const auto& record :
       take(plugin_, {{"seed", 9}, {"min_quantity", 1}, {"max_quantity", 10'000}}, 10'000))
    quantities.push_back(record.value["quantity"]);
  std::sort(quantities.begin(), quantities.end());
  EXPECT_GE(quantities.front(), 1);
  EXPECT_LE(quantities.back(), 10'000);
  EXPECT_GT(quantities.back(), 5'000);  // the range is used
  // Log-uniform: the median is near sqrt(10000) = 100, far below the midpoint.
  EXPECT_NEAR(static_cast<double>(quantities[quantities.size() / 2]), 100, 30);
}

}  // namespace
}  // namespace sources_test
