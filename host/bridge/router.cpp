#include "bridge/router.hpp"

#include <spdlog/spdlog.h>

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/version.hpp>

#include "bridge/hub.hpp"
#include "bridge/url.hpp"

namespace streamweaver::bridge {

namespace {

using Request = http::request<http::string_body>;

template <class Body>
void common_headers(http::response<Body>& res, const Request& req, std::string_view type) {
  res.set(http::field::server, BOOST_BEAST_VERSION_STRING);
  res.set(http::field::content_type, type);
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
}

// A response with an in-memory body; HEAD gets the headers only.
http::response<http::string_body> text(const Request& req, http::status status,
                                       std::string_view type, std::string body) {
  http::response<http::string_body> res{status, req.version()};
  common_headers(res, req, type);
  res.set(http::field::cache_control, "no-store");
  res.content_length(body.size());
  if (req.method() != http::verb::head) res.body() = std::move(body);
  return res;
}

http::message_generator not_found(const Request& req) {
  return text(req, http::status::not_found, "text/plain; charset=utf-8", "not found\n");
}

http::message_generator from_handler(const Request& req,
                                     const std::function<HttpReply()>& handler,
                                     std::string_view type) {
  if (!handler) return not_found(req);
  try {
    auto reply = handler();
    return text(req, static_cast<http::status>(reply.status), type, std::move(reply.body));
  } catch (const std::exception& e) {
    spdlog::error("[bridge] {} handler failed: {}", split_target(req.target()).path, e.what());  // never the query: it may hold a token
    return text(req, http::status::internal_server_error, "text/plain; charset=utf-8",
                "internal error\n");
  }
}

http::message_generator file(const Request& req, const StaticFiles& files, std::string_view path) {
  auto found = files.resolve(path);
  if (!found) return not_found(req);
  beast::error_code ec;
  http::file_body::value_type body;
  body.open(found->path.c_str(), beast::file_mode::scan, ec);
  if (ec) return not_found(req);  // vanished or unreadable since resolve: still not a 500
  auto size = body.size();
  if (req.method() == http::verb::head) {
    http::response<http::empty_body> res{http::status::ok, req.version()};
    common_headers(res, req, found->content_type);
    res.content_length(size);
    return res;
  }
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, req.version())};
  common_headers(res, req, found->content_type);
  res.content_length(size);
  return res;
}

}  // namespace

http::message_generator route(Request&& req, const SessionContext& context) {
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    auto res = text(req, http::status::method_not_allowed, "text/plain; charset=utf-8",
                    "only GET and HEAD\n");
    res.set(http::field::allow, "GET, HEAD");
    return res;
  }
  auto path = split_target(req.target()).path;
  if (path == "/ws")
    return text(req, http::status::upgrade_required, "text/plain; charset=utf-8",
                "WebSocket upgrade required\n");
  if (path == "/health") return from_handler(req, context.handlers.health_json, "application/json");
  if (path == "/api/topics")
    return text(req, http::status::ok, "application/json",
                nlohmann::json{{"topics", context.hub.topics_json()}}.dump());
  if (path == "/metrics")
    return from_handler(req, context.handlers.metrics_text,
                        "text/plain; version=0.0.4; charset=utf-8");
  if (context.static_files) return file(req, *context.static_files, path);
  return not_found(req);
}

}  // namespace streamweaver::bridge
