#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "test_bridge.hpp"
#include "test_client.hpp"

using namespace std::chrono_literals;

namespace {

// Reads frames on its own thread and checks they are data frames with offsets 0, 1, 2...
// Stops after the frame whose value is "end".
class OrderedReader {
 public:
  explicit OrderedReader(test::WsClient& ws) : thread_([this, &ws] { run(ws); }) {}

  // Waits until at least n frames arrived in order (or something went wrong).
  bool wait_for(std::int64_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 20s, [&] { return received_ >= n || !failure_.empty(); }) &&
           failure_.empty();
  }
  std::string failure() {
    std::lock_guard lock(mutex_);
    return failure_;
  }
  void join() { thread_.join(); }

 private:
  void run(test::WsClient& ws) {
    try {
      for (;;) {
        auto frame = ws.read_json(20s);
        std::lock_guard lock(mutex_);
        if (frame.contains("op") || frame["offset"] != received_) {
          failure_ = "expected offset " + std::to_string(received_) + ", got " +
                     frame.dump().substr(0, 120);
        } else {
          ++received_;
        }
        changed_.notify_all();
        if (!failure_.empty() || frame["value"] == "end") return;
      }
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex_);
      failure_ = e.what();
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::int64_t received_ = 0;
  std::string failure_;
  std::jthread thread_;  // joined on destruction too, if an assertion returns early
};

}  // namespace

TEST(BridgeSlowClient, IsDroppedWhileAnotherClientGetsEveryFrameInOrder) {
  auto settings = test::test_settings();
  settings.max_queue_bytes = 64 * 1024;
  settings.slow_client_timeout = 200ms;
  settings.threads = 2;  // sessions on strands across threads
  test::TestBridge bridge(settings);
  auto& slow_disconnects = bridge.registry.counter("streamweaver_ws_slow_disconnects_total", "");

  test::WsClient slow(bridge.port(), "/ws?topics=trades", 4096);
  ASSERT_EQ(slow.read_json()["op"], "subscribed");  // and never reads again
  test::WsClient fast(bridge.port(), "/ws?topics=trades");
  ASSERT_EQ(fast.read_json()["op"], "subscribed");
  OrderedReader reader(fast);

  // Publish as fast as the fast client reads, never letting it lag more than `window`
  // frames (16 KiB, well inside its 64 KiB queue), until the slow client has filled the
  // kernel buffers and its own queue and stayed behind past the timeout. The cap is far
  // beyond any loopback socket buffers.
  const std::string value = "\"" + std::string(2000, 'x') + "\"";
  const std::int64_t window = 8, cap = 100000;
  std::int64_t sent = 0;
  auto publish_paced = [&](const std::string& v) {
    if (!reader.wait_for(sent - window)) return false;
    bridge.publish("trades", sent++, "k", v);
    return true;
  };
  while (slow_disconnects.value() == 0 && sent < cap)
    ASSERT_TRUE(publish_paced(value)) << reader.failure();
  ASSERT_EQ(slow_disconnects.value(), 1u)
      << "slow client not disconnected after " << sent << " frames";
  EXPECT_GT(bridge.counter("streamweaver_ws_frames_dropped_total"), 0u);

  // Live frames keep flowing to the fast client, which has lost nothing.
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(publish_paced(value)) << reader.failure();
  ASSERT_TRUE(publish_paced("\"end\"")) << reader.failure();
  ASSERT_TRUE(reader.wait_for(sent)) << reader.failure();
  reader.join();

  // The slow client finds its connection gone.
  EXPECT_TRUE(slow.read_until_closed());
}
