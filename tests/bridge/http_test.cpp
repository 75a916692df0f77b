#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "temp_web_root.hpp"
#include "test_bridge.hpp"
#include "test_client.hpp"

using namespace streamweaver::bridge;
using boost::beast::http::verb;
using test::http_request;

namespace {

struct BridgeWithWebRoot : ::testing::Test {
  test::TempWebRoot web;
  BridgeSettings settings = [this] {
    auto s = test::test_settings();
    s.web_root = web.root();
    return s;
  }();
  test::TestBridge bridge{settings, HttpHandlers{
                                        .health_json = [] { return HttpReply{200, R"({"status":"ok"})"}; },
                                        .metrics_text = [] { return HttpReply{200, "streamweaver_up 1\n"}; },
                                    }};
};

}  // namespace

TEST_F(BridgeWithWebRoot, HealthAndMetricsComeFromTheHandlers) {
  auto health = http_request(bridge.port(), "/health");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(health.content_type, "application/json");
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  auto metrics = http_request(bridge.port(), "/metrics");
  EXPECT_EQ(metrics.status, 200u);
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(metrics.body, "streamweaver_up 1\n");
}

TEST_F(BridgeWithWebRoot, ServesStaticFilesWithContentTypes) {
  auto index = http_request(bridge.port(), "/");
  EXPECT_EQ(index.status, 200u);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<title>StreamWeaver</title>"), std::string::npos);
  auto js = http_request(bridge.port(), "/app.js?v=3");
  EXPECT_EQ(js.status, 200u);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body, "console.log('hi');");
  EXPECT_EQ(http_request(bridge.port(), "/style.css").content_type, "text/css; charset=utf-8");
  auto head = http_request(bridge.port(), "/app.js", verb::head);
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.body, "");
}

TEST_F(BridgeWithWebRoot, NothingOutsideTheWebRootCanBeRead) {
  for (const char* target : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fCMakeLists.txt",
                             "/../CMakeLists.txt", "/%2E%2E%2FCMakeLists.txt", "/escape.txt",
                             "//etc/passwd", "/app.js%00.html", "/sub/..%2f..%2fCMakeLists.txt"}) {
    auto res = http_request(bridge.port(), target);
    EXPECT_TRUE(res.status == 404 || res.status == 403) << target << " -> " << res.status;
    EXPECT_EQ(res.body.find(test::secret_text), std::string::npos) << target;
  }
}

TEST_F(BridgeWithWebRoot, UnknownPathsAndMethods) {
  EXPECT_EQ(http_request(bridge.port(), "/nope.html").status, 404u);
  EXPECT_EQ(http_request(bridge.port(), "/sub").status, 404u);
  EXPECT_EQ(http_request(bridge.port(), "/health", verb::post).status, 405u);
  EXPECT_EQ(http_request(bridge.port(), "/ws").status, 426u);  // not an upgrade
}

TEST(BridgeHttp, WithoutWebRootOrHandlersEverythingElseIs404) {
  test::TestBridge bridge;
  EXPECT_EQ(http_request(bridge.port(), "/").status, 404u);
  EXPECT_EQ(http_request(bridge.port(), "/health").status, 404u);
}

TEST(BridgeHttp, ApiTopicsListsTheCatalogWithRates) {
  test::TestBridge bridge;
  bridge.hub.set_catalog({{.name = "trades", .writers = {{"source", "stock", "stock", "output"}}}});
  auto response = http_request(bridge.port(), "/api/topics");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.content_type, "application/json");
  auto topics = nlohmann::json::parse(response.body)["topics"];
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0]["name"], "trades");
  EXPECT_EQ(topics[0]["writers"][0]["plugin"], "stock");
  EXPECT_TRUE(topics[0]["records_per_s"].is_number());
}

TEST(BridgeHttp, TheHandlersStatusCodeIsTheResponses) {
  test::TestBridge bridge(test::test_settings(), {.health_json = [] {
                            return HttpReply{503, R"({"status":"failed"})"};
                          }});
  auto health = http_request(bridge.port(), "/health");
  EXPECT_EQ(health.status, 503u);
  EXPECT_EQ(health.body, R"({"status":"failed"})");
}

TEST(BridgeHttp, FailingHandlerIsA500NotACrash) {
  test::TestBridge bridge(test::test_settings(), {.health_json = []() -> HttpReply {
                            throw std::runtime_error("boom");
                          }});
  EXPECT_EQ(http_request(bridge.port(), "/health").status, 500u);
  EXPECT_EQ(http_request(bridge.port(), "/health").status, 500u);  // still serving
}

TEST(BridgeServer, LogsOneDashboardLineWithTheBoundPort) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  std::uint16_t port = 0;
  {
    test::TestBridge bridge;
    port = bridge.port();
  }
  spdlog::set_default_logger(previous);
  int matches = 0;
  for (const auto& line : sink->last_formatted())
    if (line.find("dashboard on http://127.0.0.1:" + std::to_string(port) + "/") !=
        std::string::npos)
      ++matches;
  EXPECT_NE(port, 0);
  EXPECT_EQ(matches, 1);
}

TEST(BridgeServer, StartFailsClearlyWhenThePortIsTaken) {
  test::TestBridge first;
  auto settings = test::test_settings();
  settings.listen = "127.0.0.1:" + std::to_string(first.port());
  Hub hub(settings, first.registry);
  Server second(settings, hub, {});
  try {
    second.start();
    FAIL() << "second server started";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot listen on " + settings.listen + ": Address already in use");
  }
}

TEST(BridgeServer, RejectsBadListenAddressesAndWebRoots) {
  streamweaver::metrics::Registry registry;
  auto settings = test::test_settings();
  Hub hub(settings, registry);
  for (const char* listen : {"127.0.0.1", "127.0.0.1:99999", "127.0.0.1:http"}) {
    settings.listen = listen;
    EXPECT_THROW(Server(settings, hub, {}).start(), std::runtime_error) << listen;
  }
  settings = test::test_settings();
  settings.web_root = "/definitely/not/here";
  EXPECT_THROW(Server(settings, hub, {}).start(), std::runtime_error);
}
