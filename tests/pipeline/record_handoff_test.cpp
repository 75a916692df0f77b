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
  RecordHandoff handoff(7, 2);  // full batches, and a partial one at the end
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

// Batches go round: once the first ones are back, the maker gets sent records, emptied but
// with their memory.
TEST(RecordHandoff, TheMakerGetsSentRecordsBackEmptyWithTheirMemory) {
  RecordHandoff handoff(2, 1);
  std::vector<Record> batch;
  std::size_t count = 0;
  const std::string long_value(200, 'x');
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 2; ++i) {
      Record record;
      record.json = long_value;
      handoff.add(record);
      EXPECT_TRUE(record.key.empty() && record.json.empty()) << "round " << round;
      if (round >= 3) {  // batch 0 went back at round 1's take, and was filled again at round 2's flush
        EXPECT_GE(record.json.capacity(), long_value.size()) << "round " << round;
      }
    }
    ASSERT_TRUE(handoff.take(batch, count));
    ASSERT_EQ(count, 2u);
    EXPECT_EQ(batch[1].json, long_value);
    for (auto& r : batch) streamweaver::pipeline::clear(r);
  }
}

TEST(RecordHandoff, TheMakerWaitsWhileAsManyBatchesAsAllowedWait) {
  RecordHandoff handoff(1, 2);
  for (int i = 1; i <= 2; ++i) {
    auto record = numbered(i);
    handoff.add(record);  // handed over: the two batches that may wait
  }
  auto third_handed = std::async(std::launch::async, [&] {
    auto third = numbered(3);
    handoff.add(third);  // must wait for the first to be taken
  });
  EXPECT_EQ(third_handed.wait_for(100ms), std::future_status::timeout);
  std::vector<Record> batch;
  std::size_t count = 0;
  ASSERT_TRUE(handoff.take(batch, count));
  EXPECT_EQ(batch[0].key, "1");
  third_handed.get();  // now it got through
  handoff.close();
  streamweaver::pipeline::clear(batch[0]);
  EXPECT_EQ(take_all(handoff), (std::vector<std::string>{"2", "3"}));
}

TEST(RecordHandoff, ClosingEndsTheSenderOnceEverythingIsTaken) {
  RecordHandoff handoff;
  auto record = numbered(5);
  handoff.add(record);
  handoff.flush();
  handoff.close();
  EXPECT_EQ(take_all(handoff), std::vector<std::string>{"5"});
}

// An ending source must not wait on Kafka: closing hands over the rest even when the sender
// already has all the batches it may have waiting.
TEST(RecordHandoff, ClosingDoesNotWaitForRoom) {
  RecordHandoff handoff(2, 1);
  for (int i = 1; i <= 3; ++i) {  // a full batch waiting, and one record still being filled
    auto record = numbered(i);
    handoff.add(record);
  }
  handoff.close();  // returns at once: nothing has been taken yet
  EXPECT_EQ(take_all(handoff), (std::vector<std::string>{"1", "2", "3"}));
}
