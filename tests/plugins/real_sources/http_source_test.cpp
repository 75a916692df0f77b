// The http source on a real socket: answers, back-pressure, and end-to-end acknowledgement
// with Kafka held down and brought back.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <future>

#include "source_harness.hpp"

using namespace real_sources;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

struct Posted {
  unsigned status = 0;
  nlohmann::json body;
};

// One POST on a fresh connection, with a deadline so that a silent server fails the test.
Posted post(std::uint16_t port, const std::string& body, const std::string& authorization = "",
            std::chrono::seconds deadline = 20s) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(deadline);
  stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  bhttp::request<bhttp::string_body> request(bhttp::verb::post, "/events", 11);
  request.set(bhttp::field::host, "127.0.0.1");
  request.set(bhttp::field::content_type, "application/json");
  if (!authorization.empty()) request.set(bhttp::field::authorization, authorization);
  request.body() = body;
  request.prepare_payload();
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer, response);
  return {response.result_int(), nlohmann::json::parse(response.body())};
}

struct HttpSourceTest : ::testing::Test {
  HttpSourceTest() { broker.create_topic("out", 1); }
  streamweaver::kafka::EmbeddedBroker broker;
};

const char* kTable = "key = \"id\"\n[sources.src.options]\nlisten = \"127.0.0.1:0\"\nmax_body_bytes = 2048\n";

}  // namespace

TEST_F(HttpSourceTest, ObjectsArraysAndNdjsonAreAcceptedAndReachTheTopic) {
  OneSource source(broker, "http", kTable);
  auto port = source.listening_port();
  auto one = post(port, R"({"id":"a","n":1})");
  EXPECT_EQ(one.status, 202u);
  EXPECT_EQ(one.body, (nlohmann::json{{"accepted", 1}}));
  EXPECT_EQ(post(port, R"([{"id":"b","n":2},{"id":"c","n":3}])").status, 202u);
  EXPECT_EQ(post(port, "{\"id\":\"d\",\"n\":4}\n\n{\"id\":\"e\",\"n\":5}\n").body, (nlohmann::json{{"accepted", 2}}));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 5; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  auto records = read_out(broker, 5);
  ASSERT_EQ(records.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(records[static_cast<std::size_t>(i)]["n"], i + 1);
    EXPECT_EQ(records[static_cast<std::size_t>(i)]["_key"], std::string(1, static_cast<char>('a' + i)));
  }
}

TEST_F(HttpSourceTest, MistakesAreAnsweredWithWhatAndWhere) {
  ::setenv("SW_TEST_HTTP_TOKEN", "s3cret", 1);
  OneSource source(broker, "http", std::string(kTable) + "token_env = \"SW_TEST_HTTP_TOKEN\"\n");
  auto port = source.listening_port();
  const std::string auth = "Bearer s3cret";
  auto bad = post(port, "{\"id\":\"a\",\n \"n\": }", auth);
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.body["line"], 2);
  EXPECT_EQ(bad.body["column"], 7);
  EXPECT_NE(bad.body["error"].get<std::string>().find("line 2, column 7: syntax error"), std::string::npos)
      << bad.body.dump();
  auto ndjson = post(port, "{\"id\":\"a\"}\n{\"id\":\"b\",}\n", auth);
  EXPECT_EQ(ndjson.status, 400u);
  EXPECT_EQ(ndjson.body["line"], 2) << ndjson.body.dump();
  EXPECT_EQ(post(port, "[1]", auth).body["error"], "element 0 of the array is a JSON number, not an object");
  EXPECT_EQ(post(port, std::string(3000, ' ') + "{}", auth).status, 413u);
  EXPECT_EQ(post(port, R"({"id":"a"})").status, 401u);
  EXPECT_EQ(post(port, R"({"id":"a"})", "Bearer wrong").status, 401u);
  EXPECT_EQ(post(port, R"({"id":"a"})", auth).status, 202u);
  ASSERT_TRUE(eventually([&] { return source.delivered() == 1; }, 10s)) << source.health().dump();
  EXPECT_TRUE(eventually([&] { return source.figure("refused") == 6; }, 5s)) << source.health().dump();
}

TEST_F(HttpSourceTest, BackPressureIsAnswered429) {
  // Room for 2 records in the producer and 2 in the source: with Kafka away, posts soon find no room.
  OneSource source(broker, "http", std::string(kTable) + "max_queue_records = 2\n",
                   "[kafka.producer]\n\"queue.buffering.max.messages\" = \"2\"\n");
  auto port = source.listening_port();
  ASSERT_EQ(post(port, R"({"id":"first"})").status, 202u);
  ASSERT_TRUE(eventually([&] { return source.delivered() == 1; }, 10s)) << source.health().dump();
  broker.set_down(1);
  unsigned status = 0;
  int accepted = 0;
  while (accepted < 20 && (status = post(port, R"({"id":"x"})").status) == 202) ++accepted;
  EXPECT_EQ(status, 429u);
  EXPECT_GE(accepted, 2);  // the source's own queue at least
  EXPECT_LT(accepted, 20);
  broker.set_up(1);
  ASSERT_TRUE(eventually([&] { return source.delivered() == 1u + static_cast<std::uint64_t>(accepted); }, 30s))
      << source.health().dump();
  ASSERT_TRUE(eventually([&] { return source.figure("throttled") == 1; }, 5s)) << source.health().dump();
  EXPECT_EQ(post(port, R"({"id":"y"})").status, 202u);  // room again
  ASSERT_TRUE(eventually([&] { return source.delivered() == 2u + static_cast<std::uint64_t>(accepted); }, 30s));
  ASSERT_EQ(source.stop(), 0);
  EXPECT_EQ(streamweaver::test_support::topic_size(broker.bootstrap_servers(), "out"), 2 + accepted);
}

TEST_F(HttpSourceTest, DeliveredAckIsAnsweredOnlyOnceKafkaHasTheRecords) {
  OneSource source(broker, "http", std::string(kTable) + "ack = \"delivered\"\n");
  auto port = source.listening_port();
  EXPECT_EQ(post(port, R"({"id":"before"})").body, (nlohmann::json{{"delivered", 1}}));

  broker.set_down(1);
  auto answer = std::async(std::launch::async, [&] { return post(port, R"([{"id":"a"},{"id":"b"}])", "", 60s); });
  // The records are handed to Kafka, which does not acknowledge them: no answer yet.
  ASSERT_TRUE(eventually([&] { return source.health()["produced"] == 3; }, 10s)) << source.health().dump();
  EXPECT_EQ(source.delivered(), 1u);
  EXPECT_EQ(answer.wait_for(0s), std::future_status::timeout) << "answered before Kafka had the records";

  broker.set_up(1);
  auto posted = answer.get();
  EXPECT_EQ(posted.status, 200u);
  EXPECT_EQ(posted.body, (nlohmann::json{{"delivered", 2}}));
  ASSERT_TRUE(eventually([&] { return source.delivered() == 3; }, 10s)) << source.health().dump();
  ASSERT_EQ(source.stop(), 0);
  EXPECT_EQ(read_out(broker, 3).size(), 3u);
}

TEST_F(HttpSourceTest, DeliveredAckSaysWhenRecordsDidNotMakeIt) {
  const std::string table = "[sources.src.options]\nlisten = \"127.0.0.1:0\"\nack = \"delivered\"\nmax_body_bytes = 300000\n";
  {  // error_rate (which emits only alerts) rejects a record without a status
    OneSource source(broker, "http", table + "[[sources.src.transforms]]\nplugin = \"error_rate\"\noptions = { by = \"id\" }\n");
    auto rejected = post(source.listening_port(), R"([{"id":"a","status":200},{"id":"b"}])");
    EXPECT_EQ(rejected.status, 500u);
    EXPECT_EQ(rejected.body["failed"], 1);
    EXPECT_EQ(rejected.body["error"].get<std::string>().rfind("1 of 2 records were not delivered: rejected by 0:error_rate: ", 0), 0u)
        << rejected.body.dump();
  }
  // Kafka refuses a record over message.max.bytes.
  OneSource source(broker, "http", table, "[kafka.producer]\n\"message.max.bytes\" = \"100000\"\n");
  auto port = source.listening_port();
  auto refused = post(port, R"({"id":"c","pad":")" + std::string(200'000, 'x') + "\"}");
  EXPECT_EQ(refused.status, 500u);
  EXPECT_NE(refused.body.value("error", "").find("too large"), std::string::npos) << refused.body.dump();
  EXPECT_EQ(post(port, R"({"id":"d"})").body, (nlohmann::json{{"delivered", 1}}));
}
