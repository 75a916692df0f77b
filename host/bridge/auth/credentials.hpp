#pragma once
// Where a client may put its bearer token, in the order we look:
//   Authorization: Bearer TOKEN
//   Sec-WebSocket-Protocol: bearer, TOKEN   (what a browser's WebSocket can send:
//                                            new WebSocket(url, ["bearer", token]))
//   ?access_token=TOKEN                     (EventSource and plain links)

#include <boost/beast/http/message.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace streamweaver::bridge::auth {

using RequestHeader = boost::beast::http::request_header<>;

// The subprotocol that marks a token in Sec-WebSocket-Protocol; the bridge answers with it.
inline constexpr std::string_view bearer_subprotocol = "bearer";

std::optional<std::string> find_token(const RequestHeader& request);

// True when the client offered the bearer subprotocol: the upgrade response must name it,
// or browsers fail the connection.
bool offers_bearer_subprotocol(const RequestHeader& request);

}  // namespace streamweaver::bridge::auth
