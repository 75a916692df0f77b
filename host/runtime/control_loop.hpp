#pragma once
// The owner thread of a running host. Everything that changes the pipeline (reloads,
// supervision restarts, stopping) happens here, one thing at a time; other threads (signals,
// the file watcher, a failing component) only post events.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include "runtime/host_runtime.hpp"

namespace streamweaver::runtime {

class ControlLoop {
 public:
  enum class Event { reload, supervise, stop };

  // `reload` re-reads the pipeline file and applies it to `host`.
  ControlLoop(HostRuntime& host, std::function<void()> reload);

  // Any thread.
  void post(Event event);
  // On the owner thread: handles events and due restarts until a stop event.
  void run();

 private:
  std::deque<Event> wait_for_events(HostRuntime::Clock::time_point until);

  HostRuntime& host_;
  std::function<void()> reload_;
  std::mutex mutex_;
  std::condition_variable posted_;
  std::deque<Event> events_;
};

}  // namespace streamweaver::runtime
