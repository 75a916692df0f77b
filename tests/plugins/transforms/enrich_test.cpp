#include <unistd.h>

#include <climits>
#include <regex>

#include <gtest/gtest.h>

#include "transform_harness.hpp"

namespace sw = streamweaver;
using nlohmann::json;
using transform_tests::feed;
using transform_tests::make_record;
using transform_tests::refusal;

namespace {

const sw::testkit::LoadedPlugin& enrich_plugin() {
  return transform_tests::load_once(ENRICH_PLUGIN_PATH);
}

const json kTrade = {{"symbol", "AAPL"}, {"price", 178.5}, {"user", {{"id", 7}}}};

json enrich(json options, json value = kTrade) {
  auto transform = enrich_plugin().make_transform(std::move(options));
  auto out = feed(*transform, make_record(std::move(value), 1));
  if (out.size() != 1) throw std::runtime_error("expected one record");
  return out[0].value;
}

sw::Status status_of(json options, json value) {
  auto transform = enrich_plugin().make_transform(std::move(options));
  sw::testkit::CapturingEmitter out;
  return transform->process(make_record(std::move(value)), out);
}

}  // namespace

TEST(Enrich, DescribesItself) {
  const auto& info = enrich_plugin().descriptor().info;
  EXPECT_EQ(info.name, "enrich");
  for (const auto& option : info.options) EXPECT_FALSE(option.description.empty()) << option.name;
}

TEST(Enrich, DefaultsChangeNothing) {
  auto transform = enrich_plugin().make_transform();
  sw::Record in = make_record(kTrade, 42, "AAPL");
  in.headers.push_back({"h", "v"});
  auto out = feed(*transform, in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].value, kTrade);
  EXPECT_EQ(out[0].key, "AAPL");
  EXPECT_EQ(out[0].timestamp_ms, 42);
  EXPECT_EQ(out[0].headers.size(), 1u);
}

TEST(Enrich, AddsProcessingTime) {
  const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)");
  auto value = enrich({{"add_processed_at", true}});
  ASSERT_TRUE(value["processed_at"].is_string());
  EXPECT_TRUE(std::regex_match(value["processed_at"].get<std::string>(), iso))
      << value["processed_at"];
  const std::string today = sw::iso8601_utc(sw::now_ms() * 1000).substr(0, 10);
  EXPECT_EQ(value["processed_at"].get<std::string>().substr(0, 10), today);

  value = enrich({{"add_processed_at", true}, {"processed_at_field", "meta.seen_at"}});
  EXPECT_TRUE(std::regex_match(value["meta"]["seen_at"].get<std::string>(), iso));
  EXPECT_FALSE(value.contains("processed_at"));
}

TEST(Enrich, AddsHostName) {
  char name[HOST_NAME_MAX + 1] = {};
  ASSERT_EQ(gethostname(name, sizeof name - 1), 0);
  auto value = enrich({{"add_host", true}});
  EXPECT_EQ(value["processed_by"], name);
  value = enrich({{"add_host", true}, {"host_field", "instance"}});
  EXPECT_EQ(value["instance"], name);
  EXPECT_FALSE(value.contains("processed_by"));
}

TEST(Enrich, SetsStaticValuesIncludingNestedOnes) {
  auto value =
      enrich({{"set", {{"env", "prod"}, {"meta.version", 2}, {"flags", {1, 2}}, {"price", 1.0}}}});
  EXPECT_EQ(value["env"], "prod");
  EXPECT_EQ(value["meta"], json({{"version", 2}}));
  EXPECT_EQ(value["flags"], json({1, 2}));
  EXPECT_EQ(value["price"], 1.0);  // overwrites
  EXPECT_EQ(value["symbol"], "AAPL");
}

TEST(Enrich, CopiesFields) {
  auto value = enrich({{"copy", {{"symbol", "ticker"}, {"user.id", "user_id"}, {"nope", "x"}}}});
  EXPECT_EQ(value["symbol"], "AAPL");
  EXPECT_EQ(value["ticker"], "AAPL");
  EXPECT_EQ(value["user"]["id"], 7);
  EXPECT_EQ(value["user_id"], 7);
  EXPECT_FALSE(value.contains("x"));  // missing source: skipped
}

TEST(Enrich, RenamesFields) {
  auto value = enrich({{"rename", {{"price", "px"}, {"user.id", "account.id"}, {"nope", "x"}}}});
  EXPECT_FALSE(value.contains("price"));
  EXPECT_EQ(value["px"], 178.5);
  EXPECT_EQ(value["user"], json::object());
  EXPECT_EQ(value["account"]["id"], 7);
  EXPECT_FALSE(value.contains("x"));
}

TEST(Enrich, AppliesCopyThenRenameThenSet) {
  auto value = enrich({{"copy", {{"symbol", "copied"}}},
                       {"rename", {{"symbol", "renamed"}}},
                       {"set", {{"renamed", "fixed"}}}});
  EXPECT_EQ(value["copied"], "AAPL");
  EXPECT_FALSE(value.contains("symbol"));
  EXPECT_EQ(value["renamed"], "fixed");
}

TEST(Enrich, RejectsWhatItCannotEnrich) {
  auto status = status_of({{"set", {{"a", 1}}}}, json::array({1}));
  EXPECT_EQ(status.code(), sw::Status::Code::rejected);
  EXPECT_EQ(status.message(), "value is not a JSON object");

  status = status_of({{"set", {{"price.currency", "USD"}}}}, kTrade);
  EXPECT_EQ(status.code(), sw::Status::Code::rejected);
  EXPECT_EQ(status.message(), "cannot set 'price.currency': a parent field is not an object");
}

TEST(Enrich, RefusesBadOptions) {
  EXPECT_EQ(refusal(enrich_plugin(), {{"copy", {{"a", 5}}}}),
            "enrich: option 'copy' maps 'a' to a number; expected a field name");
  EXPECT_EQ(refusal(enrich_plugin(), {{"rename", {{"a..b", "c"}}}}),
            "enrich: option 'rename' has an invalid field name 'a..b'");
  EXPECT_EQ(refusal(enrich_plugin(), {{"rename", {{"a", ""}}}}),
            "enrich: option 'rename' has an invalid field name ''");
  EXPECT_EQ(refusal(enrich_plugin(), {{"set", {{".x", 1}}}}),
            "enrich: option 'set' has an invalid field name '.x'");
  EXPECT_EQ(refusal(enrich_plugin(), {{"processed_at_field", ""}}),
            "enrich: option 'processed_at_field' is not a valid field name");
  EXPECT_EQ(refusal(enrich_plugin(), {{"add_host", "yes"}}),
            "option 'add_host' must be a boolean, got string");
  EXPECT_EQ(refusal(enrich_plugin(), {{"set", "env=prod"}}),
            "option 'set' must be a table, got string");
}
