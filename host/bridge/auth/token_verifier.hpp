#pragma once
// Turns a presented bearer token into a Grant, or says why not. One verifier per mode,
// made once from the settings and shared read-only by every connection.

#include <memory>
#include <string_view>
#include <variant>

#include "bridge/auth/access_settings.hpp"
#include "bridge/auth/grant.hpp"

namespace streamweaver::bridge::auth {

class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;
  // Refusals are 401 with reasons such as "token expired"; never the token itself.
  virtual std::variant<Grant, Refusal> verify(std::string_view token, Grant::Clock::time_point now) const = 0;
};

// token: compares against every configured token in constant time per token.
std::unique_ptr<TokenVerifier> make_static_token_verifier(std::vector<StaticToken> tokens);
// jwt: see jwt_verifier.cpp. Throws std::invalid_argument when the key is unusable (e.g.
// not a PEM public key), so a bad key stops the start-up rather than every client.
std::unique_ptr<TokenVerifier> make_jwt_verifier(const JwtSettings& settings);

// Equal-length inputs compared without an early exit.
bool constant_time_equal(std::string_view a, std::string_view b);

Refusal invalid_token(std::string reason);

}  // namespace streamweaver::bridge::auth
