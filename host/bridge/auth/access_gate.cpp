#include "bridge/auth/access_gate.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/beast/http/field.hpp>
#include <boost/beast/version.hpp>

#include "bridge/url.hpp"
#include "pipeline/log_throttle.hpp"

namespace streamweaver::bridge::auth {

namespace http = boost::beast::http;

const char* to_string(AuthMode mode) {
  switch (mode) {
    case AuthMode::none: return "none";
    case AuthMode::token: return "token";
    case AuthMode::jwt: return "jwt";
  }
  return "?";
}

namespace {

std::unique_ptr<TokenVerifier> make_verifier(const AccessSettings& s) {
  switch (s.mode) {
    case AuthMode::none: return nullptr;
    case AuthMode::token: return make_static_token_verifier(s.tokens);
    case AuthMode::jwt: return make_jwt_verifier(s.jwt);
  }
  return nullptr;
}

Refusal not_found() { return {.status = 404, .reason = "not found"}; }

}  // namespace

bool is_admin_path(std::string_view path) { return path == "/health" || path == "/metrics"; }
bool is_stream_path(std::string_view path) { return path == "/ws" || path == "/sse"; }

AccessGate::AccessGate(const AccessSettings& settings, AccessMetrics& metrics)
    : settings_(settings),
      metrics_(metrics),
      origins_(settings.allowed_origins, settings.mode != AuthMode::none),
      verifier_(make_verifier(settings)) {
  metrics_.max_subscribes_per_s.set(static_cast<std::int64_t>(settings.max_subscribes_per_s));
}

AccessGate::~AccessGate() = default;

Refusal AccessGate::refuse(Refusal refusal, const RequestHeader& request,
                           const boost::asio::ip::address& client) const {
  if (refusal.metric_reason.empty()) return refusal;
  auto& counter = metrics_.refused(refusal.metric_reason);
  counter.inc();
  // Throttled: a client retrying in a loop cannot flood the log. The path only: a query
  // may hold an access_token.
  if (pipeline::worth_logging(counter.value()))
    spdlog::info("[bridge] refused {} from {}: {} ({} so far)", std::string_view(split_target(request.target()).path),
                 client.to_string(), refusal.reason, counter.value());
  return refusal;
}

std::variant<Grant, Refusal> AccessGate::admit_stream(const RequestHeader& request, ListenerRole role,
                                                      const boost::asio::ip::address& client) const {
  if (role == ListenerRole::admin) return not_found();
  auto origin = request.find(http::field::origin);
  std::optional<std::string_view> origin_value;
  if (origin != request.end()) origin_value = origin->value();
  if (!origins_.allows(origin_value, request[http::field::host]))
    return refuse({.status = 403,
                   .reason = "origin '" + std::string(origin_value->substr(0, 200)) +
                             "' is not allowed; add it to [bridge] allowed_origins",
                   .metric_reason = "origin"},
                  request, client);
  if (!verifier_) return Grant{.subject = "anonymous"};
  auto token = find_token(request);
  if (!token || token->empty())
    return refuse({.status = 401,
                   .reason = "missing token (Authorization: Bearer, Sec-WebSocket-Protocol: bearer, or ?access_token=)",
                   .metric_reason = "missing_token"},
                  request, client);
  auto verdict = verifier_->verify(*token, Grant::Clock::now());
  if (auto* refusal = std::get_if<Refusal>(&verdict)) return refuse(std::move(*refusal), request, client);
  return verdict;
}

std::optional<Refusal> AccessGate::check_plain(const RequestHeader& request, ListenerRole role,
                                               const boost::asio::ip::address& client) const {
  auto path = split_target(request.target()).path;
  // A plain GET of a stream path answers like its stream would: 401/403 for a bad token
  // (what the dashboard asks to tell "not authorised" from "host down"; /sse is plain GET).
  // /api/topics describes the streams, so it asks the same.
  if (is_stream_path(path) || path == "/api/topics") {
    auto admitted = admit_stream(request, role, client);
    if (auto* refusal = std::get_if<Refusal>(&admitted)) return std::move(*refusal);
    return std::nullopt;
  }
  if (!is_admin_path(path)) return role == ListenerRole::admin ? std::optional(not_found()) : std::nullopt;
  if (role == ListenerRole::public_ && !settings_.admin_listen.empty()) return not_found();
  if (settings_.admin_token.empty()) return std::nullopt;
  auto token = find_token(request);
  if (!token) return refuse({.status = 401, .reason = "missing admin token", .metric_reason = "missing_token"},
                            request, client);
  if (!constant_time_equal(*token, settings_.admin_token))
    return refuse(invalid_token("wrong admin token"), request, client);
  return std::nullopt;
}

http::response<http::string_body> refusal_response(const Refusal& refusal, const RequestHeader& request) {
  http::response<http::string_body> res{static_cast<http::status>(refusal.status), request.version()};
  res.set(http::field::server, BOOST_BEAST_VERSION_STRING);
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  if (refusal.status == 401) res.set(http::field::www_authenticate, "Bearer realm=\"streamweaver\"");
  res.keep_alive(false);
  if (request.method() != http::verb::head) res.body() = refusal.reason + "\n";
  res.prepare_payload();
  return res;
}

}  // namespace streamweaver::bridge::auth
