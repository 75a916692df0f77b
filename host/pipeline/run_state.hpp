#pragma once
// The life of a source or processor, as /health and /metrics show it.
#include <array>

namespace streamweaver::pipeline {

enum class RunState {
  starting,
  running,
  idle,     // running, but the plugin has nothing to emit right now
  waiting,  // running, but Kafka has not taken what it wrote yet (back-pressure, outage)
  ended,    // a source that finished for good
  failed,   // stopped by an error; supervision restarts it
  stopped,
};
inline constexpr std::array kRunStates = {RunState::starting, RunState::running, RunState::idle,
                                          RunState::waiting,  RunState::ended,   RunState::failed,
                                          RunState::stopped};

const char* to_string(RunState state);

}  // namespace streamweaver::pipeline
