// The access checks on a real Server with real sockets: 401 without a valid token,
// topics outside a token's patterns refused while allowed ones flow, a close when a token
// expires, 403 for a foreign Origin, the admin endpoints, the subscribe rate limit and
// the connection caps under 2,000 attempts from one address. Every test captures the log
// and checks that no token (or secret) appears in any line.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "jwt_mint.hpp"
#include "test_bridge.hpp"
#include "test_client.hpp"

using namespace streamweaver::bridge;
using namespace streamweaver::bridge::auth;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

const std::string kDashToken = "dash-token-0123456789abcdef";
const std::string kAdminToken = "admin-token-0123456789abcdef";
const std::string kJwtSecret = "jwt-secret-0123456789abcdef0123456789";

// Every JWT a test makes: none of them may be logged either.
std::vector<std::string> minted_jwts;
std::string remembered(std::string token) {
  minted_jwts.push_back(token);
  return token;
}

test::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// Captures every log line of the test, at every level, and fails the test if any of them
// holds a secret.
struct AuthBridgeTest : ::testing::Test {
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink =
      std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100000);
  std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
  std::vector<std::string> secrets = {kDashToken, kAdminToken, kJwtSecret};

  AuthBridgeTest() {
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~AuthBridgeTest() override { spdlog::set_default_logger(previous); }

  void TearDown() override {
    auto lines = sink->last_formatted();
    EXPECT_FALSE(lines.empty()) << "nothing was captured: the check below would prove nothing";
    for (const auto& line : lines)
      for (const auto* list : {&secrets, &minted_jwts})
        for (const auto& secret : *list)
          EXPECT_EQ(line.find(secret), std::string::npos) << "a secret in the log: " << line;
    minted_jwts.clear();
  }

  bool logged(const std::string& text) {
    for (const auto& line : sink->last_formatted())
      if (line.find(text) != std::string::npos) return true;
    return false;
  }
};

BridgeSettings token_settings() {
  auto s = test::test_settings();
  s.access.mode = AuthMode::token;
  s.access.tokens = {{.name = "dashboard", .value = kDashToken, .topics = {"trad*"}}};
  return s;
}

BridgeSettings jwt_settings() {
  auto s = test::test_settings();
  s.access.mode = AuthMode::jwt;
  s.access.jwt = {.algorithm = JwtSettings::Algorithm::hs256, .key = kJwtSecret};
  return s;
}

std::string jwt(long long exp_in_s, nlohmann::json topics = {"*"}) {
  return remembered(
      test::mint_hs256({{"exp", test::epoch_s(exp_in_s)}, {"topics", topics}, {"sub", "tester"}}, kJwtSecret));
}

}  // namespace

TEST_F(AuthBridgeTest, NoTokenOrAWrongOneGets401) {
  test::TestBridge bridge(token_settings());
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws"), 401u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", bearer("not-the-token-0123456789")), 401u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", bearer(kDashToken)), 101u);
  auto text = bridge.registry.prometheus_text();
  EXPECT_NE(text.find("streamweaver_bridge_auth_refused_total{reason=\"missing_token\"} 1"), std::string::npos);
  EXPECT_NE(text.find("streamweaver_bridge_auth_refused_total{reason=\"invalid_token\"} 1"), std::string::npos);
  EXPECT_TRUE(logged("refused /ws from 127.0.0.1: missing token"));
  // Plain GETs of stream paths get the same verdict (how the dashboard tells "not
  // authorised" from "host down"; /sse is a plain GET).
  EXPECT_EQ(test::http_request(bridge.port(), "/ws").status, 401u);
  EXPECT_EQ(test::http_request(bridge.port(), "/sse").status, 401u);
  EXPECT_EQ(test::http_request(bridge.port(), "/ws", boost::beast::http::verb::get, bearer(kDashToken)).status, 426u);
}

TEST_F(AuthBridgeTest, TokenWorksInEachPlaceAClientCanPutIt) {
  test::TestBridge bridge(token_settings());
  test::WsClient header(bridge.port(), test::WsOptions{.headers = bearer(kDashToken)});
  test::WsClient protocol(bridge.port(), test::WsOptions{.headers = {{"Sec-WebSocket-Protocol", "bearer, " + kDashToken}}});
  test::WsClient query(bridge.port(), test::WsOptions{.target = "/ws?access_token=" + kDashToken});
  for (auto* client : {&header, &protocol, &query}) {
    client->send(R"({"op":"subscribe","topics":["trades"]})");
    EXPECT_EQ(client->read_json()["op"], "subscribed");
  }
}

TEST_F(AuthBridgeTest, ExpiredBadlySignedAndAlgNoneJwtsGet401) {
  test::TestBridge bridge(jwt_settings());
  nlohmann::json claims{{"exp", test::epoch_s(60)}, {"topics", {"*"}}};
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", bearer(jwt(-10))), 401u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", bearer(remembered(test::mint_hs256(claims, kJwtSecret + "!")))), 401u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", bearer(remembered(test::mint_none(claims)))), 401u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", bearer(jwt(60))), 101u);
  EXPECT_TRUE(logged("refused /ws from 127.0.0.1: token expired"));
  EXPECT_TRUE(logged("bad token signature"));
}

TEST_F(AuthBridgeTest, TopicOutsideTheTokenGetsAnErrorFrameAndAllowedTopicsStillFlow) {
  test::TestBridge bridge(token_settings());
  test::WsClient client(bridge.port(), test::WsOptions{.headers = bearer(kDashToken)});
  client.send(R"({"op":"subscribe","topics":["trades","logs"]})");
  auto error = client.read_json();
  EXPECT_EQ(error["op"], "error");
  EXPECT_EQ(error["message"], "topic 'logs' not allowed for this token");
  auto subscribed = client.read_json();
  EXPECT_EQ(subscribed["op"], "subscribed");
  EXPECT_EQ(subscribed["topics"], nlohmann::json({"trades"}));
  bridge.publish("logs", 1);
  bridge.publish("trades", 2);
  auto frame = client.read_json();
  EXPECT_EQ(frame["topic"], "trades");  // the logs record never came
  EXPECT_EQ(frame["offset"], 2);
  // The query form is guarded the same way.
  test::WsClient by_query(bridge.port(), test::WsOptions{.target = "/ws?topics=logs", .headers = bearer(kDashToken)});
  EXPECT_EQ(by_query.read_json()["message"], "topic 'logs' not allowed for this token");
}

TEST_F(AuthBridgeTest, TokenExpiringWhileConnectedClosesWithTheReason) {
  test::TestBridge bridge(jwt_settings());
  test::WsClient client(bridge.port(), test::WsOptions{.headers = bearer(jwt(2))});
  client.send(R"({"op":"subscribe","topics":["trades"]})");
  EXPECT_EQ(client.read_json()["op"], "subscribed");
  auto ec = client.read_until_closed(5s);
  EXPECT_EQ(ec, boost::beast::websocket::error::closed) << ec.message();
  EXPECT_EQ(client.close_reason().code, boost::beast::websocket::close_code::policy_error);
  EXPECT_EQ(client.close_reason().reason, "token expired");
  EXPECT_TRUE(logged("token expired"));
  EXPECT_EQ(bridge.counter("streamweaver_ws_token_expired_disconnects_total"), 1u);
}

TEST_F(AuthBridgeTest, ServerSentEventsEndWhenTheTokenExpires) {
  test::TestBridge bridge(jwt_settings());
  test::SseClient client(bridge.port(), "/sse?topics=trades&access_token=" + jwt(2));
  ASSERT_EQ(client.status(), 200u);
  EXPECT_EQ(client.next().event, "topics");
  EXPECT_EQ(client.next().event, "subscribed");
  auto last = client.next();
  EXPECT_EQ(last.event, "error");
  EXPECT_EQ(nlohmann::json::parse(last.data)["message"], "token expired");
  EXPECT_THROW(client.next(5s), std::runtime_error);  // and the stream has ended
  EXPECT_EQ(bridge.counter("streamweaver_ws_token_expired_disconnects_total"), 1u);
}

TEST_F(AuthBridgeTest, OpenPortWithAuthOffLogsAWarningLoopbackDoesNot) {
  {
    test::TestBridge loopback;  // 127.0.0.1
  }
  EXPECT_FALSE(logged("mode = \"none\""));
  auto s = test::test_settings();
  s.listen = "0.0.0.0:0";
  test::TestBridge open(s);
  EXPECT_TRUE(logged("with [bridge.auth] mode = \"none\": anyone who can reach this port can read every bridged "
                     "topic and /metrics"));
}

TEST_F(AuthBridgeTest, ForeignOriginGets403WhenAuthIsOff) {
  test::TestBridge bridge;  // mode none, default origins
  auto own = "http://127.0.0.1:" + std::to_string(bridge.port());
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", {{"Origin", "https://evil.example"}}), 403u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", {{"Origin", own}}), 101u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws", {{"Origin", "http://localhost:3000"}}), 101u);
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws"), 101u);  // no Origin: not a browser
  EXPECT_TRUE(logged("origin 'https://evil.example' is not allowed"));
}

TEST_F(AuthBridgeTest, ListedOriginsOnlyWhenConfigured) {
  auto s = token_settings();
  s.access.allowed_origins = std::vector<std::string>{"https://dash.example.com"};
  test::TestBridge bridge(s);
  auto with = [&](const char* origin) {
    auto h = bearer(kDashToken);
    h.emplace_back("Origin", origin);
    return test::upgrade_status(bridge.port(), "/ws", h);
  };
  EXPECT_EQ(with("https://dash.example.com"), 101u);
  EXPECT_EQ(with("https://evil.example"), 403u);
}

TEST_F(AuthBridgeTest, MetricsAndHealthNeedTheAdminToken) {
  auto s = token_settings();
  s.access.admin_token = kAdminToken;
  test::TestBridge bridge(s, HttpHandlers{.health_json = [] { return HttpReply{200, "{}"}; },
                                          .metrics_text = [] { return HttpReply{200, "up 1\n"}; }});
  EXPECT_EQ(test::http_request(bridge.port(), "/metrics").status, 401u);
  EXPECT_EQ(test::http_request(bridge.port(), "/health", boost::beast::http::verb::get, bearer(kDashToken)).status, 401u);
  EXPECT_EQ(test::http_request(bridge.port(), "/metrics", boost::beast::http::verb::get, bearer(kAdminToken)).body, "up 1\n");
  EXPECT_EQ(test::http_request(bridge.port(), "/health?access_token=" + kAdminToken).status, 200u);
  // Not an admin endpoint: a client token, like a stream.
  EXPECT_EQ(test::http_request(bridge.port(), "/api/topics").status, 401u);
  EXPECT_EQ(test::http_request(bridge.port(), "/api/topics", boost::beast::http::verb::get, bearer(kDashToken)).status, 200u);
}

TEST_F(AuthBridgeTest, AdminListenServesMetricsAndHealthThereOnly) {
  auto s = test::test_settings();
  s.access.admin_listen = "127.0.0.1:0";
  test::TestBridge bridge(s, HttpHandlers{.health_json = [] { return HttpReply{200, "{}"}; },
                                          .metrics_text = [] { return HttpReply{200, "up 1\n"}; }});
  ASSERT_NE(bridge.server.admin_port(), 0);
  EXPECT_EQ(test::http_request(bridge.port(), "/metrics").status, 404u);
  EXPECT_EQ(test::http_request(bridge.port(), "/health").status, 404u);
  EXPECT_EQ(test::http_request(bridge.server.admin_port(), "/metrics").body, "up 1\n");
  EXPECT_EQ(test::http_request(bridge.server.admin_port(), "/health").status, 200u);
  EXPECT_EQ(test::http_request(bridge.server.admin_port(), "/api/topics").status, 404u);
  EXPECT_EQ(test::upgrade_status(bridge.server.admin_port(), "/ws"), 404u);
}

TEST_F(AuthBridgeTest, SubscribeRateLimitAnswersWithAnErrorFrameAndKeepsTheConnection) {
  auto s = token_settings();
  s.access.max_subscribes_per_s = 2;
  test::TestBridge bridge(s);
  test::WsClient client(bridge.port(), test::WsOptions{.headers = bearer(kDashToken)});
  for (int i = 0; i < 3; ++i) client.send(R"({"op":"subscribe","topics":["trades"]})");
  EXPECT_EQ(client.read_json()["op"], "subscribed");
  EXPECT_EQ(client.read_json()["op"], "subscribed");
  EXPECT_EQ(client.read_json()["message"], "subscribe refused: more than 2 subscribe requests per second on this connection");
  bridge.publish("trades", 7);
  EXPECT_EQ(client.read_json()["offset"], 7);  // still connected and subscribed
  EXPECT_NE(bridge.registry.prometheus_text().find("streamweaver_ws_subscribes_rate_limited_total 1"), std::string::npos);
}

// 2,000 connection attempts from 127.0.0.1, all held open: only max_connections_per_ip of
// them are served, the rest get 503 and are counted; a client from 127.0.0.2 still
// connects and gets data, and the total cap holds too.
TEST_F(AuthBridgeTest, ConnectionCapsHoldUnderTwoThousandAttemptsFromOneAddress) {
  constexpr std::size_t attempts = 2000, per_ip = 50, total = 60;
  auto s = test::test_settings();
  s.access.max_connections = total;
  s.access.max_connections_per_ip = per_ip;
  test::TestBridge bridge(s);
  const tcp::endpoint server(net::ip::make_address("127.0.0.1"), bridge.port());

  net::io_context ioc;
  std::vector<tcp::socket> sockets;
  sockets.reserve(attempts);
  const std::string request = "GET /api/topics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (std::size_t i = 0; i < attempts; ++i) {
    auto& socket = sockets.emplace_back(ioc);
    socket.connect(server);
    net::write(socket, net::buffer(request));
  }
  // Every attempt gets an answer: 200 for those with a slot, 503 for the others.
  std::size_t ok = 0, busy = 0;
  for (auto& socket : sockets) {
    timeval timeout{.tv_sec = 10, .tv_usec = 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    net::streambuf buffer;
    net::read_until(socket, buffer, "\r\n");
    std::string status_line{net::buffers_begin(buffer.data()), net::buffers_end(buffer.data())};
    if (status_line.starts_with("HTTP/1.1 200")) ++ok;
    else if (status_line.starts_with("HTTP/1.1 503")) ++busy;
  }
  EXPECT_EQ(ok, per_ip);
  EXPECT_EQ(busy, attempts - per_ip);
  auto text = bridge.registry.prometheus_text();
  EXPECT_NE(text.find("streamweaver_bridge_connections_refused_total{cap=\"per_ip\"} " +
                      std::to_string(attempts - per_ip)),
            std::string::npos);
  EXPECT_NE(text.find("streamweaver_bridge_max_connections_per_ip " + std::to_string(per_ip)), std::string::npos);

  // The 50 from 127.0.0.1 are still open; another address is served.
  test::WsClient other(bridge.port(), test::WsOptions{.target = "/ws?topics=trades", .bind_address = "127.0.0.2"});
  EXPECT_EQ(other.read_json()["op"], "subscribed");
  bridge.publish("trades", 1);
  EXPECT_EQ(other.read_json()["offset"], 1);

  // Up to the total cap (60 = 50 + this client + 9 more), then 503 from any address.
  std::vector<tcp::socket> more;
  for (std::size_t i = 0; i < total - per_ip - 1; ++i) {
    auto& socket = more.emplace_back(ioc);
    socket.open(tcp::v4());
    socket.bind({net::ip::make_address("127.0.0.3"), 0});
    socket.connect(server);
  }
  EXPECT_EQ(test::upgrade_status(bridge.port(), "/ws"), 503u);
  EXPECT_NE(bridge.registry.prometheus_text().find("streamweaver_bridge_connections_refused_total{cap=\"total\"} 1"),
            std::string::npos);
}

TEST_F(AuthBridgeTest, ServerSentEventsFollowTheSameToken) {
  test::TestBridge bridge(token_settings());
  test::SseClient none(bridge.port(), "/sse?topics=trades");
  EXPECT_EQ(none.status(), 401u);
  test::SseClient forbidden(bridge.port(), "/sse?topics=logs&access_token=" + kDashToken);
  EXPECT_EQ(forbidden.status(), 403u);
  EXPECT_NE(forbidden.error_body().find("topic 'logs' not allowed for this token"), std::string::npos);
  test::SseClient partly(bridge.port(), "/sse?topics=trades,logs&access_token=" + kDashToken);
  EXPECT_EQ(partly.status(), 200u);
  std::vector<std::string> events;
  for (int i = 0; i < 3; ++i) events.push_back(partly.next().event);
  EXPECT_EQ(events, (std::vector<std::string>{"topics", "error", "subscribed"}));
  bridge.publish("trades", 4);
  EXPECT_EQ(nlohmann::json::parse(partly.next().data)["offset"], 4);
}
