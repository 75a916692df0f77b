#include "pipeline/run_state.hpp"

namespace streamweaver::pipeline {

const char* to_string(RunState state) {
  switch (state) {
    case RunState::starting: return "starting";
    case RunState::running: return "running";
    case RunState::idle: return "idle";
    case RunState::waiting: return "waiting";
    case RunState::ended: return "ended";
    case RunState::failed: return "failed";
    case RunState::stopped: return "stopped";
  }
  return "?";
}

}  // namespace streamweaver::pipeline
