#pragma once
// One HTTP connection: reads requests, answers them through the router, and hands the
// connection to a WebSocket session on an upgrade to /ws that the access gate admits.

#include "bridge/beast.hpp"
#include "bridge/io_shard.hpp"
#include "bridge/session_context.hpp"

namespace streamweaver::bridge {

// `shard` is the one that runs `socket`.
void run_http_session(tcp::socket socket, const SessionContext& context, IoShard& shard,
                      auth::ConnectionSlot slot);

}  // namespace streamweaver::bridge
