// server_logs: HTTP access logs of a small fleet, with occasional error bursts on one host.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include <streamweaver/sdk.hpp>

#include "client_pool.hpp"
#include "common/event_clock.hpp"
#include "common/numbers.hpp"
#include "common/seeded_rng.hpp"
#include "common/slot_template.hpp"
#include "common/weighted_choice.hpp"
#include "error_bursts.hpp"
#include "http_catalog.hpp"
#include "log_settings.hpp"

namespace streamweaver::sources::server_logs {
namespace {

constexpr std::size_t kClientCount = 300;
constexpr std::int64_t kMaxResourceId = 99'999;
constexpr std::int64_t kMaxPage = 20;
// Spread of response sizes around an endpoint's median.
constexpr double kBytesSigma = 0.35;
// A 4xx is refused before the real work; a 5xx often waits on a failing dependency.
constexpr double kClientErrorLatencyFactor = 0.3;
constexpr double kServerErrorLatencyFactor = 2.0;
// A 504 is the gateway giving up after its timeout.
constexpr double kGatewayTimeoutMs = 30'000;

template <class Entry, class Field>
std::vector<double> weights_of(std::span<const Entry> entries, Field field) {
  std::vector<double> weights;
  for (const auto& entry : entries) weights.push_back(entry.*field);
  return weights;
}

void append_integer(std::string& out, std::int64_t value) {
  char digits[24];
  auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

struct Route {
  const Endpoint* endpoint;
  SlotTemplate path;
};

std::vector<Route> compile_routes() {
  std::vector<Route> routes;
  for (const auto& endpoint : endpoints())
    routes.push_back({&endpoint, SlotTemplate(endpoint.path, path_slot_names())});
  return routes;
}

class ServerLogsSource {
 public:
  explicit ServerLogsSource(const Options& options)
      : settings_(LogSettings::from(options)),
        rng_(seed_from(options)),
        routes_(compile_routes()),
        route_choice_(weights_of(endpoints(), &Endpoint::weight)),
        client_errors_(weights_of(client_errors(), &WeightedStatus::weight)),
        server_errors_(weights_of(server_errors(), &WeightedStatus::weight)),
        user_agents_(weights_of(user_agents(), &WeightedUserAgent::weight)),
        clients_(rng_, kClientCount),
        bursts_(settings_.burst_probability, settings_.burst_length_records) {}

  Status next(Record& out) {
    auto host = rng_.index(settings_.hosts.size());
    bool in_burst = bursts_.advance(rng_, settings_.hosts.size()) == host;
    const Route& route = routes_[route_choice_.pick(rng_)];
    const Endpoint& endpoint = *route.endpoint;
    int status = draw_status(endpoint, in_burst);
    double latency_ms = draw_latency_ms(endpoint, status, in_burst);
    std::int64_t bytes = draw_bytes(endpoint, status);

    auto& path = path_;
    path.clear();
    route.path.render(path, [&](std::string& into, std::size_t slot) {
      if (slot == id_slot) append_integer(into, rng_.uniform_int(1, kMaxResourceId));
      else if (slot == page_slot) append_integer(into, rng_.uniform_int(1, kMaxPage));
      else into += search_terms()[rng_.index(search_terms().size())];
    });
    std::string_view user_agent = endpoint.user_agent.empty()
                                      ? user_agents()[user_agents_.pick(rng_)].user_agent
                                      : endpoint.user_agent;
    const std::string& host_name = settings_.hosts[host];
    auto time = clock_.now();

    auto client_ip = clients_.pick(rng_);  // drawn before the trace id, as always
    auto trace = trace_id();
    std::string_view trace_text(trace.data(), trace.size());
    JsonObjectWriter(out.json)  // in key order, as nlohmann::json writes them
        .field("bytes", bytes)
        .field("client_ip", client_ip)
        .field("host", host_name)
        .field("latency_ms", round_to<1>(latency_ms))
        .field("method", endpoint.method)
        .field("path", path)
        .field("status", status)
        .field("timestamp", time.iso)
        .field("trace_id", trace_text)
        .field("user_agent", user_agent);
    out.key = host_name;
    out.timestamp_ms = time.ms;
    return Status::ok();
  }

 private:
  int draw_status(const Endpoint& endpoint, bool in_burst) {
    double share_5xx = in_burst ? settings_.burst_5xx_ratio : settings_.error_5xx_ratio;
    double share_4xx = std::min(settings_.error_4xx_ratio, 1 - share_5xx);
    double draw = rng_.uniform();
    if (draw < share_5xx) return server_errors()[server_errors_.pick(rng_)].status;
    if (draw < share_5xx + share_4xx) return client_errors()[client_errors_.pick(rng_)].status;
    return endpoint.success_status;
  }

  // Log-normal: most requests near the median, a long tail of slow ones.
  double draw_latency_ms(const Endpoint& endpoint, int status, bool in_burst) {
    if (status == 504) return kGatewayTimeoutMs * rng_.uniform(1.0, 1.01);
    double latency = settings_.latency_median_ms * endpoint.latency_factor *
                     std::exp(settings_.latency_sigma * rng_.normal());
    if (status >= 500) latency *= kServerErrorLatencyFactor;
    else if (status >= 400) latency *= kClientErrorLatencyFactor;
    if (in_burst) latency *= settings_.burst_latency_multiplier;
    return latency;
  }

  std::int64_t draw_bytes(const Endpoint& endpoint, int status) {
    if (status == 204) return 0;
    if (status >= 500) return rng_.uniform_int(150, 580);  // a proxy's error page
    if (status >= 400) return rng_.uniform_int(90, 260);   // a JSON error body
    return static_cast<std::int64_t>(endpoint.median_bytes * std::exp(kBytesSigma * rng_.normal()));
  }

  // 128 random bits as 32 lower-case hex digits, as in W3C Trace Context.
  std::array<char, 32> trace_id() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::array<char, 32> id;
    for (std::size_t half = 0; half < 2; ++half) {
      auto bits = rng_.bits();
      for (std::size_t i = 0; i < 16; ++i, bits >>= 4) id[half * 16 + i] = kHex[bits & 0xf];
    }
    return id;
  }

  LogSettings settings_;
  SeededRng rng_;
  std::vector<Route> routes_;  // parallel to endpoints()
  WeightedChoice route_choice_;
  WeightedChoice client_errors_;
  WeightedChoice server_errors_;
  WeightedChoice user_agents_;
  ClientPool clients_;
  ErrorBursts bursts_;
  EventClock clock_;
  std::string path_;  // the record's path, kept from record to record with its memory
};

}  // namespace
}  // namespace streamweaver::sources::server_logs

STREAMWEAVER_SOURCE_PLUGIN(streamweaver::sources::server_logs::ServerLogsSource, {
    .name = "server_logs",
    .version = "1.0.0",
    .description = "HTTP access logs (timestamp, host, method, path, status, latency_ms, "
                   "bytes, client_ip, user_agent, trace_id) of a REST API fleet, with "
                   "occasional error bursts on one host. Key: host",
    .options = {
        {.name = "hosts", .type = streamweaver::OptionType::string_list,
         .default_value = {"api-1", "api-2", "api-3", "api-4"},
         .description = "Service instances serving the traffic, evenly loaded"},
        {.name = "error_4xx_ratio", .type = streamweaver::OptionType::number,
         .default_value = 0.05,
         .description = "Share of requests answered with a 4xx, in [0, 1]"},
        {.name = "error_5xx_ratio", .type = streamweaver::OptionType::number,
         .default_value = 0.01,
         .description = "Share of requests answered with a 5xx outside bursts, in [0, 1]"},
        {.name = "burst_probability", .type = streamweaver::OptionType::number,
         .default_value = 0.0005,
         .description = "Chance per record that an error burst starts on one random host "
                        "when none is running, in [0, 1]; 0 disables bursts"},
        {.name = "burst_length_records", .type = streamweaver::OptionType::integer,
         .default_value = 500,
         .description = "How long a burst lasts, counted in records of all hosts"},
        {.name = "burst_5xx_ratio", .type = streamweaver::OptionType::number,
         .default_value = 0.35,
         .description = "Share of 5xx on the bursting host during a burst, in [0, 1]"},
        {.name = "burst_latency_multiplier", .type = streamweaver::OptionType::number,
         .default_value = 6.0,
         .description = "How much slower the bursting host answers, in [1, 100]"},
        {.name = "latency_median_ms", .type = streamweaver::OptionType::number,
         .default_value = 35.0,
         .description = "Median latency of a typical endpoint in ms; each endpoint scales "
                        "it (search is slower, health checks faster)"},
        {.name = "latency_sigma", .type = streamweaver::OptionType::number,
         .default_value = 0.7,
         .description = "Log-normal shape of latency, in (0, 3]: larger means a longer tail "
                        "(0.7 puts p99 near 5x the median)"},
        streamweaver::sources::seed_option(),
    },
    .display = {.title = "Server logs",
                .chart = {{"latency_ms", "ms"}, {"bytes", "B"}},
                .series = "host",
                .breakdown = "status",
                .hide = {"user_agent", "trace_id"}},
})
