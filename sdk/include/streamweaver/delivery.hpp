#pragma once
// What became of a source's records, for a source that must answer someone only once Kafka
// has them (an HTTP source's end-to-end acknowledgement). The source puts one receipt on
// every record of a batch (Record::receipt). The host holds a reference for each record
// until Kafka settled it, and tells the receipt about each record that was not delivered.
// When the last reference goes (the receipt's destructor runs), every record of the batch
// is settled: delivered unless failed() was called.
#include <string_view>

namespace streamweaver {

class DeliveryReceipt {
 public:
  virtual ~DeliveryReceipt() = default;
  // A record carrying this receipt will not reach Kafka: refused, left undelivered at
  // shutdown, or rejected by a transform in the source's chain. Called from any thread,
  // once per such record. A record a transform filters out is not a failure.
  virtual void failed(std::string_view why) noexcept = 0;
};

}  // namespace streamweaver
