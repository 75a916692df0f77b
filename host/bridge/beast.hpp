#pragma once
// Short names for Asio and Beast inside the bridge, and one way to report I/O failures.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <string_view>

namespace boost::beast::http {}
namespace boost::beast::websocket {}

namespace streamweaver::bridge {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

// Logs an I/O failure at debug level (clients come and go); silent for cancellation and
// the ordinary ways a peer leaves.
void log_failure(const beast::error_code& ec, std::string_view what);

}  // namespace streamweaver::bridge
