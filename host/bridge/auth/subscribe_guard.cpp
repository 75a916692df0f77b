#include "bridge/auth/subscribe_guard.hpp"

#include <algorithm>
#include <cstdio>

namespace streamweaver::bridge::auth {

SubscribeGuard::SubscribeGuard(const Grant& grant, double per_second, AccessMetrics& metrics)
    : grant_(grant), per_second_(per_second), metrics_(metrics), tokens_(std::max(1.0, per_second)) {}

bool SubscribeGuard::take_token(Clock::time_point now) {
  double elapsed = std::chrono::duration<double>(now - refilled_at_).count();
  refilled_at_ = now;
  tokens_ = std::min(std::max(1.0, per_second_), tokens_ + elapsed * per_second_);
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

SubscribeGuard::Outcome SubscribeGuard::check(SubscribeRequest request, Clock::time_point now) {
  if (!take_token(now)) {
    metrics_.subscribes_rate_limited.inc();
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", per_second_);
    return {.error = std::string("subscribe refused: more than ") + limit +
                     " subscribe requests per second on this connection"};
  }
  std::vector<std::string> denied;
  std::erase_if(request.topics, [&](const std::string& topic) {
    if (grant_.topics.allows(topic)) return false;
    denied.push_back(topic);
    return true;
  });
  Outcome outcome;
  if (!denied.empty()) {
    metrics_.topics_denied.inc(denied.size());
    std::string names;
    for (const auto& t : denied) names += (names.empty() ? "'" : ", '") + t + "'";
    outcome.error = (denied.size() == 1 ? "topic " : "topics ") + names + " not allowed for this token";
    if (request.topics.empty()) return outcome;  // nothing left to ask for
  }
  outcome.allowed = std::move(request);
  return outcome;
}

}  // namespace streamweaver::bridge::auth
