#include "config/secrets.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace streamweaver::config {
namespace {

// HS256 keys shorter than the hash are weak (RFC 7518 3.2); short static tokens can be guessed.
constexpr std::size_t min_token_chars = 16;
constexpr std::size_t min_hs256_secret_bytes = 32;

void resolve(SecretSource& source, const std::string& what, std::size_t min_size, ConfigErrors& errors) {
  auto fail = [&](const std::string& why) { errors.push_back({source.where, what + ": " + why}); };
  if (!source.env.empty()) {
    const char* value = std::getenv(source.env.c_str());
    if (!value || !*value) return fail("environment variable " + source.env + " is not set");
    source.value = value;
  } else {
    std::ifstream in(source.file, std::ios::binary);
    if (!in) return fail("cannot read '" + source.file + "'");
    std::stringstream text;
    text << in.rdbuf();
    source.value = text.str();
    // A trailing newline is how editors and `echo` save a file, not part of the secret.
    while (!source.value.empty() && (source.value.back() == '\n' || source.value.back() == '\r'))
      source.value.pop_back();
    if (source.value.empty()) return fail("'" + source.file + "' is empty");
  }
  if (source.value.size() < min_size)
    fail("the value is shorter than " + std::to_string(min_size) +
         " characters; make one with: openssl rand -hex 32");
}

}  // namespace

ConfigErrors resolve_secrets(PipelineConfig& config) {
  ConfigErrors errors;
  auto& auth = config.bridge.access.auth;
  for (std::size_t i = 0; i < auth.tokens.size(); ++i)
    resolve(auth.tokens[i].secret, "[bridge.auth.tokens[" + std::to_string(i) + "]] '" + auth.tokens[i].name + "'",
            min_token_chars, errors);
  if (auth.jwt_secret) resolve(*auth.jwt_secret, "[bridge.auth] secret", min_hs256_secret_bytes, errors);
  if (auth.jwt_public_key) resolve(*auth.jwt_public_key, "[bridge.auth] public_key", 1, errors);
  if (auth.admin_token) resolve(*auth.admin_token, "[bridge.auth] admin_token", min_token_chars, errors);
  return errors;
}

}  // namespace streamweaver::config
