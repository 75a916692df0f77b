#pragma once
// How a plugin's records are best shown on the dashboard. Every hint is optional: a plugin
// without hints still gets a generic panel that detects numeric, breakdown and text fields.
// A transform's hints describe what it emits (a processor's output topic takes the hints of
// its last stage). The pipeline file can set or override them per bridged topic
// ([bridge.views.TOPIC]).
//
//   .display = {.title = "Sensors",
//               .chart = {{"celsius", "°C"}, {"battery", "%"}},
//               .series = "device",
//               .breakdown = "status"},
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver {

struct ChartField {
  std::string field;  // a numeric field; "a.b" for a nested one
  std::string unit;   // e.g. "°C"; empty: none
};

struct DisplayHints {
  std::string title;               // panel title; empty: the topic name
  std::vector<ChartField> chart;   // fields to chart, one line per series
  std::string series;              // the field that names a series; empty: the record key
  std::string breakdown;           // a low-cardinality field to break down (status, side)
  std::string text;                // a text field to show as a feed (a post's text)
  std::vector<std::string> hide;   // fields not to show in tables

  bool empty() const {
    return title.empty() && chart.empty() && series.empty() && breakdown.empty() && text.empty() &&
           hide.empty();
  }
};

// {"title":…,"chart":[{"field":…,"unit":…}],"series":…,"breakdown":…,"text":…,"hide":[…]},
// leaving out what is not set.
inline void to_json(nlohmann::json& out, const DisplayHints& hints) {
  out = nlohmann::json::object();
  auto set = [&](const char* name, const std::string& value) {
    if (!value.empty()) out[name] = value;
  };
  set("title", hints.title);
  if (!hints.chart.empty()) {
    auto& chart = out["chart"] = nlohmann::json::array();
    for (const auto& c : hints.chart)
      chart.push_back(c.unit.empty() ? nlohmann::json{{"field", c.field}}
                                     : nlohmann::json{{"field", c.field}, {"unit", c.unit}});
  }
  set("series", hints.series);
  set("breakdown", hints.breakdown);
  set("text", hints.text);
  if (!hints.hide.empty()) out["hide"] = hints.hide;
}

}  // namespace streamweaver
