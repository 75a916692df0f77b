#pragma once
// A plugin's own I/O thread running one io_context. Started on first use (next()), never in
// the constructor, which also runs for `streamweaver check`; stopped and joined by stop() or
// the destructor, so that nothing of the plugin runs after it is gone.
#include <functional>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace streamweaver::sources {

class IoThread {
 public:
  IoThread() = default;
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;
  ~IoThread() { stop(); }

  boost::asio::io_context& context() { return io_; }
  bool started() const { return thread_.joinable(); }

  // Runs `first` on the new thread, then whatever it set going.
  void start(std::function<void()> first) {
    boost::asio::post(io_, std::move(first));
    thread_ = std::thread([this] {
      for (;;) {  // a handler that throws costs its own work, not the thread
        try {
          io_.run();
          return;
        } catch (...) {
        }
      }
    });
  }

  void stop() {
    work_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  boost::asio::io_context io_{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::thread thread_;
};

}  // namespace streamweaver::sources
