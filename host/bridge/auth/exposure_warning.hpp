#pragma once
// "Loud when open": a bridge reachable beyond this machine with auth off says so at start.

#include "bridge/auth/access_settings.hpp"
#include "bridge/beast.hpp"

namespace streamweaver::bridge::auth {

// Logs a warning naming the risk when `endpoint` is not loopback and mode is none.
void warn_if_open(const tcp::endpoint& endpoint, const AccessSettings& settings);

}  // namespace streamweaver::bridge::auth
