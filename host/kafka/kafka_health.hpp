#pragma once
// Kafka as the host's producer sees it: whether the brokers answer, as librdkafka's callbacks
// tell it (error_cb reports failures as they happen, e.g. "all brokers down"; the statistics,
// every second, give each broker's connection state, which is how we learn Kafka is back),
// and whether the producer itself is usable after a fatal error.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <librdkafka/rdkafka.h>

namespace streamweaver::kafka {

class KafkaHealth {
 public:
  struct State {
    bool reachable = true;              // at least one broker answers (or nothing known yet)
    std::vector<std::int32_t> brokers_down;  // broker ids whose connection is down
    std::int64_t unreachable_since_ms = 0;   // when `reachable` last became false (epoch ms)
    std::string last_error;                  // latest error librdkafka reported, if any
    std::int64_t last_error_ms = 0;
    bool producer_usable = true;         // false: a fatal error and no replacement
    std::uint64_t producer_replacements = 0;  // fatal errors recovered from
    std::string fatal_error;                  // the last one
  };

  State state() const;

  // From librdkafka's error_cb and stats_cb (the producer's poll thread).
  void on_error(rd_kafka_resp_err_t error, std::string_view reason);
  void on_statistics(std::string_view json);
  // From the producer, after a fatal error.
  void producer_replaced(const std::string& fatal_error);
  void producer_lost(const std::string& fatal_error);

 private:
  void set_reachable(bool reachable, std::int64_t now_ms);

  mutable std::mutex mutex_;
  State state_;
};

}  // namespace streamweaver::kafka
