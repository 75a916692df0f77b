// [bridge.auth] and the access keys of [bridge]: what a good file gives, the one error each
// broken file gets (FILE:LINE:COL: message), and secrets from the environment or files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config/pipeline_loader.hpp"
#include "config/secrets.hpp"
#include "config_test_support.hpp"
#include "fixtures/scoped_env.hpp"

namespace streamweaver::config {
namespace {

using testing::ErrorCase;

TEST(BridgeAccessConfig, ReadsTokenModeOriginsAdminAndLimits) {
  auto result = parse_pipeline(testing::file_text(R"(
[bridge]
allowed_origins = ["https://dash.example.com", "*"]
admin_listen = "127.0.0.1:9090"
max_connections = 500
max_connections_per_ip = 20
max_subscribes_per_s = 2.5
[bridge.auth]
mode = "token"
admin_token_file = "secrets/admin"
[[bridge.auth.tokens]]
name = "dashboard"
env = "DASH_TOKEN"
topics = ["stock_*", "server_logs"]
)"), "dir/test.toml");
  ASSERT_TRUE(result.errors.empty()) << testing::listing(result.errors);
  const auto& a = result.config.bridge.access;
  EXPECT_EQ(a.allowed_origins, (std::vector<std::string>{"https://dash.example.com", "*"}));
  EXPECT_EQ(a.admin_listen, "127.0.0.1:9090");
  EXPECT_EQ(a.max_connections, 500u);
  EXPECT_EQ(a.max_connections_per_ip, 20u);
  EXPECT_DOUBLE_EQ(a.max_subscribes_per_s, 2.5);
  EXPECT_EQ(a.auth.mode, "token");
  ASSERT_EQ(a.auth.tokens.size(), 1u);
  EXPECT_EQ(a.auth.tokens[0].name, "dashboard");
  EXPECT_EQ(a.auth.tokens[0].secret.env, "DASH_TOKEN");
  EXPECT_EQ(a.auth.tokens[0].topics, (std::vector<std::string>{"stock_*", "server_logs"}));
  ASSERT_TRUE(a.auth.admin_token);
  EXPECT_EQ(a.auth.admin_token->file, "dir/secrets/admin");  // beside the pipeline file
}

TEST(BridgeAccessConfig, DefaultsAreAuthOffWithDocumentedLimits) {
  auto result = parse_pipeline("[bridge]\n", "test.toml");
  ASSERT_TRUE(result.errors.empty()) << testing::listing(result.errors);
  const auto& a = result.config.bridge.access;
  EXPECT_EQ(a.auth.mode, "none");
  EXPECT_FALSE(a.allowed_origins);
  EXPECT_EQ(a.max_connections, 10000u);
  EXPECT_EQ(a.max_connections_per_ip, 256u);
  EXPECT_DOUBLE_EQ(a.max_subscribes_per_s, 10);
}

const ErrorCase kAccessCases[] = {
    {"UnknownMode", R"(
[bridge.auth]
mode = "oauth"
)", 2, 8, R"([bridge.auth]: 'mode' must be "none", "token" or "jwt", got 'oauth')"},
    {"InlineSecretRefused", R"(
[bridge.auth]
mode = "jwt"
secret = "hunter2"
secret_env = "S"
)", 3, 10, "[bridge.auth]: 'secret' would write a secret into the pipeline file; use 'secret_env' "
           "(an environment variable) or 'secret_file'"},
    {"InlineTokenRefused", R"(
[bridge.auth]
mode = "token"
[[bridge.auth.tokens]]
name = "a"
token = "abc"
env = "A"
topics = ["*"]
)", 5, 9, "[bridge.auth.tokens[0]]: 'token' would write a secret into the pipeline file; use 'env' "
          "(an environment variable) or 'file'"},
    {"TokenModeWithoutTokens", R"(
[bridge.auth]
mode = "token"
)", 1, 1, R"([bridge.auth]: mode = "token" needs at least one [[bridge.auth.tokens]])"},
    {"TokenWithoutSource", R"(
[bridge.auth]
mode = "token"
[[bridge.auth.tokens]]
name = "a"
topics = ["*"]
)", 3, 1, "[bridge.auth.tokens[0]]: give the token's 'env' (an environment variable) or 'file' "
          "(a file holding it)"},
    {"TokenWithBothSources", R"(
[bridge.auth]
mode = "token"
[[bridge.auth.tokens]]
name = "a"
env = "A"
file = "a.txt"
topics = ["*"]
)", 6, 8, "[bridge.auth.tokens[0]]: 'env' and 'file' both given; keep one"},
    {"TokenWithoutTopics", R"(
[bridge.auth]
mode = "token"
[[bridge.auth.tokens]]
name = "a"
env = "A"
)", 3, 1, "[bridge.auth.tokens[0]]: 'topics' must list the topics this token may read (names or '*' "
          "patterns)"},
    {"DuplicateTokenName", R"(
[bridge.auth]
mode = "token"
[[bridge.auth.tokens]]
name = "a"
env = "A"
topics = ["*"]
[[bridge.auth.tokens]]
name = "a"
env = "B"
topics = ["*"]
)", 8, 8, "[bridge.auth.tokens[1]]: another token is already named 'a'"},
    {"JwtWithoutKey", R"(
[bridge.auth]
mode = "jwt"
)", 2, 8, R"([bridge.auth]: mode = "jwt" needs 'secret_env' or 'secret_file' (HS256), or 'public_key_env' or 'public_key_file' (RS256))"},
    {"JwtWithBothKeys", R"(
[bridge.auth]
mode = "jwt"
secret_env = "S"
public_key_file = "k.pem"
)", 4, 19, "[bridge.auth]: give an HS256 secret or an RS256 public key, not both"},
    {"JwtKeyInTokenMode", R"(
[bridge.auth]
mode = "token"
secret_env = "S"
[[bridge.auth.tokens]]
name = "a"
env = "A"
topics = ["*"]
)", 3, 14, R"([bridge.auth]: 'secret_env' is used only with mode = "jwt" (mode is "token"))"},
    {"BadOrigin", R"(
[bridge]
allowed_origins = ["https://ok.example", "dash.example.com/path"]
)", 2, 19, R"([bridge]: allowed_origins entry 'dash.example.com/path' is not an origin (scheme://host[:port], or "*"))"},
    {"BadAdminListen", R"(
[bridge]
admin_listen = "9090"
)", 2, 16, "[bridge]: 'admin_listen' must be HOST:PORT with PORT in 0..65535, got '9090'"},
    {"ZeroPerIpCap", R"(
[bridge]
max_connections_per_ip = 0
)", 2, 26, "[bridge]: 'max_connections_per_ip' must be at least 1, got 0"},
    {"UnknownAuthKey", R"(
[bridge.auth]
mode = "none"
audiense = "x"
)", 3, 1, "[bridge.auth]: unknown key 'audiense' (did you mean 'audience'?)"},
};

class InvalidBridgeAccess : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(InvalidBridgeAccess, ReportsOneErrorAtItsPosition) {
  const ErrorCase& c = GetParam();
  testing::expect_only_error(parse_pipeline(testing::file_text(c.toml), testing::kFile).errors, c);
}

INSTANTIATE_TEST_SUITE_P(Loader, InvalidBridgeAccess, ::testing::ValuesIn(kAccessCases), testing::case_name);

PipelineConfig token_pipeline(const std::string& source_line) {
  auto result = parse_pipeline("[bridge.auth]\nmode = \"token\"\n[[bridge.auth.tokens]]\nname = \"dash\"\n" +
                                   source_line + "\ntopics = [\"*\"]\n",
                               "test.toml");
  EXPECT_TRUE(result.errors.empty()) << testing::listing(result.errors);
  return result.config;
}

TEST(Secrets, TokenComesFromTheEnvironment) {
  streamweaver::testing::ScopedEnv env("SW_TEST_DASH_TOKEN", "0123456789abcdef0123");
  auto config = token_pipeline("env = \"SW_TEST_DASH_TOKEN\"");
  ASSERT_TRUE(resolve_secrets(config).empty());
  EXPECT_EQ(config.bridge.access.auth.tokens[0].secret.value, "0123456789abcdef0123");
}

TEST(Secrets, UnsetVariableIsAnErrorAtTheKeyWithoutAValue) {
  streamweaver::testing::ScopedEnv env("SW_TEST_DASH_TOKEN", nullptr);
  auto config = token_pipeline("env = \"SW_TEST_DASH_TOKEN\"");
  auto errors = resolve_secrets(config);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].to_string(),
            "test.toml:5:7: [bridge.auth.tokens[0]] 'dash': environment variable SW_TEST_DASH_TOKEN is not set");
}

TEST(Secrets, FileLosesItsTrailingNewlineAndShortValuesAreRefused) {
  auto dir = std::filesystem::temp_directory_path() / ("sw-secrets-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "long") << "0123456789abcdef0123\n";
  std::ofstream(dir / "short") << "abc\n";
  auto config = token_pipeline("file = \"" + (dir / "long").string() + "\"");
  ASSERT_TRUE(resolve_secrets(config).empty());
  EXPECT_EQ(config.bridge.access.auth.tokens[0].secret.value, "0123456789abcdef0123");

  auto weak = token_pipeline("file = \"" + (dir / "short").string() + "\"");
  auto errors = resolve_secrets(weak);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message,
            "[bridge.auth.tokens[0]] 'dash': the value is shorter than 16 characters; make one with: openssl rand -hex 32");
  EXPECT_EQ(errors[0].to_string().find("abc"), std::string::npos);  // never the value
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace streamweaver::config
