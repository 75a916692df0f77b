#!/bin/bash
# Container health check: GET /health on the host's bridge must answer 200 within the
# HEALTHCHECK timeout. Uses bash's /dev/tcp so the slim image needs no curl.
# STREAMWEAVER_HEALTH_PORT: the port of [bridge] admin_listen inside the container when it is
# set, else of [bridge] listen (default 8080).
set -eu
port=${STREAMWEAVER_HEALTH_PORT:-8080}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r _ status _ <&3
[[ $status == 200 ]] || { echo "GET /health: HTTP ${status:-no answer}" >&2; exit 1; }
