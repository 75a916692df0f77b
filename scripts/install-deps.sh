#!/usr/bin/env bash
# Installs what StreamWeaver needs to build, run and test, from Debian's packages only.
# Idempotent: installs just what is missing. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  librdkafka-dev libboost1.81-dev libtomlplusplus-dev nlohmann-json3-dev
  libspdlog-dev libcli11-dev libgtest-dev
  libsimdjson-dev                   # processors parse records with it
  libcpp-jwt-dev libssl-dev         # bridge JWT verification; the websocket source's wss://
  python3-yaml                      # tests/docker: reads docker/compose.yaml
)
[[ ${1:-} == --with-browser ]] && packages+=(chromium)
# The dashboard's libraries come from npm; use the machine's Node.js when it has one.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

echo "[install-deps] installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[install-deps] done" >&2
