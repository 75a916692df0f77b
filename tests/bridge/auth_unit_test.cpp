// The access checks without a network: topic patterns, origins, where tokens are found,
// static and JWT verification (tokens minted with OpenSSL, see jwt_mint.hpp), the subscribe
// guard and the connection caps.
#include <gtest/gtest.h>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>

#include "bridge/auth/connection_limits.hpp"
#include "bridge/auth/credentials.hpp"
#include "bridge/auth/origin_policy.hpp"
#include "bridge/auth/subscribe_guard.hpp"
#include "bridge/auth/token_verifier.hpp"
#include "bridge/auth/topic_patterns.hpp"
#include "jwt_mint.hpp"
#include "metrics/registry.hpp"

using namespace streamweaver::bridge;
using namespace streamweaver::bridge::auth;
namespace http = boost::beast::http;

namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef-test-secret";

const Grant* granted(const std::variant<Grant, Refusal>& v) { return std::get_if<Grant>(&v); }
std::string refusal(const std::variant<Grant, Refusal>& v) {
  auto* r = std::get_if<Refusal>(&v);
  return r ? r->reason : "(granted)";
}

}  // namespace

TEST(TopicPatterns, StarMatchesAnyRunAndEverythingElseItself) {
  EXPECT_TRUE(pattern_matches("*", "anything"));
  EXPECT_TRUE(pattern_matches("stock_*", "stock_trades"));
  EXPECT_TRUE(pattern_matches("stock_*", "stock_"));
  EXPECT_FALSE(pattern_matches("stock_*", "stoc"));
  EXPECT_TRUE(pattern_matches("*_metrics", "stock_metrics"));
  EXPECT_TRUE(pattern_matches("a*b*c", "a-x-b-y-c"));
  EXPECT_FALSE(pattern_matches("a*b*c", "a-x-c-y-b"));
  EXPECT_TRUE(pattern_matches("logs", "logs"));
  EXPECT_FALSE(pattern_matches("logs", "logs2"));
  EXPECT_FALSE(pattern_matches("", "x"));
  TopicPatterns p({"server_logs", "stock_*"});
  EXPECT_TRUE(p.allows("stock_metrics"));
  EXPECT_FALSE(p.allows("social_feed"));
}

TEST(OriginPolicy, AuthOffAllowsLoopbackAndOwnAddressOnly) {
  OriginPolicy policy(std::nullopt, false);
  EXPECT_TRUE(policy.allows(std::nullopt, "anything"));  // not a browser
  EXPECT_TRUE(policy.allows("http://localhost:5173", "127.0.0.1:8080"));
  EXPECT_TRUE(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE(policy.allows("http://[::1]:8080", "[::1]:8080"));
  EXPECT_TRUE(policy.allows("http://192.168.1.20:8080", "192.168.1.20:8080"));  // its own origin
  EXPECT_FALSE(policy.allows("https://evil.example", "127.0.0.1:8080"));
  EXPECT_FALSE(policy.allows("http://192.168.1.20:8080", "192.168.1.21:8080"));
  EXPECT_FALSE(policy.allows("null", "127.0.0.1:8080"));
  // A name that agrees with Host may be DNS rebinding: only listed names pass.
  EXPECT_FALSE(policy.allows("http://rebind.example:8080", "rebind.example:8080"));
}

TEST(OriginPolicy, AListWinsAndAuthOnAllowsAnyByDefault) {
  OriginPolicy listed(std::vector<std::string>{"https://Dash.Example.com/"}, false);
  EXPECT_TRUE(listed.allows("https://dash.example.com", "x"));
  EXPECT_FALSE(listed.allows("http://localhost:8080", "localhost:8080"));
  EXPECT_TRUE(OriginPolicy(std::vector<std::string>{"*"}, false).allows("https://evil.example", "x"));
  EXPECT_TRUE(OriginPolicy(std::nullopt, true).allows("https://other.example", "x"));
}

TEST(Credentials, TokenFromHeaderSubprotocolOrQuery) {
  http::request_header<> req;
  req.target("/ws?topics=a&access_token=from%2Dquery");
  EXPECT_EQ(find_token(req), "from-query");
  req.set(http::field::sec_websocket_protocol, "bearer, from-protocol");
  EXPECT_EQ(find_token(req), "from-protocol");
  EXPECT_TRUE(offers_bearer_subprotocol(req));
  req.set(http::field::authorization, "bearer from-header");
  EXPECT_EQ(find_token(req), "from-header");
  http::request_header<> none;
  none.target("/ws");
  EXPECT_FALSE(find_token(none));
  EXPECT_FALSE(offers_bearer_subprotocol(none));
}

TEST(StaticTokens, KnownTokenGrantsItsTopicsUnknownIsRefused) {
  auto verifier = make_static_token_verifier({{.name = "dash", .value = "aaaaaaaaaaaaaaaa1", .topics = {"t*"}},
                                              {.name = "ops", .value = "bbbbbbbbbbbbbbbb2", .topics = {"*"}}});
  auto now = Grant::Clock::now();
  auto ok = verifier->verify("aaaaaaaaaaaaaaaa1", now);
  ASSERT_TRUE(granted(ok)) << refusal(ok);
  EXPECT_EQ(granted(ok)->subject, "dash");
  EXPECT_TRUE(granted(ok)->topics.allows("trades"));
  EXPECT_FALSE(granted(ok)->topics.allows("logs"));
  EXPECT_FALSE(granted(ok)->expires_at);
  EXPECT_EQ(refusal(verifier->verify("aaaaaaaaaaaaaaaa", now)), "unknown token");
}

TEST(JwtHs256, ValidTokenGrantsTopicsUntilExp) {
  auto verifier = make_jwt_verifier({.algorithm = JwtSettings::Algorithm::hs256, .key = kSecret});
  auto exp = test::epoch_s(60);
  auto v = verifier->verify(test::mint_hs256({{"exp", exp}, {"topics", {"trades"}}, {"sub", "ann"}}, kSecret),
                            Grant::Clock::now());
  ASSERT_TRUE(granted(v)) << refusal(v);
  EXPECT_EQ(granted(v)->subject, "jwt sub=ann");
  EXPECT_TRUE(granted(v)->topics.allows("trades"));
  EXPECT_FALSE(granted(v)->topics.allows("logs"));
  EXPECT_EQ(granted(v)->expires_at, Grant::Clock::time_point(std::chrono::seconds(exp)));
}

TEST(JwtHs256, ExpiredBadlySignedNoneAndClaimlessTokensAreRefused) {
  auto verifier = make_jwt_verifier({.algorithm = JwtSettings::Algorithm::hs256, .key = kSecret});
  auto now = Grant::Clock::now();
  nlohmann::json claims{{"exp", test::epoch_s(60)}, {"topics", {"*"}}};
  EXPECT_EQ(refusal(verifier->verify(test::mint_hs256({{"exp", test::epoch_s(-5)}, {"topics", {"*"}}}, kSecret), now)),
            "token expired");
  EXPECT_EQ(refusal(verifier->verify(test::mint_hs256(claims, kSecret + "x"), now)), "bad token signature");
  auto tampered = test::mint_hs256(claims, kSecret);
  tampered[tampered.find('.') + 3] ^= 1;  // a changed claim under the old signature
  EXPECT_NE(refusal(verifier->verify(tampered, now)), "(granted)");
  EXPECT_EQ(refusal(verifier->verify(test::mint_none(claims), now)), "token algorithm is not HS256");
  EXPECT_EQ(refusal(verifier->verify(test::mint_hs256({{"topics", {"*"}}}, kSecret), now)),
            "token has no numeric 'exp' claim");
  EXPECT_EQ(refusal(verifier->verify(test::mint_hs256({{"exp", test::epoch_s(60)}}, kSecret), now)),
            "token has no 'topics' claim (a list of topic patterns)");
  EXPECT_EQ(refusal(verifier->verify("not.a.jwt", now)), "malformed token");
  EXPECT_EQ(refusal(verifier->verify("garbage", now)), "malformed token");
}

TEST(JwtHs256, AudienceAndIssuerAreCheckedWhenConfigured) {
  auto verifier = make_jwt_verifier(
      {.algorithm = JwtSettings::Algorithm::hs256, .key = kSecret, .audience = "dash", .issuer = "me"});
  auto now = Grant::Clock::now();
  nlohmann::json claims{{"exp", test::epoch_s(60)}, {"topics", {"*"}}, {"iss", "me"}, {"aud", {"x", "dash"}}};
  EXPECT_TRUE(granted(verifier->verify(test::mint_hs256(claims, kSecret), now)));
  claims["aud"] = "other";
  EXPECT_EQ(refusal(verifier->verify(test::mint_hs256(claims, kSecret), now)), "token audience does not match");
  claims["aud"] = "dash";
  claims["iss"] = "someone";
  EXPECT_EQ(refusal(verifier->verify(test::mint_hs256(claims, kSecret), now)), "token issuer does not match");
}

TEST(JwtRs256, VerifiesWithThePublicKeyAndRefusesHs256SignedWithIt) {
  test::RsaKeyPair key;
  auto verifier = make_jwt_verifier({.algorithm = JwtSettings::Algorithm::rs256, .key = key.public_pem});
  auto now = Grant::Clock::now();
  nlohmann::json claims{{"exp", test::epoch_s(60)}, {"topics", {"*"}}};
  auto v = verifier->verify(test::mint_rs256(claims, key), now);
  EXPECT_TRUE(granted(v)) << refusal(v);
  // Algorithm confusion: the public key as an HMAC secret must not work.
  EXPECT_EQ(refusal(verifier->verify(test::mint_hs256(claims, key.public_pem), now)), "token algorithm is not RS256");
  EXPECT_EQ(refusal(verifier->verify(test::mint_rs256(claims, test::RsaKeyPair()), now)), "bad token signature");
  EXPECT_THROW(make_jwt_verifier({.algorithm = JwtSettings::Algorithm::rs256, .key = "not a key"}),
               std::invalid_argument);
}

TEST(SubscribeGuard, NamesRefusedTopicsPassesTheRestAndLimitsTheRate) {
  streamweaver::metrics::Registry registry;
  AccessMetrics metrics(registry);
  Grant grant{.subject = "t", .topics = TopicPatterns({"trades"})};
  SubscribeGuard guard(grant, 2, metrics);
  auto t0 = SubscribeGuard::Clock::now();
  auto mixed = guard.check({.topics = {"trades", "logs"}}, t0);
  ASSERT_TRUE(mixed.allowed);
  EXPECT_EQ(mixed.allowed->topics, std::vector<std::string>{"trades"});
  EXPECT_EQ(mixed.error, "topic 'logs' not allowed for this token");
  auto denied = guard.check({.topics = {"logs"}}, t0);
  EXPECT_FALSE(denied.allowed);
  auto limited = guard.check({.topics = {"trades"}}, t0);  // a third within the same instant
  EXPECT_FALSE(limited.allowed);
  EXPECT_EQ(limited.error, "subscribe refused: more than 2 subscribe requests per second on this connection");
  EXPECT_TRUE(guard.check({.topics = {"trades"}}, t0 + std::chrono::milliseconds(600)).allowed);  // refilled
  EXPECT_EQ(metrics.subscribes_rate_limited.value(), 1u);
  EXPECT_EQ(metrics.topics_denied.value(), 2u);
}

TEST(ConnectionLimits, CapsPerAddressAndInTotalAndGivesSlotsBack) {
  streamweaver::metrics::Registry registry;
  AccessMetrics metrics(registry);
  auto limits = std::make_shared<ConnectionLimits>(3, 2, metrics);
  auto a = boost::asio::ip::make_address("10.0.0.1");
  auto b = boost::asio::ip::make_address("::ffff:10.0.0.2");  // counts as 10.0.0.2
  auto s1 = limits->try_admit(a);
  auto s2 = limits->try_admit(a);
  EXPECT_TRUE(s1 && s2);
  EXPECT_FALSE(limits->try_admit(a));  // per address
  auto s3 = limits->try_admit(b);
  EXPECT_TRUE(s3);
  EXPECT_FALSE(limits->try_admit(boost::asio::ip::make_address("10.0.0.2")));  // in total
  EXPECT_EQ(metrics.refused_per_ip_cap.value(), 1u);
  EXPECT_EQ(metrics.refused_total_cap.value(), 1u);
  s1.reset();
  EXPECT_EQ(limits->open(), 2u);
  EXPECT_TRUE(limits->try_admit(a));
}
