#include "runtime/bridged_topics.hpp"

#include <algorithm>

namespace streamweaver::runtime {
namespace {

const DisplayHints* hints_of(const plugin::BoundStage& stage) {
  return stage.plugin ? &stage.plugin->descriptor->info.display : nullptr;
}

std::string plugin_name(const plugin::BoundStage& stage) { return stage.plugin ? stage.plugin->name() : ""; }

// Who writes `topic`, and the hints of the first writer that has any.
std::vector<bridge::TopicWriterInfo> writers_of(const std::string& topic, const pipeline::BoundPipeline& bound,
                                                DisplayHints& hints) {
  std::vector<bridge::TopicWriterInfo> writers;
  auto take_hints = [&](const DisplayHints* h) {
    if (h && hints.empty()) hints = *h;
  };
  for (const auto& s : bound.sources)
    if (s.config.topic == topic) {
      writers.push_back({"source", s.config.name, plugin_name(s.source), "output"});
      take_hints(hints_of(s.source));
    }
  for (const auto& p : bound.processors) {
    if (p.config.output == topic) {  // its output is what its last stage emits
      const auto* last = p.transforms.empty() ? nullptr : &p.transforms.back();
      writers.push_back({"processor", p.config.name, last ? plugin_name(*last) : "", "output"});
      if (last) take_hints(hints_of(*last));
    }
    if (p.config.dead_letter == topic) writers.push_back({"processor", p.config.name, "", "dead_letter"});
  }
  return writers;
}

}  // namespace

DisplayHints with_view(DisplayHints hints, const config::ViewConfig& view) {
  if (view.title) hints.title = *view.title;
  if (view.chart) {
    std::vector<ChartField> chart;
    for (const auto& field : *view.chart) {
      auto known = std::find_if(hints.chart.begin(), hints.chart.end(), [&](const auto& c) { return c.field == field; });
      chart.push_back({field, known == hints.chart.end() ? "" : known->unit});
    }
    hints.chart = std::move(chart);
  }
  for (auto& c : hints.chart)
    if (auto unit = view.units.find(c.field); unit != view.units.end()) c.unit = unit->second;
  if (view.series) hints.series = *view.series;
  if (view.breakdown) hints.breakdown = *view.breakdown;
  if (view.text) hints.text = *view.text;
  if (view.hide) hints.hide = *view.hide;
  return hints;
}

bridge::TopicCatalog bridged_topics(const config::PipelineConfig& config, const pipeline::BoundPipeline& bound) {
  bridge::TopicCatalog catalog;
  for (const auto& name : config.bridge.topics) {
    bridge::TopicInfo topic{.name = name};
    if (const auto* t = config.topic(name)) topic.partitions = t->partitions;
    DisplayHints hints;
    topic.writers = writers_of(name, bound, hints);
    if (auto view = config.bridge.views.find(name); view != config.bridge.views.end())
      hints = with_view(std::move(hints), view->second);
    topic.view = hints;
    catalog.push_back(std::move(topic));
  }
  return catalog;
}

}  // namespace streamweaver::runtime
