#pragma once
// Whether a source or processor is described the same way in two pipeline files, so that a
// reload keeps it running. Positions in the file do not count.
#include "config/pipeline_config.hpp"

namespace streamweaver::pipeline {

inline bool same(const config::StageConfig& a, const config::StageConfig& b) {
  return a.plugin == b.plugin && a.options == b.options;
}

inline bool same(const std::vector<config::StageConfig>& a, const std::vector<config::StageConfig>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

inline bool same(const config::SourceConfig& a, const config::SourceConfig& b) {
  return same(a.stage, b.stage) && a.topic == b.topic && a.rate == b.rate &&
         a.key_field == b.key_field && same(a.transforms, b.transforms);
}

inline bool same(const config::ProcessorConfig& a, const config::ProcessorConfig& b) {
  return a.input == b.input && a.output == b.output && a.dead_letter == b.dead_letter &&
         a.group == b.group && same(a.transforms, b.transforms);
}

}  // namespace streamweaver::pipeline
