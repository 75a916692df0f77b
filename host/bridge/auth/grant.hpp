#pragma once
// What a verified token lets one client do: read the topics its patterns match, until it
// expires.

#include <chrono>
#include <optional>
#include <string>

#include "bridge/auth/topic_patterns.hpp"

namespace streamweaver::bridge::auth {

struct Grant {
  using Clock = std::chrono::system_clock;
  std::string subject;  // for logs: the token's name or the JWT's "sub", never the token
  TopicPatterns topics = TopicPatterns::everything();
  std::optional<Clock::time_point> expires_at;  // nullopt: never
};

// A refused request: the HTTP status and a reason that is safe to log and to send.
struct Refusal {
  unsigned status = 401;
  std::string reason;
  std::string metric_reason;  // label of streamweaver_bridge_auth_refused_total; empty: none
};

}  // namespace streamweaver::bridge::auth
