// The one file that includes cpp-jwt (its headers define non-inline functions, so a second
// translation unit including them would not link).
#include <openssl/bio.h>
#include <openssl/pem.h>

#include <jwt/jwt.hpp>

#include "bridge/auth/token_verifier.hpp"

namespace streamweaver::bridge::auth {

namespace {

using Json = nlohmann::json;

// OpenSSL reads the key now, so `run` fails at start-up with a clear message instead of
// refusing every client later.
void require_public_key(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* key = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (!key) throw std::invalid_argument("[bridge.auth] the RS256 key is not a PEM public key (BEGIN PUBLIC KEY)");
  EVP_PKEY_free(key);
}

bool audience_matches(const Json& aud, const std::string& expected) {
  if (aud.is_string()) return aud.get<std::string>() == expected;
  if (aud.is_array())
    for (const auto& a : aud)
      if (a.is_string() && a.get<std::string>() == expected) return true;
  return false;
}

std::optional<std::vector<std::string>> topic_claim(const Json& payload) {
  auto it = payload.find("topics");
  if (it == payload.end() || !it->is_array()) return std::nullopt;
  std::vector<std::string> topics;
  for (const auto& t : *it) {
    if (!t.is_string()) return std::nullopt;
    topics.push_back(t.get<std::string>());
  }
  return topics;
}

class JwtVerifier final : public TokenVerifier {
 public:
  explicit JwtVerifier(JwtSettings settings) : settings_(std::move(settings)) {
    if (settings_.algorithm == JwtSettings::Algorithm::rs256) require_public_key(settings_.key);
    if (settings_.key.empty()) throw std::invalid_argument("[bridge.auth] the JWT key is empty");
  }

  std::variant<Grant, Refusal> verify(std::string_view token, Grant::Clock::time_point now) const override {
    using namespace jwt::params;
    // Only the configured algorithm: "none", and HS256 signed with an RS256 public key,
    // fail the algorithm check before any signature is looked at.
    const char* alg = settings_.algorithm == JwtSettings::Algorithm::hs256 ? "HS256" : "RS256";
    std::error_code ec;
    Json payload;
    try {
      auto decoded = jwt::decode(jwt::string_view(token.data(), token.size()), algorithms({alg}), ec,
                                 secret(settings_.key), jwt::params::verify(true));
      if (ec) return refusal(ec);
      payload = decoded.payload().create_json_obj();
    } catch (const std::exception&) {
      return invalid_token("malformed token");
    }
    return check_claims(payload, now);
  }

 private:
  std::variant<Grant, Refusal> refusal(const std::error_code& ec) const {
    if (ec == jwt::VerificationErrc::TokenExpired) return expired();
    if (ec == jwt::VerificationErrc::InvalidAlgorithm || ec == jwt::AlgorithmErrc::NoneAlgorithmUsed)
      return invalid_token(std::string("token algorithm is not ") +
                           (settings_.algorithm == JwtSettings::Algorithm::hs256 ? "HS256" : "RS256"));
    // RS256 reports a signature that does not verify as an algorithm error.
    if (ec == jwt::VerificationErrc::InvalidSignature || ec == jwt::AlgorithmErrc::VerificationErr)
      return invalid_token("bad token signature");
    return invalid_token("malformed token");
  }

  static Refusal expired() { return {.status = 401, .reason = "token expired", .metric_reason = "expired_token"}; }

  std::variant<Grant, Refusal> check_claims(const Json& payload, Grant::Clock::time_point now) const {
    auto exp = payload.find("exp");
    if (exp == payload.end() || !exp->is_number()) return invalid_token("token has no numeric 'exp' claim");
    // RFC 7519: not accepted on or after exp.
    auto expires_at = Grant::Clock::time_point(std::chrono::duration_cast<Grant::Clock::duration>(
        std::chrono::duration<double>(exp->get<double>())));
    if (now >= expires_at) return expired();
    if (!settings_.issuer.empty() && payload.value("iss", Json()) != Json(settings_.issuer))
      return invalid_token("token issuer does not match");
    if (!settings_.audience.empty() && !audience_matches(payload.value("aud", Json()), settings_.audience))
      return invalid_token("token audience does not match");
    auto topics = topic_claim(payload);
    if (!topics) return invalid_token("token has no 'topics' claim (a list of topic patterns)");
    auto sub = payload.value("sub", Json());
    return Grant{.subject = sub.is_string() ? "jwt sub=" + sub.get<std::string>() : std::string("jwt"),
                 .topics = TopicPatterns(std::move(*topics)),
                 .expires_at = expires_at};
  }

  JwtSettings settings_;
};

}  // namespace

std::unique_ptr<TokenVerifier> make_jwt_verifier(const JwtSettings& settings) {
  return std::make_unique<JwtVerifier>(settings);
}

}  // namespace streamweaver::bridge::auth
