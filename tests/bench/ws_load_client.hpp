#pragma once
// A WebSocket load client: many connections to the bridge on ONE io_context, run by the
// calling thread (no thread per client). Every connection subscribes through the /ws query
// and reads; data frames are counted and timed, control frames tallied.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace streamweaver::bench {

struct LoadStats {
  std::size_t subscribed = 0;         // connections that got their "subscribed" frame
  std::size_t failed = 0;             // connect or handshake failed
  std::size_t disconnected = 0;       // ended by the host (or an error) after the handshake
  std::uint64_t frames = 0;           // data frames received during measure()
  std::vector<float> latency_ms;      // for each of them: receive wall-clock - "timestamp"
  std::uint64_t dropped_notices = 0;  // {"op":"dropped"} frames, at any time
  std::uint64_t dropped_frames = 0;   // the sum of their counts
  std::uint64_t errors = 0;           // {"op":"error"} frames
};

struct LoadState;  // the connections and tallies (ws_load_client.cpp)

class LoadClient {
 public:
  // target: e.g. "/ws?topics=stock_trades".
  LoadClient(std::uint16_t port, std::string target);
  ~LoadClient();
  LoadClient(const LoadClient&) = delete;
  LoadClient& operator=(const LoadClient&) = delete;

  // Opens n connections, a few handshakes at a time; returns once each is subscribed or has
  // failed, or at the deadline.
  void open(std::size_t n, std::chrono::seconds deadline);
  // Serves the connections for `span` without counting frames.
  void idle(std::chrono::duration<double> span);
  // Serves them for `span`, counting and timing data frames; calls `each_second` about once
  // a second (between reads, on this thread).
  void measure(std::chrono::duration<double> span, const std::function<void()>& each_second);
  // Closes every open connection, waiting at most `deadline` for their reads to end.
  void close_all(std::chrono::seconds deadline);

  const LoadStats& stats() const;

 private:
  std::unique_ptr<LoadState> state_;
};

}  // namespace streamweaver::bench
