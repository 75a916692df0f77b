#include <gtest/gtest.h>

#include <streamweaver/options.hpp>

namespace sw = streamweaver;

namespace {
std::vector<sw::OptionSpec> specs() {
  return {
      {.name = "symbols", .type = sw::OptionType::string_list, .default_value = {"A", "B"}},
      {.name = "rate_hz", .type = sw::OptionType::number, .default_value = 1.5},
      {.name = "seed", .type = sw::OptionType::integer, .required = true},
  };
}
}  // namespace

TEST(ResolveOptions, FillsDefaultsAndKeepsGivenValues) {
  nlohmann::json given = {{"seed", 3}, {"rate_hz", 2}};
  EXPECT_TRUE(sw::resolve_options(specs(), given).empty());
  EXPECT_EQ(given["symbols"], nlohmann::json({"A", "B"}));
  EXPECT_EQ(given["rate_hz"], 2);  // an integer is a fine number
}

TEST(ResolveOptions, ReportsUnknownMissingAndWrongType) {
  nlohmann::json given = {{"symbol", "A"}, {"rate_hz", "fast"}};
  auto problems = sw::resolve_options(specs(), given);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], "unknown option 'symbol'");
  EXPECT_EQ(problems[1], "option 'rate_hz' must be a number, got string");
  EXPECT_EQ(problems[2], "missing required option 'seed'");
}

TEST(OptionsFits, ListsCheckEveryItem) {
  EXPECT_TRUE(sw::fits(sw::OptionType::number_list, nlohmann::json({1, 2.5})));
  EXPECT_FALSE(sw::fits(sw::OptionType::number_list, nlohmann::json({1, "x"})));
  EXPECT_FALSE(sw::fits(sw::OptionType::integer, nlohmann::json(1.5)));
}
