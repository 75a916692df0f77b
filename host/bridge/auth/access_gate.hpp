#pragma once
// The access checks every request passes, in one place:
//   - admit_stream: for any streaming endpoint (/ws, /sse): the Origin, then the token.
//     Returns what the client may read, or the refusal to answer with (401, 403, 404).
//   - check_plain: for every other request: a plain GET of a stream path, or of
//     /api/topics, gets the same verdict as a stream; /health and /metrics need the admin token when one is set,
//     and live on the admin listener only when there is one.
// Refusals are logged (throttled) with the client address and the reason, never a token.

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>

#include "bridge/auth/access_metrics.hpp"
#include "bridge/auth/access_settings.hpp"
#include "bridge/auth/credentials.hpp"
#include "bridge/auth/grant.hpp"
#include "bridge/auth/origin_policy.hpp"
#include "bridge/auth/token_verifier.hpp"

namespace streamweaver::bridge::auth {

// Which listener a request came in on.
enum class ListenerRole { public_, admin };

class AccessGate {
 public:
  // Throws std::invalid_argument when the settings cannot work (e.g. an unusable JWT key).
  AccessGate(const AccessSettings& settings, AccessMetrics& metrics);
  ~AccessGate();

  std::variant<Grant, Refusal> admit_stream(const RequestHeader& request, ListenerRole role,
                                            const boost::asio::ip::address& client) const;
  std::optional<Refusal> check_plain(const RequestHeader& request, ListenerRole role,
                                     const boost::asio::ip::address& client) const;

  AuthMode mode() const { return settings_.mode; }
  const AccessSettings& settings() const { return settings_; }
  AccessMetrics& metrics() const { return metrics_; }

 private:
  Refusal refuse(Refusal refusal, const RequestHeader& request, const boost::asio::ip::address& client) const;

  const AccessSettings& settings_;
  AccessMetrics& metrics_;
  OriginPolicy origins_;
  std::unique_ptr<TokenVerifier> verifier_;  // null in mode none
};

// The HTTP answer to a refusal: text/plain reason, WWW-Authenticate on 401 (RFC 6750).
boost::beast::http::response<boost::beast::http::string_body> refusal_response(
    const Refusal& refusal, const RequestHeader& request);

bool is_admin_path(std::string_view path);   // /health, /metrics
bool is_stream_path(std::string_view path);  // /ws, /sse

}  // namespace streamweaver::bridge::auth
