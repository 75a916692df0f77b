// The bridge reads older records from Kafka: a client that resumes after a disconnect, asks
// for records since a time, or from the earliest, gets exactly those, then the live stream,
// with no gap and no duplicate, even when the bridge's ring holds far fewer.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "bridge/protocol.hpp"
#include "support/running_host.hpp"
#include "support/running_pipeline.hpp"
#include "support/topic_reader.hpp"
#include "test_client.hpp"

using namespace streamweaver;
using namespace std::chrono_literals;
using nlohmann::json;
using test_support::eventually;

namespace {

std::string counter_pipeline(int rate, std::int64_t limit, const std::string& bridge_extra = "") {
  return R"(
[kafka]
brokers = "embedded"
[topics.counts]
partitions = 2
[sources.counter]
plugin = "counter"
topic = "counts"
rate = )" + std::to_string(rate) + R"(
[sources.counter.options]
limit = )" + std::to_string(limit) + R"(
[bridge]
listen = "127.0.0.1:0"
topics = ["counts"]
replay_records = 200
)" + bridge_extra;
}

// What a client received: data records in arrival order.
struct Received {
  std::vector<json> records;
  std::map<std::int32_t, std::int64_t> last;  // per partition, the last offset seen

  void add(const json& frame) {
    if (frame.is_array()) {
      for (const auto& f : frame) add(f);
      return;
    }
    if (frame.contains("op")) {
      ASSERT_NE(frame["op"], "error") << frame;
      return;
    }
    records.push_back(frame);
    last[frame["partition"]] = frame["offset"];
  }
  // Reads until `done`; throws on the client's deadline.
  void read_until(test::WsClient& ws, const std::function<bool()>& done) {
    while (!done()) add(ws.read_json(30s));
  }
  std::size_t size() const { return records.size(); }
};

// Per partition, offsets exactly from `first` on, each once, in order.
void expect_contiguous(const Received& received, const std::map<std::int32_t, std::int64_t>& first) {
  std::map<std::int32_t, std::int64_t> expected = first;
  for (const auto& r : received.records) {
    std::int32_t partition = r["partition"];
    ASSERT_TRUE(expected.contains(partition)) << "partition " << partition << " unexpected";
    ASSERT_EQ(r["offset"].get<std::int64_t>(), expected[partition]) << "partition " << partition;
    ++expected[partition];
  }
}

std::string resume_message(const std::map<std::int32_t, std::int64_t>& last) {
  json offsets = json::object();
  for (const auto& [partition, offset] : last) offsets[std::to_string(partition)] = offset;
  return json{{"op", "subscribe"}, {"resume", {{"counts", offsets}}}}.dump();
}

std::pair<std::int32_t, std::int64_t> position(const json& frame) {
  return {frame["partition"].get<std::int32_t>(), frame["offset"].get<std::int64_t>()};
}

std::int64_t sum(const std::map<std::int32_t, std::int64_t>& offsets) {
  std::int64_t n = 0;
  for (const auto& [p, o] : offsets) n += o + 1;
  return n;
}

}  // namespace

TEST(BridgeHistory, AResumeAfterADisconnectGetsExactlyTheMissedRecordsThenLive) {
  test_support::RunningHost running(counter_pipeline(2000, 1'000'000'000));
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  Received before;
  before.last = {{0, -1}, {1, -1}};  // -1: none seen (the keys may all land in one partition)
  {
    test::WsClient ws(running.port(), "/ws?topics=counts");
    before.read_until(ws, [&] { return before.size() >= 500; });
  }
  // 5,000 records go by while no client is connected: far more than the ring's 200.
  auto at_disconnect = test_support::topic_size(bootstrap, "counts");
  ASSERT_TRUE(eventually([&] { return test_support::topic_size(bootstrap, "counts") >= at_disconnect + 5000; }, 60s));

  test::WsClient ws(running.port());
  ws.send(resume_message(before.last));
  auto at_resume = test_support::topic_size(bootstrap, "counts");
  Received after;
  // Until well past where Kafka was at the resume: the catch-up handed over to live.
  after.read_until(ws, [&] { return static_cast<std::int64_t>(after.size()) >= at_resume - sum(before.last) + 1000; });
  std::map<std::int32_t, std::int64_t> first;
  for (const auto& [p, o] : before.last) first[p] = o + 1;
  expect_contiguous(after, first);
}

TEST(BridgeHistory, FromEarliestAndSinceATimeGetExactlyThoseRecords) {
  constexpr std::int64_t kRecords = 3000;
  test_support::RunningHost running(counter_pipeline(0, kRecords));
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  ASSERT_TRUE(eventually([&] { return test_support::topic_size(bootstrap, "counts") == kRecords; }, 60s));

  test::WsClient all_ws(running.port(), "/ws?topics=counts&from=earliest");
  Received all;
  all.read_until(all_ws, [&] { return all.size() == kRecords; });
  expect_contiguous(all, {{0, 0}, {1, 0}});
  std::set<std::int64_t> numbers;
  for (const auto& r : all.records) numbers.insert(r["value"]["n"].get<std::int64_t>());
  EXPECT_EQ(numbers.size(), kRecords);

  // Since the timestamp of a record in the middle: exactly those at or after it.
  std::vector<std::int64_t> times;
  for (const auto& r : all.records) times.push_back(r["timestamp"]);
  std::sort(times.begin(), times.end());
  auto since = times[kRecords / 2];
  std::set<std::pair<std::int32_t, std::int64_t>> expected;
  for (const auto& r : all.records)
    if (r["timestamp"].get<std::int64_t>() >= since) expected.insert(position(r));

  test::WsClient since_ws(running.port(), "/ws?topics=counts&since_ms=" + std::to_string(since));
  Received got;
  got.read_until(since_ws, [&] { return got.size() == expected.size(); });
  std::set<std::pair<std::int32_t, std::int64_t>> positions;
  for (const auto& r : got.records) positions.insert(position(r));
  EXPECT_EQ(positions, expected);
  EXPECT_EQ(positions.size(), got.size());  // no duplicate
  // And nothing more: the next message is the answer to a request sent after it.
  since_ws.send(R"({"op":"subscribe","topics":[]})");
  EXPECT_EQ(since_ws.read_json()["op"], "subscribed");
}

TEST(BridgeHistory, ACatchUpOverTheCapIsRefusedNamingIt) {
  test_support::RunningHost running(counter_pipeline(0, 3000, "max_catchup_records = 1000\n"));
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  ASSERT_TRUE(eventually([&] { return test_support::topic_size(bootstrap, "counts") == 3000; }, 60s));
  test::WsClient ws(running.port(), "/ws?topics=counts&from=earliest");
  EXPECT_EQ(ws.read_json()["op"], "subscribed");
  auto error = ws.read_json();
  EXPECT_EQ(error["op"], "error");
  EXPECT_EQ(error["message"],
            "catch-up on 'counts' needs 3000 records, more than [bridge] max_catchup_records "
            "(1000); ask for a later position");
  ws.send(R"({"op":"subscribe","topics":[]})");
  EXPECT_EQ(ws.read_json(), (json{{"op", "subscribed"}, {"topics", json::array()}}));  // dropped
}

TEST(BridgeHistory, AClientThatReadsSlowlyDuringItsCatchUpDoesNotHoldUpLiveClients) {
  test_support::RunningHost running(counter_pipeline(1000, 1'000'000'000, "max_queue_bytes = 65536\n"));
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  ASSERT_TRUE(eventually([&] { return test_support::topic_size(bootstrap, "counts") >= 5000; }, 60s));
  // Never reads: its queue fills and its catch-up waits for room.
  test::WsClient slow(running.port(), "/ws?topics=counts&from=earliest", 4096);
  Received live;
  test::WsClient live_ws(running.port(), "/ws?topics=counts");
  auto start_size = test_support::topic_size(bootstrap, "counts");
  // The live client gets records newer than anything the slow one has been sent.
  live.read_until(live_ws, [&] {
    return live.size() >= 2000;
  });
  std::int64_t newest = 0;
  for (const auto& [p, o] : live.last) newest += o + 1;
  EXPECT_GT(newest, start_size);
  EXPECT_EQ(running.health()["status"], "ok");
}

TEST(BridgeHistory, AnSseClientResumesExactlyFromItsLastEventId) {
  test_support::RunningHost running(counter_pipeline(2000, 1'000'000'000));
  auto bootstrap = running.health()["kafka"]["bootstrap"].get<std::string>();
  std::string last_id;
  Received before;
  {
    // Both partitions named (-1: none seen), as a client that knows them would resume.
    test::SseClient sse(running.port(), "/sse?topics=counts&resume=counts:0:-1,counts:1:-1");
    ASSERT_EQ(sse.status(), 200u);
    while (before.size() < 300) {
      auto event = sse.next(30s);
      if (event.event != "message") continue;
      before.add(json::parse(event.data));
      last_id = event.id;
    }
  }
  auto at_disconnect = test_support::topic_size(bootstrap, "counts");
  ASSERT_TRUE(eventually([&] { return test_support::topic_size(bootstrap, "counts") >= at_disconnect + 3000; }, 60s));
  test::SseClient sse(running.port(), "/sse?topics=counts", last_id);
  ASSERT_EQ(sse.status(), 200u);
  auto positions = bridge::parse_positions(last_id)["counts"];
  Received after;
  auto wanted = test_support::topic_size(bootstrap, "counts") - sum(positions) + 500;
  while (static_cast<std::int64_t>(after.size()) < wanted) {
    auto event = sse.next(30s);
    if (event.event == "message") after.add(json::parse(event.data));
  }
  std::map<std::int32_t, std::int64_t> first{{0, 0}, {1, 0}};
  for (const auto& [p, o] : positions) first[p] = o + 1;
  expect_contiguous(after, first);
}
