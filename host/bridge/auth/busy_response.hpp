#pragma once
// The answer to a connection past a cap: "503 Service Unavailable" at once, without
// reading the request, then the socket is drained briefly so the client reads the 503
// rather than a reset.

#include "bridge/beast.hpp"

namespace streamweaver::bridge::auth {

void answer_busy(tcp::socket socket);

}  // namespace streamweaver::bridge::auth
