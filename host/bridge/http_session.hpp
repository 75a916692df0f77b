#pragma once
// One HTTP connection: reads requests, answers them through the router, and hands the
// connection to a WebSocket session on an upgrade to /ws.

#include "bridge/beast.hpp"
#include "bridge/session_context.hpp"

namespace streamweaver::bridge {

void run_http_session(tcp::socket socket, const SessionContext& context);

}  // namespace streamweaver::bridge
