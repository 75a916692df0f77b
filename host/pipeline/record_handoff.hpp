#pragma once
// A source's records, from the thread that makes them to the thread that hands them to
// Kafka, in batches: the maker fills one batch while the sender sends earlier ones, so a
// plugin's own work and the Kafka client's run side by side on two cores.
//
// A few batches may wait between them, so that neither side stops for every batch the other
// is late with (each stop is a sleep and a wake-up); a maker further ahead waits: the
// sender's back-pressure reaches the plugin. Batches go round: a sent batch comes back to be
// filled again, so records keep their strings' memory and the steady state allocates nothing.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

#include <streamweaver/record.hpp>

namespace streamweaver::pipeline {

class RecordHandoff {
 public:
  explicit RecordHandoff(std::size_t batch_records = 256, std::size_t waiting_batches = 4)
      : batch_records_(batch_records), waiting_batches_(waiting_batches) {}

  // --- The maker's thread.
  // Takes the record's content; `record` gets a sent record's (emptied) buffers back. A
  // full batch is handed over at once.
  void add(Record& record);
  // Hands over what was added since the last hand-over, if anything. Waits while the
  // sender has all the batches it may have waiting.
  void flush();
  // Hands over what is left without waiting for room (an ending source must not wait on
  // Kafka); the sender ends once it has taken everything.
  void close();

  // --- The sender's thread.
  // Waits for the next batch and swaps it into `batch`; its first `count` records are the
  // new ones. The records of `batch` must be empty (see clear()): they go back to the maker.
  // False once closed with nothing left.
  bool take(std::vector<Record>& batch, std::size_t& count);

 private:
  struct Batch {
    std::vector<Record> records;
    std::size_t count = 0;
  };
  const std::size_t batch_records_;
  const std::size_t waiting_batches_;
  // Maker's thread only.
  Batch filling_;
  // Between the threads.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> ready_;
  std::vector<std::vector<Record>> spare_;  // sent batches, for the maker to fill again
  bool closed_ = false;
};

// Empty as a new Record, but with the memory it had.
void clear(Record& record);

}  // namespace streamweaver::pipeline
