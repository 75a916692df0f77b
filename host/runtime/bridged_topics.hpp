#pragma once
// The bridge's topic catalog from a checked pipeline: for each bridged topic, who writes it
// and the display hints to show it with: the writing plugin's own, with the file's
// [bridge.views.TOPIC] over them.
#include <streamweaver/display.hpp>

#include "bridge/topic_catalog.hpp"
#include "config/pipeline_config.hpp"
#include "pipeline/pipeline_binding.hpp"

namespace streamweaver::runtime {

bridge::TopicCatalog bridged_topics(const config::PipelineConfig& config,
                                    const pipeline::BoundPipeline& bound);

// `hints` with what `view` sets put over them.
DisplayHints with_view(DisplayHints hints, const config::ViewConfig& view);

}  // namespace streamweaver::runtime
