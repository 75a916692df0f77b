#pragma once
// Reads the access keys of [bridge] and its [bridge.auth] table (see bridge_access_config.hpp).
#include <functional>
#include <string>

#include "config/bridge_access_config.hpp"
#include "config/table_reader.hpp"

namespace streamweaver::config {

// `bridge` is the reader of [bridge]; `resolve_path` makes file names relative to the
// pipeline file's folder.
void read_bridge_access(TableReader& bridge, BridgeAccessConfig& access, const std::string& file,
                        ConfigErrors& errors, const std::function<std::string(const std::string&)>& resolve_path);

}  // namespace streamweaver::config
