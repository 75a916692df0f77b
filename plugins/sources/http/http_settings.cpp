#include "http_settings.hpp"

#include <charconv>
#include <cstdlib>

#include <streamweaver/option_checks.hpp>

namespace streamweaver::sources::http {

boost::asio::ip::tcp::endpoint parse_listen(const std::string& text, const char* option) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    refuse_option(option, "must be HOST:PORT, e.g. \"127.0.0.1:8090\", got '" + text + "'");
  auto host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto port_text = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535)
    refuse_option(option, "has port '" + port_text + "', which is not a number in [0, 65535]");
  boost::system::error_code bad;
  auto address = boost::asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, bad);
  if (bad) refuse_option(option, "has host '" + host + "', which is not an IP address");
  return {address, static_cast<unsigned short>(port)};
}

HttpSettings HttpSettings::from(const Options& options) {
  HttpSettings s;
  s.listen = parse_listen(options.get<std::string>("listen"), "listen");
  auto ack = options.get<std::string>("ack");
  if (ack != "accepted" && ack != "delivered")
    refuse_option("ack", "must be \"accepted\" or \"delivered\", got '" + ack + "'");
  s.ack_delivered = ack == "delivered";
  s.max_queue_records = static_cast<std::size_t>(checked_integer(options, "max_queue_records", {.low = 1, .high = 1e7}));
  s.server.max_body_bytes = static_cast<std::size_t>(checked_integer(options, "max_body_bytes", {.low = 1, .high = 1 << 30}));
  s.server.delivery_timeout =
      std::chrono::milliseconds(checked_integer(options, "delivery_timeout_ms", {.low = 1, .high = 3'600'000}));
  auto token_env = options.get<std::string>("token_env");
  if (!token_env.empty()) {
    const char* token = std::getenv(token_env.c_str());
    if (token == nullptr || *token == '\0')
      refuse_option("token_env", "names the environment variable " + token_env + ", which is not set or empty");
    s.server.token = token;
  }
  return s;
}

}  // namespace streamweaver::sources::http
