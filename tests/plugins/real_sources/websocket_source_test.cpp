// The websocket source against a WebSocket server written here (Boost.Beast), so the test
// decides what the feed sends and when it drops.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include <streamweaver/testkit.hpp>

#include "source_harness.hpp"

using namespace real_sources;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = boost::beast::websocket;
using tcp = asio::ip::tcp;

namespace {

using Feed = ws::stream<tcp::socket>;

// Serves connections one after the other; `script(feed, n)` runs the n-th (from 0) and
// returns to drop it, without a close frame, as a failing server would.
class FeedServer {
 public:
  explicit FeedServer(std::function<void(Feed&, int)> script) : script_(std::move(script)) {
    acceptor_.open(tcp::v4());
    acceptor_.bind({asio::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    thread_ = std::thread([this] { serve(); });
  }
  ~FeedServer() {
    stopping_ = true;
    asio::io_context io;
    tcp::socket poke(io);  // wakes the blocking accept
    beast::error_code ignored;
    poke.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  // Subscribe messages received, per connection.
  std::vector<std::string> subscriptions() {
    std::lock_guard lock(mutex_);
    return subscriptions_;
  }

 private:
  void serve() {
    for (int n = 0;; ++n) {
      beast::error_code ec;
      tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      try {
        Feed feed(std::move(socket));
        feed.accept();
        beast::flat_buffer buffer;
        feed.read(buffer);
        {
          std::lock_guard lock(mutex_);
          subscriptions_.push_back(beast::buffers_to_string(buffer.data()));
        }
        script_(feed, n);
      } catch (const std::exception&) {
        // the client went away: next connection
      }
    }
  }

  asio::io_context io_;
  tcp::acceptor acceptor_{io_};
  std::function<void(Feed&, int)> script_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::string> subscriptions_;
  std::thread thread_;
};

void send(Feed& feed, const std::string& text) {
  feed.text(true);
  feed.write(asio::buffer(text));
}

// Keeps the connection until the client goes away.
void hold(Feed& feed) {
  beast::flat_buffer buffer;
  for (;;) feed.read(buffer);
}

std::string table(std::uint16_t port, const std::string& extra = "") {
  return "[sources.src.options]\nurl = \"ws://127.0.0.1:" + std::to_string(port) +
         "/feed?token=t\"\nsubscribe = ['{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}']\n"
         "records_path = \"data[]\"\nreconnect_min_ms = 20\n" + extra;
}

struct WebSocketSourceTest : ::testing::Test {
  WebSocketSourceTest() { broker.create_topic("out", 1); }
  streamweaver::kafka::EmbeddedBroker broker;
};

}  // namespace

TEST_F(WebSocketSourceTest, MessagesAndArrayElementsBecomeRecords) {
  FeedServer server([](Feed& feed, int) {
    send(feed, R"({"type":"ping"})");
    send(feed, R"({"type":"trade","data":[{"s":"AAPL","p":189.5,"v":10},{"s":"AAPL","p":189.6,"v":3}]})");
    send(feed, R"({"type":"trade","data":{"s":"MSFT","p":410.1,"v":1}})");
    send(feed, "not json at all");
    hold(feed);
  });
  OneSource source(broker, "websocket", "key = \"s\"\n" + table(server.port()));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 4; }, 10s)) << source.health().dump();
  EXPECT_TRUE(eventually([&] { return source.figure("skipped_messages") == 1 && source.figure("parse_errors") == 1; }, 5s))
      << source.health().dump();
  EXPECT_EQ(source.health()["condition"], "connected");
  ASSERT_EQ(source.stop(), 0);
  EXPECT_EQ(server.subscriptions(), std::vector<std::string>{R"({"type":"subscribe","symbol":"AAPL"})"});
  auto records = read_out(broker, 4);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0]["p"], 189.5);
  EXPECT_EQ(records[0]["_key"], "AAPL");
  EXPECT_EQ(records[1]["v"], 3);
  EXPECT_EQ(records[2]["s"], "MSFT");
  EXPECT_EQ(records[3]["message"], "not json at all");
  EXPECT_EQ(records[3]["parse_error"], "not JSON");
}

TEST_F(WebSocketSourceTest, WithoutARecordsPathEachElementOfAnArrayMessageIsARecord) {
  FeedServer server([](Feed& feed, int) {
    send(feed, R"([{"n":1},{"n":2}])");
    send(feed, R"({"n":3})");
    send(feed, "[4]");
    hold(feed);
  });
  OneSource source(broker, "websocket",
                   "[sources.src.options]\nurl = \"ws://127.0.0.1:" + std::to_string(server.port()) +
                       "/feed\"\nsubscribe = ['{\"type\":\"subscribe\"}']\n");  // the server waits for one
  ASSERT_TRUE(eventually([&] { return source.delivered() == 4; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  auto records = read_out(broker, 4);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0]["n"], 1);
  EXPECT_EQ(records[1]["n"], 2);
  EXPECT_EQ(records[2]["n"], 3);
  EXPECT_EQ(records[3]["value"], 4);  // not an object: wrapped
}

TEST_F(WebSocketSourceTest, ReconnectsAfterTheServerDropsWithoutDuplicates) {
  FeedServer server([](Feed& feed, int connection) {
    for (int i = 1; i <= 3; ++i)
      send(feed, R"({"data":[{"seq":)" + std::to_string(connection * 3 + i) + "}]}");
    if (connection == 0) return;  // dropped: the socket closes without a close frame
    hold(feed);
  });
  OneSource source(broker, "websocket", table(server.port()));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 6; }, 10s)) << source.health().dump();
  EXPECT_TRUE(eventually([&] { return source.figure("reconnects") == 1; }, 5s)) << source.health().dump();
  EXPECT_EQ(server.subscriptions().size(), 2u) << "subscribed again after reconnecting";
  ASSERT_EQ(source.stop(), 0);
  EXPECT_EQ(streamweaver::test_support::topic_size(broker.bootstrap_servers(), "out"), 6) << "a duplicate";
  auto records = read_out(broker, 6);
  ASSERT_EQ(records.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(records[static_cast<std::size_t>(i)]["seq"], i + 1);
}

TEST(WebSocketSourceOptions, MistakesAreRefusedAtCheckTime) {
  auto plugin = streamweaver::testkit::load(WEBSOCKET_PLUGIN_PATH);
  auto refusal = [&](nlohmann::json options) {
    try {
      plugin.make_source(std::move(options));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refusal({{"url", "http://x"}}), "websocket: option 'url' must start with ws:// or wss://, got 'http://x'");
  EXPECT_EQ(refusal({{"url", "ws://x:99999/"}}),
            "websocket: option 'url' has port '99999', which is not a number in [0, 65535]");
  EXPECT_EQ(refusal({{"url", "wss://x"}, {"records_path", "data..x"}}),
            "websocket: option 'records_path' has an empty or malformed step at byte 5 of 'data..x': write fields "
            "separated by dots, e.g. \"data[]\"");
  EXPECT_EQ(refusal({{"url", "wss://x"}, {"reconnect_min_ms", 100}, {"reconnect_max_ms", 10}}),
            "websocket: option 'reconnect_max_ms' must be at least reconnect_min_ms (100), got 10");
  EXPECT_EQ(refusal({{"url", "wss://ws-feed.exchange.coinbase.com"}}), "accepted");  // no connection at check
}
