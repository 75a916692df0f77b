#pragma once
#include <cstdint>
#include <string>

namespace streamweaver {

// One figure a plugin keeps about itself (a transform's "keys" held, a source's
// "reconnects"), shown in the host's /health and /metrics. Names are snake_case; values only
// grow, except those that count what is held now.
struct StageCounter {
  std::string name;
  std::int64_t value = 0;
};

}  // namespace streamweaver
