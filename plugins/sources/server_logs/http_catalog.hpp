#pragma once
// The built-in traffic mix of the server_logs source: endpoints, error codes, user agents.
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace streamweaver::sources::server_logs {

struct Endpoint {
  std::string_view method;
  std::string_view path;        // with {id}, {page} or {term} slots
  double weight;                // share of traffic
  double latency_factor;        // times latency_median_ms
  int success_status;
  double median_bytes;          // response size when it succeeds
  std::string_view user_agent;  // set for machine callers (probes, scrapers); empty: any
};

struct WeightedStatus {
  int status;
  double weight;
};

struct WeightedUserAgent {
  std::string_view user_agent;
  double weight;
};

std::span<const Endpoint> endpoints();
std::span<const WeightedStatus> client_errors();  // 4xx
std::span<const WeightedStatus> server_errors();  // 5xx
std::span<const WeightedUserAgent> user_agents();
// Path slots: names in slot-index order, and the words for {term}.
enum PathSlot : std::size_t { id_slot, page_slot, term_slot };
const std::vector<std::string_view>& path_slot_names();
std::span<const std::string_view> search_terms();

}  // namespace streamweaver::sources::server_logs
