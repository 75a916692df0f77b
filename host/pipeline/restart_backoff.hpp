#pragma once
// When supervision restarts a failed component: 1 s after a first failure, doubling with
// each failure in a row up to 30 s. A failure after the component did useful work since its
// last restart is a first failure again.
#include <chrono>

namespace streamweaver::pipeline {

class RestartBackoff {
 public:
  static constexpr auto kFirst = std::chrono::milliseconds(1000);
  static constexpr auto kMax = std::chrono::milliseconds(30000);

  std::chrono::milliseconds next(bool progressed_since_last_restart) {
    if (progressed_since_last_restart) delay_ = kFirst;
    auto now = delay_;
    delay_ = std::min(delay_ * 2, kMax);
    return now;
  }

 private:
  std::chrono::milliseconds delay_ = kFirst;
};

}  // namespace streamweaver::pipeline
