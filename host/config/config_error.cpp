#include "config/config_error.hpp"

namespace streamweaver::config {

Location location_of(const toml::source_region& region, const std::string& fallback_file) {
  Location where;
  where.file = region.path ? *region.path : fallback_file;
  where.line = static_cast<int>(region.begin.line);
  where.column = static_cast<int>(region.begin.column);
  return where;
}

std::string ConfigError::to_string() const {
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
         ": " + message;
}

}  // namespace streamweaver::config
