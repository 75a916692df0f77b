#pragma once
// How a produced message finds its way back to whoever produced it. Each message carries a
// DeliveryTarget; the target's handler is reference-counted and every message in flight holds
// a reference, so a handler outlives the component that made it (a source a reload removed,
// a processor that stopped) until Kafka has settled the last of its messages.
#include <cstdint>

#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>
#include <librdkafka/rdkafka.h>

namespace streamweaver::kafka {

class DeliveryHandler
    : public boost::intrusive_ref_counter<DeliveryHandler, boost::thread_safe_counter> {
 public:
  virtual ~DeliveryHandler() = default;
  // On the producer's poll thread, once per message: `error` is 0 when Kafka has it. `tag`
  // is the one the message's target carried.
  virtual void on_delivery(std::uint32_t tag, rd_kafka_resp_err_t error) noexcept = 0;
};

using DeliveryHandlerPtr = boost::intrusive_ptr<DeliveryHandler>;

// What a message points at until its delivery report. It must stay valid as long as its
// handler lives, so handlers own their targets.
struct DeliveryTarget {
  DeliveryHandler* handler = nullptr;
  std::uint32_t tag = 0;
};

// Errors about the record itself (Kafka will never take it as it is), as opposed to errors
// about Kafka (unreachable, not authorized, ...) that retrying or a restart may cure.
bool is_record_error(rd_kafka_resp_err_t error);

}  // namespace streamweaver::kafka
