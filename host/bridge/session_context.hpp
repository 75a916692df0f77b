#pragma once
// What every connection needs, owned by the Server and outliving every session.

#include "bridge/auth/access_gate.hpp"
#include "bridge/auth/connection_limits.hpp"
#include "bridge/hub.hpp"
#include "bridge/server.hpp"
#include "bridge/settings.hpp"
#include "bridge/static_files.hpp"

namespace streamweaver::bridge {

struct SessionContext {
  const BridgeSettings& settings;
  Hub& hub;
  const HttpHandlers& handlers;
  const StaticFiles* static_files;  // null: no dashboard
  const auth::AccessGate& access;
  auth::ConnectionLimits& limits;
  auth::ListenerRole role = auth::ListenerRole::public_;
};

}  // namespace streamweaver::bridge
