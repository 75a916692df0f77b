#include <spdlog/spdlog.h>

#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include "bridge/beast.hpp"

namespace streamweaver::bridge {

void log_failure(const beast::error_code& ec, std::string_view what) {
  if (ec == net::error::operation_aborted || ec == websocket::error::closed ||
      ec == http::error::end_of_stream || ec == net::error::eof ||
      ec == net::error::connection_reset)
    return;
  spdlog::debug("[bridge] {}: {}", what, ec.message());
}

}  // namespace streamweaver::bridge
