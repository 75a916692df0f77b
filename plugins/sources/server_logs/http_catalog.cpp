#include "http_catalog.hpp"

#include <array>

namespace streamweaver::sources::server_logs {
namespace {

// A shop API: product reads dominate, writes are rare and slower, search is the slowest.
constexpr std::array kEndpoints{
    Endpoint{"GET", "/api/v1/products?page={page}&limit=50", 14, 1.0, 200, 18'000, {}},
    Endpoint{"GET", "/api/v1/products/{id}", 22, 0.6, 200, 2'400, {}},
    Endpoint{"GET", "/api/v1/products/{id}/reviews", 6, 1.4, 200, 9'000, {}},
    Endpoint{"GET", "/api/v1/users/{id}", 10, 0.5, 200, 1'100, {}},
    Endpoint{"PUT", "/api/v1/users/{id}", 2, 1.2, 200, 1'100, {}},
    Endpoint{"GET", "/api/v1/users/{id}/orders", 6, 1.5, 200, 6'500, {}},
    Endpoint{"POST", "/api/v1/orders", 4, 2.5, 201, 850, {}},
    Endpoint{"GET", "/api/v1/orders/{id}", 6, 0.8, 200, 1'500, {}},
    Endpoint{"POST", "/api/v1/cart/items", 5, 0.9, 201, 420, {}},
    Endpoint{"DELETE", "/api/v1/cart/items/{id}", 2, 0.7, 204, 0, {}},
    Endpoint{"GET", "/api/v1/search?q={term}", 8, 3.0, 200, 12'000, {}},
    Endpoint{"POST", "/api/v1/auth/login", 3, 2.0, 200, 620, {}},
    Endpoint{"POST", "/api/v1/auth/refresh", 3, 0.4, 200, 540, {}},
    Endpoint{"GET", "/healthz", 5, 0.05, 200, 15, "kube-probe/1.29"},
    Endpoint{"GET", "/metrics", 2, 0.2, 200, 42'000, "Prometheus/2.48.1"},
};

constexpr std::array kClientErrors{
    WeightedStatus{400, 15}, WeightedStatus{401, 15}, WeightedStatus{403, 8},
    WeightedStatus{404, 45}, WeightedStatus{409, 5},  WeightedStatus{422, 7},
    WeightedStatus{429, 5},
};

constexpr std::array kServerErrors{
    WeightedStatus{500, 40}, WeightedStatus{502, 25}, WeightedStatus{503, 25},
    WeightedStatus{504, 10},
};

constexpr std::array kUserAgents{
    WeightedUserAgent{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
                      "like Gecko) Chrome/120.0.0.0 Safari/537.36", 30},
    WeightedUserAgent{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
                      "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", 14},
    WeightedUserAgent{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
                      "(KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1", 18},
    WeightedUserAgent{"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", 6},
    WeightedUserAgent{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
                      "like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", 7},
    WeightedUserAgent{"okhttp/4.12.0", 10},
    WeightedUserAgent{"python-requests/2.31.0", 6},
    WeightedUserAgent{"Go-http-client/1.1", 5},
    WeightedUserAgent{"curl/8.5.0", 4},
};

constexpr std::array<std::string_view, 12> kSearchTerms{
    "laptop",       "headphones", "coffee+grinder", "running+shoes", "usb-c+cable", "desk+lamp",
    "water+bottle", "backpack",   "keyboard",       "monitor",       "yoga+mat",    "tent"};

}  // namespace

std::span<const Endpoint> endpoints() { return kEndpoints; }
std::span<const WeightedStatus> client_errors() { return kClientErrors; }
std::span<const WeightedStatus> server_errors() { return kServerErrors; }
std::span<const WeightedUserAgent> user_agents() { return kUserAgents; }

const std::vector<std::string_view>& path_slot_names() {
  static const std::vector<std::string_view> names{"id", "page", "term"};
  return names;
}

std::span<const std::string_view> search_terms() { return kSearchTerms; }

}  // namespace streamweaver::sources::server_logs
