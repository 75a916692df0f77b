#include "bridge/io_shard.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

namespace streamweaver::bridge {

IoShard::~IoShard() { stop(); }

void IoShard::start() {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "bridge-io");  // for top -H, perf and bench_fanout
    run();
  });
}

void IoShard::stop() {
  ioc_.stop();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  woken_.clear();
}

void IoShard::run() {
  // Keeps running when idle: the listener's accept may be on another shard.
  auto work = net::make_work_guard(ioc_);
  for (;;) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {  // a handler threw: log it, keep serving
      spdlog::error("[bridge] unexpected exception: {}", e.what());
    }
  }
}

void IoShard::wake(std::shared_ptr<Wakeable> target) {
  bool first;
  {
    std::lock_guard lock(mutex_);
    first = woken_.empty();
    woken_.push_back(std::move(target));
  }
  if (first) net::post(ioc_, [this] { run_woken(); });
}

void IoShard::run_woken() {
  {
    std::lock_guard lock(mutex_);
    running_.swap(woken_);
  }
  for (auto& target : running_) target->on_wake();
  running_.clear();
}

}  // namespace streamweaver::bridge
