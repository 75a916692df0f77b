#pragma once
// Fills in the secrets the pipeline file names ([bridge.auth]): from the environment or
// from files. Errors point at the key that names the secret; no message holds a value.
#include "config/pipeline_config.hpp"

namespace streamweaver::config {

ConfigErrors resolve_secrets(PipelineConfig& config);

}  // namespace streamweaver::config
