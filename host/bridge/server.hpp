#pragma once
// The bridge's HTTP and WebSocket server: its own io_context and threads, apart from Kafka.
//
//   GET /ws       WebSocket (see protocol.hpp)
//   GET /health   HttpHandlers::health_json, application/json (200, or 503 when failed)
//   GET /api/topics  what is bridged (Hub::topics_json)
//   GET /metrics  HttpHandlers::metrics_text, Prometheus text
//   GET /...      static files from BridgeSettings::web_root (index.html for "/")
// Every request passes auth::AccessGate first (auth/access_gate.hpp): tokens and origins
// for /ws, the admin token or admin listener for /health and /metrics, connection caps.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bridge/settings.hpp"

namespace streamweaver::bridge {

class Hub;

// What a handler answers: a status code and a body.
struct HttpReply {
  unsigned status = 200;
  std::string body;
};

struct HttpHandlers {
  std::function<HttpReply()> health_json;   // empty: 404
  std::function<HttpReply()> metrics_text;  // empty: 404
};

class Server {
 public:
  // The hub must outlive the server; one server per hub.
  Server(BridgeSettings settings, Hub& hub, HttpHandlers handlers);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads, then logs "dashboard on http://HOST:PORT/". Throws
  // std::runtime_error, e.g. "cannot listen on 127.0.0.1:8080: Address already in use".
  void start();
  std::uint16_t port() const;  // the bound port, once started
  std::uint16_t admin_port() const;  // the admin_listen port, once started (0: none)
  // Closes every connection abruptly and joins the threads. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace streamweaver::bridge
