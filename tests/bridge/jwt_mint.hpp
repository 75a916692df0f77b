#pragma once
// Test JWTs made with OpenSSL directly, independent of the library the bridge verifies
// with: HS256, RS256 (with a fresh key pair), alg "none", and tampered signatures.

#include <nlohmann/json.hpp>
#include <string>

namespace test {

std::string base64url(const std::string& bytes);
std::string mint_hs256(const nlohmann::json& claims, const std::string& secret);
std::string mint_none(const nlohmann::json& claims);  // {"alg":"none"}, empty signature

struct RsaKeyPair {
  RsaKeyPair();  // 2048-bit, generated now
  std::string private_pem;
  std::string public_pem;
};
std::string mint_rs256(const nlohmann::json& claims, const RsaKeyPair& key);

// Seconds since the epoch, offset by `delta_s`: for exp claims.
long long epoch_s(long long delta_s = 0);

}  // namespace test
