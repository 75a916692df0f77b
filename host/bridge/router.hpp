#pragma once
// Answers one plain HTTP request (everything but the WebSocket upgrade).

#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/string_body.hpp>

#include "bridge/beast.hpp"
#include "bridge/session_context.hpp"

namespace streamweaver::bridge {

http::message_generator route(http::request<http::string_body>&& request,
                              const SessionContext& context);

}  // namespace streamweaver::bridge
