#include <gtest/gtest.h>

#include "pipeline/pacer.hpp"

using streamweaver::pipeline::Pacer;
using namespace std::chrono_literals;

namespace {

// Drives a pacer over simulated time in `step`s and counts what it lets through.
std::uint64_t events_over(double rate, std::chrono::nanoseconds span, std::chrono::nanoseconds step) {
  auto start = Pacer::Clock::time_point{};
  Pacer pacer(rate, start);
  std::uint64_t total = 0;
  for (auto t = start; t < start + span; t += step) {
    auto due = pacer.due(t);
    pacer.taken(due);
    total += due;
  }
  return total;
}

}  // namespace

TEST(Pacer, HoldsLowRates) {
  EXPECT_EQ(events_over(0.1, 100s, 10ms), 10u);  // one every 10 s, the first at once
  EXPECT_EQ(events_over(1, 10s, 1ms), 10u);
}

TEST(Pacer, HoldsHighRatesWithinOnePercent) {
  for (double rate : {1'000.0, 100'000.0, 250'000.0}) {
    auto total = static_cast<double>(events_over(rate, 10s, 1ms));
    EXPECT_NEAR(total, rate * 10, rate * 10 * 0.01) << rate;
  }
}

TEST(Pacer, NextDueIsWhenTheNextEventIsScheduled) {
  auto start = Pacer::Clock::time_point{};
  Pacer pacer(4, start);
  pacer.taken(pacer.due(start));
  EXPECT_EQ(pacer.next_due(), start + 250ms);
  EXPECT_EQ(pacer.due(start + 249ms), 0u);
  EXPECT_EQ(pacer.due(start + 250ms), 1u);
}

TEST(Pacer, CatchesUpAtMostOneSecondAfterAStall) {
  auto start = Pacer::Clock::time_point{};
  Pacer pacer(100, start);
  pacer.taken(pacer.due(start));
  EXPECT_EQ(pacer.due(start + 60s), 101u);  // not 6000
}

TEST(Pacer, ZeroRateIsUnbounded) {
  Pacer pacer(0);
  EXPECT_TRUE(pacer.unbounded());
  EXPECT_GT(pacer.due(Pacer::Clock::now()), 100u);
}
