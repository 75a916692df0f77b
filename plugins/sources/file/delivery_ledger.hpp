#pragma once
// Which lines Kafka has, so that the remembered position never runs ahead of delivery: after
// a long Kafka outage, a crash or a shutdown that left records undelivered, a restart reads
// them again rather than skipping them (at least once).
//
// Lines go out in batches; every record of a batch carries the batch's receipt. A batch is
// settled when Kafka settled all of its records (its receipt's last reference goes). The
// remembered positions are those after the longest run of settled batches from the start;
// a batch with a failed record stops the run for this instance, so its lines are read again
// after a restart.
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

#include <streamweaver/delivery.hpp>

#include "position_store.hpp"

namespace streamweaver::sources::file {

class DeliveryLedger : public std::enable_shared_from_this<DeliveryLedger> {
 public:
  explicit DeliveryLedger(PositionStore store) : store_(std::move(store)) {}

  // Source thread, first: where this run starts in each file.
  void start_from(Positions positions);
  // Source thread. The receipt for the next lines; the source holds it until close().
  std::shared_ptr<DeliveryReceipt> open();
  // Source thread: the open batch ends with the files at `after`. Drop the receipt next.
  void close(Positions after);
  // Source thread: saves the settled positions when they moved. Throws when it cannot.
  void save_settled();
  // The source is gone: from now on every settlement saves (from Kafka's delivery thread),
  // so that what the host's final flush delivers is remembered too.
  void orphan();

 private:
  class Receipt;
  struct Batch {
    std::uint64_t id;
    Positions after;
    bool settled = false;
    bool failed = false;
  };
  void settled(std::uint64_t id, bool failed) noexcept;
  void save_locked();  // throws

  PositionStore store_;
  std::mutex mutex_;
  std::deque<Batch> batches_;  // oldest first, not yet part of `durable_`
  std::uint64_t next_id_ = 0;
  Positions durable_;
  bool dirty_ = false;
  bool orphaned_ = false;
  bool stuck_ = false;  // a failed batch: nothing after it becomes durable
};

}  // namespace streamweaver::sources::file
