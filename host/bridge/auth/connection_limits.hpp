#pragma once
// Caps on open connections, in total and per client address. A connection holds a slot
// from accept to close; past a cap the listener answers 503 and counts it.

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "bridge/auth/access_metrics.hpp"

namespace streamweaver::bridge::auth {

class ConnectionLimits;

// Shared handle: the slot is given back when the last copy goes.
using ConnectionSlot = std::shared_ptr<const void>;

class ConnectionLimits : public std::enable_shared_from_this<ConnectionLimits> {
 public:
  ConnectionLimits(std::size_t max_total, std::size_t max_per_ip, AccessMetrics& metrics);

  // A slot, or nullopt (counted) when a cap is reached. Any thread.
  std::optional<ConnectionSlot> try_admit(const boost::asio::ip::address& client);
  std::size_t open() const;

 private:
  void release(const std::string& client);

  const std::size_t max_total_;
  const std::size_t max_per_ip_;
  AccessMetrics& metrics_;
  mutable std::mutex mutex_;
  std::size_t total_ = 0;
  std::unordered_map<std::string, std::size_t> per_ip_;
};

}  // namespace streamweaver::bridge::auth
