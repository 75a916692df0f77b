#include "bridge/io_shard.hpp"

#include <gtest/gtest.h>

#include <boost/asio/post.hpp>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace streamweaver::bridge;

namespace {

// Counts its wakes and checks that each runs on the shard's thread.
class CountingTarget final : public Wakeable {
 public:
  void on_wake() override {
    std::lock_guard lock(mutex);
    ++wakes;
    threads.push_back(std::this_thread::get_id());
    changed.notify_all();
  }
  bool wait_for(int n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] { return wakes >= n; });
  }
  std::mutex mutex;
  std::condition_variable changed;
  int wakes = 0;
  std::vector<std::thread::id> threads;
};

}  // namespace

TEST(IoShard, EveryWakeFromAnyThreadRunsOnTheShardThread) {
  IoShard shard;
  shard.start();
  std::promise<std::thread::id> running_on;
  net::post(shard.context(), [&] { running_on.set_value(std::this_thread::get_id()); });
  auto shard_thread = running_on.get_future().get();

  auto target = std::make_shared<CountingTarget>();
  constexpr int kThreads = 4, kWakesEach = 500;
  std::vector<std::jthread> wakers;
  for (int t = 0; t < kThreads; ++t)
    wakers.emplace_back([&] {
      for (int i = 0; i < kWakesEach; ++i) shard.wake(target);
    });
  wakers.clear();  // joins

  ASSERT_TRUE(target->wait_for(kThreads * kWakesEach));
  shard.stop();
  EXPECT_EQ(target->wakes, kThreads * kWakesEach);
  for (auto thread : target->threads) ASSERT_EQ(thread, shard_thread);
}

TEST(IoShard, StopForgetsPendingWakesAndReleasesTheirTargets) {
  IoShard shard;  // never started: wakes pile up
  auto target = std::make_shared<CountingTarget>();
  shard.wake(target);
  shard.wake(target);
  EXPECT_EQ(target.use_count(), 3);
  shard.stop();
  EXPECT_EQ(target.use_count(), 1);
  EXPECT_EQ(target->wakes, 0);
}
