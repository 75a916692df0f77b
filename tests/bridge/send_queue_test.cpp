#include "bridge/send_queue.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "bridge/protocol.hpp"

using namespace streamweaver::bridge;

namespace {

// A data frame of exactly `bytes` bytes whose text starts with its label.
FramePtr data(const std::string& label, std::size_t bytes = 10) {
  auto text = label + std::string(bytes - label.size(), '.');
  return std::make_shared<const Frame>(Frame{.kind = Frame::Kind::data, .text = text});
}

std::string next_text(SendQueue& q) {
  auto f = q.pop();
  return f ? f->text : "<idle>";
}

}  // namespace

TEST(SendQueue, WakesTheWriterOnceUntilItGoesIdle) {
  SendQueue q(100);
  EXPECT_TRUE(q.push(data("a")).wake_writer);
  EXPECT_FALSE(q.push(data("b")).wake_writer);  // writer already busy
  EXPECT_EQ(next_text(q), "a.........");
  EXPECT_EQ(next_text(q), "b.........");
  EXPECT_EQ(next_text(q), "<idle>");
  EXPECT_TRUE(q.push(data("c")).wake_writer);
}

TEST(SendQueue, PushAllQueuesInOrderAndSumsWhatItDropped) {
  SendQueue q(30);  // three frames of 10 bytes
  std::vector<FramePtr> frames{data("a"), data("b"), data("c"), data("d"), data("e")};
  auto result = q.push_all(frames);
  EXPECT_TRUE(result.wake_writer);
  EXPECT_TRUE(result.fell_behind);
  EXPECT_EQ(result.dropped, 2u);  // the oldest two
  EXPECT_EQ(next_text(q), R"({"op":"dropped","count":2})");
  EXPECT_EQ(next_text(q), "c.........");
  EXPECT_EQ(next_text(q), "d.........");
  EXPECT_EQ(next_text(q), "e.........");
  EXPECT_EQ(next_text(q), "<idle>");
}

TEST(SendQueue, ControlFramesGoFirst) {
  SendQueue q(100);
  q.push(data("a"));
  q.push(error_frame("x"));
  EXPECT_EQ(next_text(q), R"({"op":"error","message":"x"})");
  EXPECT_EQ(next_text(q), "a.........");
}

TEST(SendQueue, DropsOldestAndReportsTheGapBeforeTheNextFrame) {
  SendQueue q(30);
  q.push(data("f1"));
  q.push(data("f2"));
  q.push(data("f3"));
  EXPECT_FALSE(q.behind_since());
  auto r = q.push(data("f4"));  // 40 bytes > 30: f1 goes
  EXPECT_EQ(r.dropped, 1u);
  EXPECT_TRUE(r.fell_behind);
  EXPECT_EQ(q.push(data("f5")).dropped, 1u);  // f2 goes; still the same behind period
  EXPECT_TRUE(q.behind_since());

  EXPECT_EQ(next_text(q), R"({"op":"dropped","count":2})");
  EXPECT_EQ(next_text(q), "f3........");
  EXPECT_TRUE(q.behind_since());  // 20 bytes left: more than half the budget
  EXPECT_EQ(next_text(q), "f4........");
  EXPECT_FALSE(q.behind_since());  // 10 bytes: caught up
  EXPECT_EQ(next_text(q), "f5........");
  EXPECT_EQ(next_text(q), "<idle>");
}

TEST(SendQueue, KeepsTheNewestFrameEvenIfOverBudget) {
  SendQueue q(5);
  q.push(data("a"));
  EXPECT_EQ(q.push(data("big", 50)).dropped, 1u);
  EXPECT_EQ(next_text(q), R"({"op":"dropped","count":1})");
  EXPECT_EQ(next_text(q).substr(0, 3), "big");
}

TEST(SendQueue, FlagsUnreadRepliesOverBudget) {
  SendQueue q(40);
  EXPECT_FALSE(q.push(error_frame("1")).control_overflow);  // 28 bytes
  EXPECT_TRUE(q.push(error_frame("2")).control_overflow);
}

TEST(SendQueue, ClosedQueueRefusesEverything) {
  SendQueue q(100);
  q.push(data("a"));
  q.close();
  EXPECT_FALSE(q.push(data("b")).wake_writer);
  EXPECT_EQ(q.pop(), nullptr);
}

TEST(SendQueue, ABatchTakesEveryDataFrameAfterRepliesAndReportsDropsInPlace) {
  SendQueue q(30);
  std::vector<FramePtr> batch;
  q.push(data("a"));
  q.push(error_frame("x"));
  EXPECT_TRUE(q.pop_batch(batch, false).control);  // replies never wait for the interval
  auto waiting = q.pop_batch(batch, false);
  EXPECT_TRUE(waiting.data_waiting);  // data waits, the writer stays busy
  EXPECT_FALSE(q.push(data("b")).wake_writer);
  for (auto label : {"c", "d", "e"}) q.push(data(label));  // 50 bytes: a and b dropped
  EXPECT_FALSE(q.pop_batch(batch, true).control);
  ASSERT_EQ(batch.size(), 4u);
  EXPECT_EQ(batch[0]->text, R"({"op":"dropped","count":2})");
  EXPECT_EQ(batch[1]->text, "c.........");
  EXPECT_EQ(batch[3]->text, "e.........");
  batch.clear();
  auto idle = q.pop_batch(batch, true);
  EXPECT_FALSE(idle.control || idle.data_waiting);
  EXPECT_TRUE(batch.empty());
  EXPECT_TRUE(q.push(data("f")).wake_writer);  // idle again
}

TEST(SendQueue, BatchBoundariesAreTheSameForEveryClientWithTheInterval) {
  using namespace std::chrono_literals;
  SendQueue::Clock::time_point t0(1'000'000'007us);  // 7 us past a multiple of 20 ms
  auto boundary = SendQueue::next_batch_boundary(t0, 20ms);
  EXPECT_EQ(boundary.time_since_epoch(), 1'000'020'000us);  // the next multiple, not t0 + 20 ms
  // Sent at other moments of the same interval, the next batch goes at the same boundary.
  EXPECT_EQ(SendQueue::next_batch_boundary(t0 + 19'990us, 20ms), boundary);
  // A batch sent exactly on a boundary waits a whole interval.
  EXPECT_EQ(SendQueue::next_batch_boundary(boundary, 20ms), boundary + 20ms);
  EXPECT_EQ(SendQueue::next_batch_boundary(t0, 1000ms).time_since_epoch(), 1'001'000'000us);
}

TEST(SendQueue, WaitForRoomReturnsOnceTheWriterHasTakenHalfAndFailsWhenClosed) {
  SendQueue q(40);
  for (auto label : {"a", "b", "c", "d"}) q.push(data(label));
  EXPECT_FALSE(q.wait_for_room(std::chrono::milliseconds(1)));  // 40 of 40 bytes queued
  std::thread writer([&] {
    q.pop();
    q.pop();  // 20 bytes left: room
  });
  EXPECT_TRUE(q.wait_for_room(std::chrono::seconds(10)));
  writer.join();
  q.close();
  EXPECT_FALSE(q.wait_for_room(std::chrono::seconds(10)));
}
