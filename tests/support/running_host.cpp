#include "support/running_host.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "config/pipeline_loader.hpp"
#include "pipeline/pipeline_binding.hpp"
#include "test_client.hpp"

namespace streamweaver::test_support {

struct RunningHost::Checked {
  config::PipelineConfig config;
  pipeline::BoundPipeline bound;
};

RunningHost::Checked RunningHost::check(const std::string& toml, const plugin::PluginRegistry& registry) {
  auto loaded = config::parse_pipeline(toml, "test.toml");
  Checked checked{std::move(loaded.config), {}};
  checked.bound = pipeline::bind_pipeline(checked.config, registry, loaded.errors);
  if (!loaded.errors.empty()) {
    std::string all;
    for (const auto& e : loaded.errors) all += e.to_string() + "\n";
    throw std::runtime_error(all);
  }
  return checked;
}

RunningHost::RunningHost(const std::string& toml) {
  registry_.load_directory(STREAMWEAVER_BINARY_DIR "/plugins");
  registry_.load_directory(STREAMWEAVER_BINARY_DIR "/test-plugins/good");
  initial_ = std::make_unique<Checked>(check(toml, registry_));
  host_ = std::make_unique<runtime::HostRuntime>(initial_->config, std::move(initial_->bound));
  loop_ = std::make_unique<runtime::ControlLoop>(*host_, [this] { apply_pending_reload(); });
  host_->on_failure([this] { loop_->post(runtime::ControlLoop::Event::supervise); });
  host_->start();
  owner_ = std::thread([this] { loop_->run(); });
}

RunningHost::~RunningHost() { stop(); }

void RunningHost::apply_pending_reload() {  // on the owner thread
  std::string toml;
  std::uint64_t request;
  {
    std::lock_guard lock(reload_mutex_);
    toml = pending_toml_;
    request = reloads_requested_;
  }
  bool applied = false;
  try {
    auto next = check(toml, registry_);
    applied = host_->reload(next.config, next.bound);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "reload failed: " << e.what();
  }
  std::lock_guard lock(reload_mutex_);
  reloads_done_ = request;
  last_reload_applied_ = applied;
  reload_done_.notify_all();
}

bool RunningHost::reload(const std::string& toml) {
  std::unique_lock lock(reload_mutex_);
  pending_toml_ = toml;
  auto request = ++reloads_requested_;
  loop_->post(runtime::ControlLoop::Event::reload);
  reload_done_.wait(lock, [&] { return reloads_done_ >= request; });
  return last_reload_applied_;
}

nlohmann::json RunningHost::health() const {
  auto response = test::http_request(port(), "/health");
  auto health = nlohmann::json::parse(response.body);
  health["http_status"] = response.status;
  return health;
}

std::uint64_t RunningHost::stop() {
  if (stopped_) return 0;
  stopped_ = true;
  loop_->post(runtime::ControlLoop::Event::stop);
  owner_.join();
  return host_->stop();
}

}  // namespace streamweaver::test_support
