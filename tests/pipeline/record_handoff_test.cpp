#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/record_handoff.hpp"

using streamweaver::Record;
using streamweaver::pipeline::RecordHandoff;
using namespace std::chrono_literals;

namespace {

Record numbered(int i) {
  Record r;
  r.key = std::to_string(i);
  r.json = "{\"n\":" + std::to_string(i) + "}";
  return r;
}

// Takes batches until the handoff closes; the keys in the order they came.
std::vector<std::string> take_all(RecordHandoff& handoff) {
  std::vector<std::string> keys;
  std::vector<Record> batch;
  std::size_t count = 0;
  while (handoff.take(batch, count)) {
    for (std::size_t i = 0; i < count; ++i) {
      keys.push_back(batch[i].key);
      streamweaver::pipeline::clear(batch[i]);
    }
  }
  return keys;
}

}  // namespace

TEST(RecordHandoff, EveryRecordArrivesOnceAndInOrderAcrossBatches) {
  RecordHandoff handoff(7);  // full batches, and a partial one at the end
  std::thread maker([&] {
    for (int i = 0; i < 10'000; ++i) {
      auto record = numbered(i);
      handoff.add(record);
      if (i % 1000 == 999) handoff.flush();  // as a paced source does after each pull
    }
    handoff.flush();
    handoff.close();
  });
  auto keys = take_all(handoff);
  maker.join();
  ASSERT_EQ(keys.size(), 10'000u);
  for (int i = 0; i < 10'000; ++i) ASSERT_EQ(keys[i], std::to_string(i));
}

TEST(RecordHandoff, TheMakerGetsEmptyRecordsBack) {
  RecordHandoff handoff(2);
  std::vector<Record> batch;
  std::size_t count = 0;
  for (int round = 0; round < 3; ++round) {  // batches go round: records come back cleared
    for (int i = 0; i < 2; ++i) {
      auto record = numbered(i);
      handoff.add(record);
      EXPECT_TRUE(record.key.empty() && record.json.empty()) << "round " << round;
    }
    ASSERT_TRUE(handoff.take(batch, count));
    EXPECT_EQ(count, 2u);
    EXPECT_EQ(batch[1].json, "{\"n\":1}");
    for (auto& r : batch) streamweaver::pipeline::clear(r);
  }
}

TEST(RecordHandoff, TheMakerWaitsWhileTheBatchBeforeIsNotTaken) {
  RecordHandoff handoff(1);
  auto first = numbered(1);
  handoff.add(first);  // handed over: the one batch that may wait
  auto second_handed = std::async(std::launch::async, [&] {
    auto second = numbered(2);
    handoff.add(second);  // must wait for the first to be taken
  });
  EXPECT_EQ(second_handed.wait_for(100ms), std::future_status::timeout);
  std::vector<Record> batch;
  std::size_t count = 0;
  ASSERT_TRUE(handoff.take(batch, count));
  EXPECT_EQ(batch[0].key, "1");
  second_handed.get();  // now it got through
  ASSERT_TRUE(handoff.take(batch, count));
  EXPECT_EQ(batch[0].key, "2");
}

TEST(RecordHandoff, ClosingEndsTheSenderOnceEverythingIsTaken) {
  RecordHandoff handoff;
  auto record = numbered(5);
  handoff.add(record);
  handoff.flush();
  handoff.close();
  EXPECT_EQ(take_all(handoff), std::vector<std::string>{"5"});
}
