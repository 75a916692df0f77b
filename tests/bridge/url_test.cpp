#include "bridge/url.hpp"

#include <gtest/gtest.h>

using namespace streamweaver::bridge;

TEST(Url, SplitsPathAndQuery) {
  auto t = split_target("/ws?topics=a,b&replay=2");
  EXPECT_EQ(t.path, "/ws");
  EXPECT_EQ(t.query, "topics=a,b&replay=2");
  EXPECT_EQ(split_target("/x").query, "");
}

TEST(Url, PercentDecodes) {
  EXPECT_EQ(percent_decode("/%2e%2E/a%2Fb"), "/../a/b");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%00"), std::string(1, '\0'));
  EXPECT_FALSE(percent_decode("%zz"));
  EXPECT_FALSE(percent_decode("abc%2"));
  EXPECT_FALSE(percent_decode("%"));
}

TEST(Url, ParsesQuery) {
  auto q = parse_query("a=1&&b=x%20y&c");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 3u);
  EXPECT_EQ((*q)[1], (std::pair<std::string, std::string>{"b", "x y"}));
  EXPECT_EQ((*q)[2].second, "");
  EXPECT_FALSE(parse_query("a=%g1"));
}
