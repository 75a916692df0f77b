#pragma once
// The answer to one POST, given from any thread (the I/O thread, the source's thread, a
// Kafka delivery thread) once. It reaches the waiting session through its io_context; once
// the plugin closed the gate (it is going away) or the session is gone, it is dropped.
#include <functional>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

namespace streamweaver::sources::http {

struct Answer {
  unsigned status = 202;
  nlohmann::json body;
};

// Closed by the plugin before its io_context goes: no answer is posted to it after that.
class Gate {
 public:
  template <class Post>
  void pass(Post&& post) {
    std::lock_guard lock(mutex_);
    if (open_) post();
  }
  void close() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }

 private:
  std::mutex mutex_;
  bool open_ = true;
};

using Reply = std::function<void(Answer)>;

}  // namespace streamweaver::sources::http
