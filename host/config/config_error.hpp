#pragma once
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace streamweaver::config {

struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

Location location_of(const toml::source_region& region, const std::string& fallback_file);

// One problem in a pipeline file, printed as FILE:LINE:COL: message.
struct ConfigError {
  Location where;
  std::string message;
  std::string to_string() const;
};

using ConfigErrors = std::vector<ConfigError>;

}  // namespace streamweaver::config
