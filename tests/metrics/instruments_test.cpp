#include "metrics/instruments.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace streamweaver::metrics;

TEST(Counter, CountsFromManyThreadsWithoutLoss) {
  Counter c;
  std::vector<std::jthread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&c] {
      for (int i = 0; i < 10000; ++i) c.inc();
    });
  threads.clear();  // joins
  c.inc(5);
  EXPECT_EQ(c.value(), 40005u);
}

TEST(Gauge, SetsAndAdds) {
  Gauge g;
  g.set(10);
  g.add(-3);
  EXPECT_EQ(g.value(), 7);
}

TEST(Histogram, BucketsAreLessOrEqualAndCumulative) {
  Histogram h({1, 5, 10});
  for (double v : {0.5, 1.0, 3.0, 10.0, 11.0, 100.0}) h.observe(v);
  auto s = h.snapshot();
  EXPECT_EQ(s.cumulative, (std::vector<std::uint64_t>{2, 3, 4, 6}));
  EXPECT_EQ(s.count, 6u);
  EXPECT_DOUBLE_EQ(s.sum, 125.5);
}

TEST(Histogram, IgnoresNaN) {
  Histogram h({1});
  h.observe(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(h.snapshot().count, 0u);
}

TEST(Histogram, RejectsUnsortedOrInfiniteBounds) {
  EXPECT_THROW(Histogram({2, 1}), std::invalid_argument);
  EXPECT_THROW(Histogram({1, 1}), std::invalid_argument);
  EXPECT_THROW(Histogram({1, std::numeric_limits<double>::infinity()}), std::invalid_argument);
}
