#include "runtime/control_loop.hpp"

namespace streamweaver::runtime {

ControlLoop::ControlLoop(HostRuntime& host, std::function<void()> reload)
    : host_(host), reload_(std::move(reload)) {}

void ControlLoop::post(Event event) {
  {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
  }
  posted_.notify_one();
}

std::deque<ControlLoop::Event> ControlLoop::wait_for_events(HostRuntime::Clock::time_point until) {
  std::unique_lock lock(mutex_);
  auto posted = [&] { return !events_.empty(); };
  if (until == HostRuntime::Clock::time_point::max())
    posted_.wait(lock, posted);
  else
    posted_.wait_until(lock, until, posted);
  return std::exchange(events_, {});
}

void ControlLoop::run() {
  auto next_restart = host_.supervise();
  while (true) {
    for (auto event : wait_for_events(next_restart)) {
      if (event == Event::stop) return;
      if (event == Event::reload) reload_();
    }
    next_restart = host_.supervise();  // after any event, and when a restart falls due
  }
}

}  // namespace streamweaver::runtime
