#pragma once
// [bridge.auth] and the access keys of [bridge] (origins, admin endpoints, limits) as
// typed data. Secrets are named (an environment variable or a file), never inline; their
// values are filled in by resolve_secrets (secrets.hpp) and must never be printed.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "config/config_error.hpp"

namespace streamweaver::config {

struct SecretSource {
  std::string env;    // an environment variable, or
  std::string file;   // a file, resolved against the pipeline file's folder
  Location where;
  std::string value;  // filled by resolve_secrets
  bool operator==(const SecretSource& o) const { return env == o.env && file == o.file && value == o.value; }
};

struct TokenConfig {
  std::string name;
  SecretSource secret;
  std::vector<std::string> topics;  // names or '*' patterns
  Location where;
  bool operator==(const TokenConfig& o) const { return name == o.name && secret == o.secret && topics == o.topics; }
};

struct AuthConfig {
  std::string mode = "none";  // none | token | jwt
  std::vector<TokenConfig> tokens;
  std::optional<SecretSource> jwt_secret;      // HS256
  std::optional<SecretSource> jwt_public_key;  // RS256, PEM
  std::string audience;
  std::string issuer;
  std::optional<SecretSource> admin_token;
  Location where;
  bool operator==(const AuthConfig& o) const {
    return mode == o.mode && tokens == o.tokens && jwt_secret == o.jwt_secret &&
           jwt_public_key == o.jwt_public_key && audience == o.audience && issuer == o.issuer &&
           admin_token == o.admin_token;
  }
};

struct BridgeAccessConfig {
  AuthConfig auth;
  std::optional<std::vector<std::string>> allowed_origins;
  std::string admin_listen;  // empty: /health and /metrics on `listen`
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_ip = 256;
  double max_subscribes_per_s = 10;
  bool operator==(const BridgeAccessConfig&) const = default;
};

}  // namespace streamweaver::config
