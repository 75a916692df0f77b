#include "feed_settings.hpp"

#include <streamweaver/option_checks.hpp>

namespace streamweaver::sources::websocket {

FeedUrl parse_url(const std::string& text, const char* option) {
  FeedUrl url;
  std::string rest;
  if (text.rfind("wss://", 0) == 0) {
    url.tls = true;
    rest = text.substr(6);
  } else if (text.rfind("ws://", 0) == 0) {
    rest = text.substr(5);
  } else {
    refuse_option(option, "must start with ws:// or wss://, got '" + text + "'");
  }
  auto slash = rest.find_first_of("/?");
  auto authority = rest.substr(0, slash);
  url.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (url.target.front() == '?') url.target.insert(0, "/");
  auto colon = authority.rfind(':');
  bool has_port = colon != std::string::npos && authority.find(']', colon) == std::string::npos;
  url.host = has_port ? authority.substr(0, colon) : authority;
  url.port = has_port ? authority.substr(colon + 1) : (url.tls ? "443" : "80");
  if (url.host.empty()) refuse_option(option, "has no host: '" + text + "'");
  if (url.port.empty() || url.port.find_first_not_of("0123456789") != std::string::npos || std::stoul(url.port) > 65535)
    refuse_option(option, "has port '" + url.port + "', which is not a number in [0, 65535]");
  return url;
}

FeedSettings FeedSettings::from(const Options& options) {
  FeedSettings s;
  s.url = parse_url(options.get<std::string>("url"), "url");
  s.subscribe = options.get<std::vector<std::string>>("subscribe");
  for (std::size_t i = 0; i < s.subscribe.size(); ++i)
    if (s.subscribe[i].empty()) refuse_option("subscribe", "has an empty message at index " + std::to_string(i));
  s.records_path = RecordsPath(options.get<std::string>("records_path"));
  s.tls_verify = options.get<bool>("tls_verify");
  s.reconnect_min = std::chrono::milliseconds(checked_integer(options, "reconnect_min_ms", {.low = 1, .high = 600'000}));
  s.reconnect_max = std::chrono::milliseconds(checked_integer(options, "reconnect_max_ms", {.low = 1, .high = 3'600'000}));
  if (s.reconnect_max < s.reconnect_min)
    refuse_option("reconnect_max_ms", "must be at least reconnect_min_ms (" + std::to_string(s.reconnect_min.count()) +
                                          "), got " + std::to_string(s.reconnect_max.count()));
  s.max_queue_records = static_cast<std::size_t>(checked_integer(options, "max_queue_records", {.low = 1, .high = 1e7}));
  return s;
}

}  // namespace streamweaver::sources::websocket
