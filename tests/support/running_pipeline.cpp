#include "support/running_pipeline.hpp"

#include <stdexcept>
#include <thread>

#include "config/pipeline_loader.hpp"
#include "pipeline/pipeline_binding.hpp"

namespace streamweaver::test_support {

RunningPipeline::RunningPipeline(const std::string& toml) {
  auto loaded = config::parse_pipeline(toml, "test.toml");
  config_ = std::move(loaded.config);
  registry_.load_directory(STREAMWEAVER_BINARY_DIR "/plugins");
  registry_.load_directory(STREAMWEAVER_BINARY_DIR "/test-plugins/good");
  auto bound = pipeline::bind_pipeline(config_, registry_, loaded.errors);
  if (!loaded.errors.empty()) {
    std::string all;
    for (const auto& e : loaded.errors) all += e.to_string() + "\n";
    throw std::runtime_error(all);
  }
  pipeline_ = std::make_unique<pipeline::Pipeline>(config_, std::move(bound), metrics_);
  pipeline_->start();
}

RunningPipeline::~RunningPipeline() { stop(); }

int RunningPipeline::stop() { return pipeline_->stop(std::chrono::seconds(5)); }

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace streamweaver::test_support
