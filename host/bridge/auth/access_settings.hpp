#pragma once
// How the bridge decides who may connect and read what ([bridge.auth] and the limits in
// [bridge]), with every secret already resolved. Secrets live here and in the verifiers
// only: nothing in this folder logs them.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace streamweaver::bridge::auth {

enum class AuthMode { none, token, jwt };
const char* to_string(AuthMode mode);

// token mode: one static bearer token and the topic patterns it may read.
struct StaticToken {
  std::string name;   // a label for logs and metrics; the value is never shown
  std::string value;  // the secret
  std::vector<std::string> topics;
  bool operator==(const StaticToken&) const = default;
};

// jwt mode: HS256 with a shared secret, or RS256 with a PEM public key; never both, so a
// public key can never be used as an HMAC secret.
struct JwtSettings {
  enum class Algorithm { hs256, rs256 };
  Algorithm algorithm = Algorithm::hs256;
  std::string key;  // HS256: the secret; RS256: the PEM public key
  std::string audience;  // empty: not checked
  std::string issuer;    // empty: not checked
  bool operator==(const JwtSettings&) const = default;
};

struct AccessSettings {
  AuthMode mode = AuthMode::none;
  std::vector<StaticToken> tokens;  // token mode
  JwtSettings jwt;                  // jwt mode
  std::string admin_token;          // non-empty: /health and /metrics need it
  // Origins allowed to open a stream. nullopt: loopback and the host's own origin when
  // mode is none, any origin otherwise (a browser never sends a bearer token by itself).
  std::optional<std::vector<std::string>> allowed_origins;
  std::string admin_listen;  // non-empty: /health and /metrics only there
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_ip = 256;
  double max_subscribes_per_s = 10;  // per connection; also the burst
  bool operator==(const AccessSettings&) const = default;
};

}  // namespace streamweaver::bridge::auth
