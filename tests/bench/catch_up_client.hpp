#pragma once
// One client that catches up from Kafka (the bridge's resume/from=earliest), for the
// fan-out benchmark's phase (c): how fast older records reach it while live clients are
// served. Blocking, on a thread of its own.
#include <cstddef>
#include <cstdint>
#include <string>

namespace streamweaver::bench {

struct CatchUpFigures {
  std::uint64_t records = 0;  // data records received
  double seconds = 0;         // from the request to the last of `wanted`
  bool complete = false;      // all `wanted` arrived before the deadline
  double records_per_s() const { return seconds > 0 ? static_cast<double>(records) / seconds : 0; }
};

// Connects to `target` (e.g. /ws?topics=t&from=earliest&batch_ms=20) and reads until
// `wanted` data records arrived or `deadline_s` passed.
CatchUpFigures read_catch_up(std::uint16_t port, const std::string& target, std::uint64_t wanted,
                             double deadline_s);

// Writes `count` stock-like records into `topic` on `bootstrap`, for a catch-up to read.
void prefill_topic(const std::string& bootstrap, const std::string& topic, std::size_t count);

}  // namespace streamweaver::bench
