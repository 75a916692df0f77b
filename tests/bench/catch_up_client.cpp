#include "catch_up_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <stdexcept>
#include <string_view>

#include "bench_support.hpp"
#include "kafka/producer.hpp"

namespace streamweaver::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

CatchUpFigures read_catch_up(std::uint16_t port, const std::string& target, std::uint64_t wanted,
                             double deadline_s) {
  net::io_context ioc;
  beast::websocket::stream<tcp::socket> ws(ioc);
  ws.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
  CatchUpFigures f;
  auto start = Clock::now();
  ws.handshake("127.0.0.1", target);
  beast::flat_buffer buffer;
  constexpr std::string_view kDataPrefix = R"({"topic":)";
  while (f.records < wanted && seconds_since(start) < deadline_s) {
    buffer.clear();
    ws.read(buffer);
    std::string_view text(static_cast<const char*>(buffer.data().data()), buffer.size());
    for (auto at = text.find(kDataPrefix); at != std::string_view::npos; at = text.find(kDataPrefix, at + 1))
      ++f.records;
  }
  f.seconds = seconds_since(start);
  f.complete = f.records >= wanted;
  beast::error_code ec;
  ws.next_layer().close(ec);
  return f;
}

void prefill_topic(const std::string& bootstrap, const std::string& topic, std::size_t count) {
  kafka::Producer producer({{"bootstrap.servers", bootstrap}});
  const char* symbols[] = {"AAPL", "GOOGL", "MSFT", "AMZN", "TSLA", "NVDA", "META", "NFLX"};
  std::stop_source never;
  for (std::size_t i = 0; i < count; ++i) {
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch()).count();
    std::string symbol = symbols[i % 8];
    std::string value = R"({"symbol":")" + symbol + R"(","price":187.25,"quantity":100,"side":"BUY","trade_id":")" +
                        std::to_string(i) + R"(","timestamp":)" + std::to_string(now) + "}";
    producer.produce({.topic = topic, .key = symbol, .value = value, .timestamp_ms = now}, never.get_token());
  }
  if (producer.flush(std::chrono::seconds(60)) != 0)
    throw std::runtime_error("prefill: Kafka did not take every record");
}

}  // namespace streamweaver::bench
