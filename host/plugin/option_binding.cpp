#include "plugin/option_binding.hpp"

#include <algorithm>
#include <sstream>

#include "config/did_you_mean.hpp"

namespace streamweaver::plugin {

using config::ConfigErrors;
using config::location_of;

nlohmann::json to_json(const toml::node& node) {
  if (auto* t = node.as_table()) {
    auto out = nlohmann::json::object();
    for (const auto& [k, v] : *t) out[std::string(k.str())] = to_json(v);
    return out;
  }
  if (auto* a = node.as_array()) {
    auto out = nlohmann::json::array();
    for (const auto& v : *a) out.push_back(to_json(v));
    return out;
  }
  if (node.is_integer()) return node.value<std::int64_t>().value();
  if (node.is_floating_point()) return node.value<double>().value();
  if (node.is_boolean()) return node.value<bool>().value();
  if (node.is_string()) return node.value<std::string>().value();
  std::ostringstream text;  // dates and times: keep their TOML spelling
  if (auto* d = node.as_date()) text << *d;
  if (auto* t = node.as_time()) text << *t;
  if (auto* dt = node.as_date_time()) text << *dt;
  return text.str();
}

namespace {

std::vector<std::string> option_names(const PluginDescriptor& d) {
  std::vector<std::string> names;
  for (const auto& spec : d.info.options) names.push_back(spec.name);
  return names;
}

template <class Object, class Factory>
PluginInstance<Object> make(const BoundStage& stage, Factory factory, std::string& error) {
  PluginInstance<Object> instance{stage.plugin->library, nullptr};
  if (factory == nullptr) {
    error = "plugin '" + stage.plugin->name() + "' is not of that kind";
    return instance;
  }
  instance.object = factory(stage.options, error);
  return instance;
}

}  // namespace

std::optional<BoundStage> bind_stage(const PluginRegistry& registry,
                                     const config::StageConfig& stage, PluginKind kind,
                                     const std::string& context, ConfigErrors& errors) {
  const LoadedPlugin* plugin = registry.find(stage.plugin);
  if (!plugin) {
    std::vector<std::string> names;
    for (const auto* p : registry.all())
      if (p->kind() == kind) names.push_back(p->name());
    errors.push_back({stage.plugin_where, context + ": unknown " + to_string(kind) + " plugin '" +
                                              stage.plugin + "'" +
                                              config::did_you_mean(stage.plugin, names) +
                                              "; `streamweaver plugins` lists the loaded ones"});
    return std::nullopt;
  }
  if (plugin->kind() != kind) {
    errors.push_back({stage.plugin_where, context + ": plugin '" + stage.plugin + "' is a " +
                                              to_string(plugin->kind()) + " plugin, not a " +
                                              to_string(kind) + " plugin"});
    return std::nullopt;
  }

  const auto& specs = plugin->descriptor->info.options;
  const std::string& file = stage.where.file;
  std::size_t errors_before = errors.size();
  auto values = nlohmann::json::object();
  for (const auto& [key, node] : stage.options) {
    std::string name(key.str());
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const auto& s) { return s.name == name; });
    if (spec == specs.end()) {
      errors.push_back({location_of(key.source(), file),
                        context + ": unknown option '" + name + "' for plugin '" + stage.plugin +
                            "'" + config::did_you_mean(name, option_names(*plugin->descriptor))});
      continue;
    }
    values[name] = to_json(node);
    // Reported at the key: StageConfig holds a copy of the options table, and toml++ copies
    // the source positions of keys but not of values.
    if (!fits(spec->type, values[name]))
      errors.push_back({location_of(key.source(), file),
                        context + ": " + type_mismatch(name, spec->type, values[name])});
  }
  for (const auto& spec : specs)
    if (spec.required && !values.contains(spec.name))
      errors.push_back({stage.where, context + ": missing required option '" + spec.name +
                                         "' for plugin '" + stage.plugin + "'"});
  if (errors.size() != errors_before) return std::nullopt;

  resolve_options(specs, values);  // checked above; this fills in the defaults
  return BoundStage{plugin, Options(std::move(values)), stage.where};
}

PluginInstance<Source> make_source(const BoundStage& stage, std::string& error) {
  return make<Source>(stage, stage.plugin->descriptor->make_source, error);
}

PluginInstance<Transform> make_transform(const BoundStage& stage, std::string& error) {
  return make<Transform>(stage, stage.plugin->descriptor->make_transform, error);
}

}  // namespace streamweaver::plugin
