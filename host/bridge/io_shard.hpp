#pragma once
// One io_context run by one thread. The bridge has `threads` of them; each connection lives
// on one, so its handlers never run concurrently and need no strand.
//
// wake() hands work to the shard from any thread. Wakes that arrive before the shard gets
// to them share one post: a record fanned out to a thousand sessions costs one hand-off
// between threads, not a thousand.

#include <boost/asio/io_context.hpp>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "bridge/beast.hpp"

namespace streamweaver::bridge {

// Something with work to do on its shard's thread, such as a session with frames to write.
class Wakeable {
 public:
  virtual ~Wakeable() = default;
  virtual void on_wake() = 0;
};

class IoShard {
 public:
  IoShard() = default;
  ~IoShard();  // stops
  IoShard(const IoShard&) = delete;
  IoShard& operator=(const IoShard&) = delete;

  net::io_context& context() { return ioc_; }

  void start();
  // Stops the thread and forgets pending wakes. Idempotent.
  void stop();

  // From any thread: calls target->on_wake() on this shard's thread, soon.
  void wake(std::shared_ptr<Wakeable> target);

 private:
  void run();
  void run_woken();

  net::io_context ioc_{1};
  std::mutex mutex_;
  std::vector<std::shared_ptr<Wakeable>> woken_;  // guarded by mutex_
  std::vector<std::shared_ptr<Wakeable>> running_;  // shard thread only; kept for its capacity
  std::thread thread_;
};

}  // namespace streamweaver::bridge
