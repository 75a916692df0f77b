#include "bridge/auth/exposure_warning.hpp"

#include <spdlog/spdlog.h>

namespace streamweaver::bridge::auth {

void warn_if_open(const tcp::endpoint& endpoint, const AccessSettings& settings) {
  if (settings.mode != AuthMode::none || endpoint.address().is_loopback()) return;
  spdlog::warn(
      "[bridge] listening on {} with [bridge.auth] mode = \"none\": anyone who can reach this port can read "
      "every bridged topic{}; set mode = \"token\" or \"jwt\" (README: Security)",
      endpoint.address().to_string() + ":" + std::to_string(endpoint.port()),
      settings.admin_token.empty() && settings.admin_listen.empty() ? " and /metrics" : "");
}

}  // namespace streamweaver::bridge::auth
