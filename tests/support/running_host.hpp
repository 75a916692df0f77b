#pragma once
// A whole host in-process, as `streamweaver run` runs it: HostRuntime (pipeline, bridge,
// health) and its control loop on a thread of its own, the owner thread that alone
// starts, reloads, restarts and stops components. Built from TOML text on whatever
// brokers the text names, with the plugins from build/plugins and the test fixtures.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "plugin/plugin_registry.hpp"
#include "runtime/control_loop.hpp"
#include "runtime/host_runtime.hpp"

namespace streamweaver::test_support {

class RunningHost {
 public:
  // Throws std::runtime_error with every config error when the text does not check.
  explicit RunningHost(const std::string& toml);
  ~RunningHost();

  runtime::HostRuntime& host() { return *host_; }
  std::uint16_t port() const { return host_->http_port(); }
  // GET /health over HTTP, as any client sees it (status code in "http_status").
  nlohmann::json health() const;

  // Hands `toml` to the control loop as a reload and waits until it was applied; false when
  // the host refused it.
  bool reload(const std::string& toml);
  // Stops the loop, then the host; returns how many records were not delivered.
  std::uint64_t stop();

 private:
  struct Checked;
  static Checked check(const std::string& toml, const plugin::PluginRegistry& registry);
  void apply_pending_reload();

  plugin::PluginRegistry registry_;
  std::unique_ptr<Checked> initial_;
  std::unique_ptr<runtime::HostRuntime> host_;
  std::unique_ptr<runtime::ControlLoop> loop_;
  std::thread owner_;
  bool stopped_ = false;

  std::mutex reload_mutex_;
  std::condition_variable reload_done_;
  std::string pending_toml_;
  std::uint64_t reloads_requested_ = 0, reloads_done_ = 0;
  bool last_reload_applied_ = false;
};

}  // namespace streamweaver::test_support
