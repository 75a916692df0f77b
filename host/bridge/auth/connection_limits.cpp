#include "bridge/auth/connection_limits.hpp"

namespace streamweaver::bridge::auth {

ConnectionLimits::ConnectionLimits(std::size_t max_total, std::size_t max_per_ip, AccessMetrics& metrics)
    : max_total_(max_total), max_per_ip_(max_per_ip), metrics_(metrics) {
  metrics_.max_connections.set(static_cast<std::int64_t>(max_total));
  metrics_.max_connections_per_ip.set(static_cast<std::int64_t>(max_per_ip));
}

std::optional<ConnectionSlot> ConnectionLimits::try_admit(const boost::asio::ip::address& client) {
  // An IPv4 client on a dual-stack socket counts as its IPv4 address.
  auto address = client;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  auto key = address.to_string();
  {
    std::lock_guard lock(mutex_);
    if (total_ >= max_total_) {
      metrics_.refused_total_cap.inc();
      return std::nullopt;
    }
    auto& mine = per_ip_[key];
    if (mine >= max_per_ip_) {
      metrics_.refused_per_ip_cap.inc();
      return std::nullopt;
    }
    ++mine;
    ++total_;
    metrics_.connections.set(static_cast<std::int64_t>(total_));
  }
  // The deleter holds the limits alive: a connection may outlive the server's bookkeeping.
  return ConnectionSlot(static_cast<const void*>(this),
                        [self = shared_from_this(), key = std::move(key)](const void*) { self->release(key); });
}

void ConnectionLimits::release(const std::string& client) {
  std::lock_guard lock(mutex_);
  if (auto it = per_ip_.find(client); it != per_ip_.end() && --it->second == 0) per_ip_.erase(it);
  --total_;
  metrics_.connections.set(static_cast<std::int64_t>(total_));
}

std::size_t ConnectionLimits::open() const {
  std::lock_guard lock(mutex_);
  return total_;
}

}  // namespace streamweaver::bridge::auth
