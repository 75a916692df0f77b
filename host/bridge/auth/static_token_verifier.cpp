#include "bridge/auth/token_verifier.hpp"

namespace streamweaver::bridge::auth {

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

Refusal invalid_token(std::string reason) {
  return {.status = 401, .reason = std::move(reason), .metric_reason = "invalid_token"};
}

namespace {

class StaticTokenVerifier final : public TokenVerifier {
 public:
  explicit StaticTokenVerifier(std::vector<StaticToken> tokens) : tokens_(std::move(tokens)) {}

  std::variant<Grant, Refusal> verify(std::string_view token, Grant::Clock::time_point) const override {
    // Every token is compared, so the time taken does not say which one came close.
    const StaticToken* match = nullptr;
    for (const auto& t : tokens_)
      if (constant_time_equal(t.value, token)) match = &t;
    if (!match) return invalid_token("unknown token");
    return Grant{.subject = match->name, .topics = TopicPatterns(match->topics)};
  }

 private:
  std::vector<StaticToken> tokens_;
};

}  // namespace

std::unique_ptr<TokenVerifier> make_static_token_verifier(std::vector<StaticToken> tokens) {
  return std::make_unique<StaticTokenVerifier>(std::move(tokens));
}

}  // namespace streamweaver::bridge::auth
