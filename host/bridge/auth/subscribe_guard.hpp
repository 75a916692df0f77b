#pragma once
// What one connection may subscribe to: the topics its grant allows, at most
// max_subscribes_per_s requests a second (a token bucket that holds as many). Used by any
// streaming session before it asks the hub.

#include <chrono>
#include <optional>
#include <string>

#include "bridge/auth/access_metrics.hpp"
#include "bridge/auth/grant.hpp"
#include "bridge/protocol.hpp"

namespace streamweaver::bridge::auth {

class SubscribeGuard {
 public:
  using Clock = std::chrono::steady_clock;
  SubscribeGuard(const Grant& grant, double per_second, AccessMetrics& metrics);

  struct Outcome {
    std::optional<SubscribeRequest> allowed;  // what to pass to the hub; nullopt: nothing
    std::optional<std::string> error;         // for an error frame; the connection stays
  };
  // Topics outside the grant are taken out and named in the error; the rest go ahead.
  Outcome check(SubscribeRequest request, Clock::time_point now = Clock::now());

 private:
  bool take_token(Clock::time_point now);

  const Grant& grant_;
  const double per_second_;
  AccessMetrics& metrics_;
  double tokens_;
  Clock::time_point refilled_at_ = Clock::now();
};

}  // namespace streamweaver::bridge::auth
