#include "cli/host_runtime.hpp"

namespace streamweaver::cli {

namespace {
constexpr auto kFlushTimeout = std::chrono::milliseconds(3000);
}

HostRuntime::HostRuntime(const config::PipelineConfig& config, pipeline::BoundPipeline bound)
    : config_(config), pipeline_(config, std::move(bound), metrics_) {}

HostRuntime::~HostRuntime() { stop(); }

void HostRuntime::start() { pipeline_.start(); }

int HostRuntime::stop() {
  if (stopped_) return 0;
  stopped_ = true;
  return pipeline_.stop(kFlushTimeout);
}

nlohmann::json HostRuntime::health() const {
  auto health = pipeline_.health();
  health["status"] = "ok";
  health["uptime_s"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  return health;
}

}  // namespace streamweaver::cli
