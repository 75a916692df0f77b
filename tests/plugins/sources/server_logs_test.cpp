#include <map>
#include <set>

#include "source_test_support.hpp"

namespace sources_test {
namespace {

const Contract kLogLine{{"timestamp", Kind::string}, {"host", Kind::string},
                        {"method", Kind::string},    {"path", Kind::string},
                        {"status", Kind::integer},   {"latency_ms", Kind::number},
                        {"bytes", Kind::integer},    {"client_ip", Kind::string},
                        {"user_agent", Kind::string}, {"trace_id", Kind::string}};

class ServerLogsTest : public testing::Test {
 protected:
  sw::testkit::LoadedPlugin plugin_ = sw::testkit::load(SERVER_LOGS_PLUGIN_PATH);
};

bool is_ipv4(const std::string& text) {
  int parts = 0, digits = 0, value = 0;
  for (char c : text) {
    if (c == '.') {
      if (digits == 0) return false;
      ++parts, digits = 0, value = 0;
    } else if (c >= '0' && c <= '9' && digits < 3) {
      ++digits, value = value * 10 + (c - '0');
      if (value > 255) return false;
    } else {
      return false;
    }
  }
  return parts == 3 && digits > 0;
}

bool is_lower_hex(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

TEST_F(ServerLogsTest, DeclaresDocumentedOptions) { expect_documented_options(plugin_); }

TEST_F(ServerLogsTest, LinesFollowTheContract) {
  const std::set<std::string> hosts{"api-1", "api-2", "api-3", "api-4"};
  const std::set<std::string> methods{"GET", "POST", "PUT", "DELETE"};
  std::set<std::string> trace_ids;
  for (const auto& record : take(plugin_, {{"seed", 1}}, 5000)) {
    ASSERT_TRUE(matches_contract(record.value, kLogLine));
    ASSERT_TRUE(is_event_time(record));
    const auto& line = record.value;
    auto path = line["path"].get<std::string>();
    auto trace_id = line["trace_id"].get<std::string>();
    EXPECT_EQ(record.key, line["host"]);
    EXPECT_TRUE(hosts.count(line["host"].get<std::string>())) << line;
    EXPECT_TRUE(methods.count(line["method"].get<std::string>())) << line;
    EXPECT_EQ(path.front(), '/') << line;
    EXPECT_EQ(path.find('{'), std::string::npos) << "unfilled slot: " << line;
    EXPECT_GE(line["status"], 200);
    EXPECT_LE(line["status"], 599);
    EXPECT_GT(line["latency_ms"], 0.0);
    EXPECT_GE(line["bytes"], 0);
    if (line["status"] == 204) {
      EXPECT_EQ(line["bytes"], 0);
    }
    EXPECT_TRUE(is_ipv4(line["client_ip"])) << line;
    EXPECT_FALSE(line["user_agent"].get<std::string>().empty());
    EXPECT_EQ(trace_id.size(), 32u);
    EXPECT_TRUE(is_lower_hex(trace_id)) << line;
    EXPECT_TRUE(trace_ids.insert(trace_id).second) << "repeated trace id " << trace_id;
  }
}

TEST_F(ServerLogsTest, SameSeedGivesSameLines) {
  json options{{"seed", 7}};
  EXPECT_EQ(seeded_part(take(plugin_, options, 500)), seeded_part(take(plugin_, options, 500)));
}

TEST_F(ServerLogsTest, DifferentSeedsGiveDifferentLines) {
  EXPECT_NE(seeded_part(take(plugin_, {{"seed", 7}}, 100)),
            seeded_part(take(plugin_, {{"seed", 8}}, 100)));
}

TEST_F(ServerLogsTest, RefusesBadOptionValues) {
  EXPECT_EQ(refusal(plugin_, {{"error_4xx_ratio", 1.5}}),
            "server_logs: option 'error_4xx_ratio' must be in [0, 1], got 1.5");
  EXPECT_EQ(refusal(plugin_, {{"error_4xx_ratio", 0.7}, {"error_5xx_ratio", 0.6}}),
            "server_logs: option 'error_5xx_ratio' plus error_4xx_ratio must be <= 1, "
            "got 0.6 + 0.7");
  EXPECT_EQ(refusal(plugin_, {{"latency_sigma", 0}}),
            "server_logs: option 'latency_sigma' must be in (0, 3], got 0");
  EXPECT_EQ(refusal(plugin_, {{"burst_length_records", 0}}),
            "server_logs: option 'burst_length_records' must be in [1, 1000000000], got 0");
  EXPECT_EQ(refusal(plugin_, {{"burst_latency_multiplier", 0.5}}),
            "server_logs: option 'burst_latency_multiplier' must be in [1, 100], got 0.5");
  EXPECT_EQ(refusal(plugin_, {{"hosts", {"api-1", "api-1"}}}),
            "server_logs: option 'hosts' lists 'api-1' twice");
  EXPECT_EQ(refusal(plugin_, {{"seed", 1}}), "");
}

TEST_F(ServerLogsTest, ErrorSharesMatchTheConfiguredRatios) {
  constexpr int kLines = 50'000;
  auto source = plugin_.make_source({{"seed", 2},
                                     {"error_4xx_ratio", 0.08},
                                     {"error_5xx_ratio", 0.03},
                                     {"burst_probability", 0.0}});
  int client_errors = 0, server_errors = 0;
  for_each_record(*source, kLines, [&](const sw::Record& record) {
    int status = record.value["status"];
    client_errors += status >= 400 && status < 500;
    server_errors += status >= 500;
  });
  // Binomial standard deviations are 0.0012 and 0.0008: these bounds are about 5 of them.
  EXPECT_NEAR(share(client_errors, kLines), 0.08, 0.006);
  EXPECT_NEAR(share(server_errors, kLines), 0.03, 0.004);
}

TEST_F(ServerLogsTest, NoErrorsWhenRatiosAreZero) {
  for (const auto& record : take(plugin_,
                                 {{"seed", 3}, {"error_4xx_ratio", 0.0}, {"error_5xx_ratio", 0.0},
                                  {"burst_probability", 0.0}},
                                 5000))
    EXPECT_LT(record.value["status"], 400) << record.value;
}

TEST_F(ServerLogsTest, BurstFailsAndSlowsOneHost) {
  // A burst starts at the first record and lasts exactly the 1000 records taken.
  std::map<std::string, int> lines_of, server_errors_of;
  std::map<std::string, std::vector<double>> latencies_of;
  for (const auto& record : take(plugin_,
                                 {{"seed", 4}, {"error_4xx_ratio", 0.0}, {"error_5xx_ratio", 0.0},
                                  {"burst_probability", 1.0}, {"burst_length_records", 1000},
                                  {"burst_5xx_ratio", 0.5}, {"burst_latency_multiplier", 6.0}},
                                 1000)) {
    ++lines_of[record.key];
    server_errors_of[record.key] += record.value["status"] >= 500;
    if (record.value["status"] < 500)
      latencies_of[record.key].push_back(record.value["latency_ms"]);
  }
  std::vector<std::string> failing;
  for (const auto& [host, errors] : server_errors_of)
    if (errors > 0) failing.push_back(host);
  ASSERT_EQ(failing.size(), 1u);
  const auto& sick = failing.front();
  EXPECT_NEAR(share(server_errors_of[sick], lines_of[sick]), 0.5, 0.1);
  for (const auto& [host, latencies] : latencies_of) {
    if (host != sick) {
      EXPECT_GT(median_of(latencies_of[sick]), 3 * median_of(latencies)) << host;
    }
  }
}

TEST_F(ServerLogsTest, DefaultBurstsRaiseServerErrorsAboveTheBaseRatio) {
  constexpr int kLines = 50'000;
  auto source = plugin_.make_source({{"seed", 5}, {"burst_probability", 0.001}});
  int server_errors = 0;
  for_each_record(*source, kLines, [&](const sw::Record& record) {
    server_errors += record.value["status"] >= 500;
  });
  // About half the time one of four hosts bursts at 35 % 5xx: roughly 1 % + 4 % on top.
  EXPECT_GT(share(server_errors, kLines), 0.02);
}

TEST_F(ServerLogsTest, LatencyHasALongTail) {
  std::vector<double> latencies;
  for (const auto& record : take(plugin_, {{"seed", 6}, {"burst_probability", 0.0}}, 20'000))
    latencies.push_back(record.value["latency_ms"]);
  std::sort(latencies.begin(), latencies.end());
  double p50 = latencies[latencies.size() / 2], p99 = latencies[latencies.size() * 99 / 100];
  EXPECT_GT(p50, 10.0);
  EXPECT_LT(p50, 100.0);
  EXPECT_GT(p99, 4 * p50);
}

}  // namespace
}  // namespace sources_test
