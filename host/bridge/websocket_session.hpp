#pragma once
// One WebSocket client: subscriptions through the hub, a bounded send queue with one
// write in flight, and the slow-client policy (see send_queue.hpp). It lives on one
// IoShard: frames queued from the Kafka thread wake its writer through the shard.
//
// Client messages are read in chunks. One over max_message_bytes is discarded as it
// arrives (never buffered) and answered with an error frame; the connection stays.
// Beast's own read_message_max (16 MiB by default) still applies beyond that: over it,
// Beast closes the connection with code 1009 (too big).

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "bridge/auth/admission.hpp"
#include "bridge/beast.hpp"
#include "bridge/io_shard.hpp"
#include "bridge/session_context.hpp"

namespace streamweaver::bridge {

// Accepts the upgrade (subscribing from the /ws query if it asks) and runs the session.
// `shard` is the one that runs `socket`. Subscriptions pass the admission's grant and the
// subscribe rate limit (auth/subscribe_guard.hpp); when the grant expires the session
// closes with code 1008 (policy violation) and reason "token expired".
void run_websocket_session(tcp::socket socket, http::request<http::string_body> upgrade,
                           const SessionContext& context, IoShard& shard, auth::Admission admission);

}  // namespace streamweaver::bridge
