#pragma once
// GET /sse?topics=...: the WebSocket data frames as Server-Sent Events, for curl -N and
// EventSource. Each data event's `id:` is the resume position (topic:partition:offset for
// every partition seen so far); a client that reconnects with it as Last-Event-ID resumes
// with no gap and no duplicate. Control frames become events named by their op (topics,
// subscribed, error, dropped). Same subscription options as the /ws query; same bounded
// queue, and the same access rules: only the topics the admission's grant allows, and the
// stream ends when its token expires.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "bridge/auth/admission.hpp"
#include "bridge/beast.hpp"
#include "bridge/io_shard.hpp"
#include "bridge/session_context.hpp"

namespace streamweaver::bridge {

void run_sse_session(tcp::socket socket, http::request<http::string_body> request,
                     const SessionContext& context, IoShard& shard, auth::Admission admission);

}  // namespace streamweaver::bridge
