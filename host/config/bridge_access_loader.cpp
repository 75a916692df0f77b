#include "config/bridge_access_loader.hpp"

namespace streamweaver::config {
namespace {

constexpr const char* auth_ctx = "[bridge.auth]";

// "scheme://host[:port]" with nothing after, or "*".
bool is_origin(const std::string& s) {
  if (s == "*") return true;
  auto scheme = s.find("://");
  if (scheme == std::string::npos || scheme == 0) return false;
  auto authority = s.substr(scheme + 3);
  while (!authority.empty() && authority.back() == '/') authority.pop_back();
  return !authority.empty() && authority.find_first_of("/?#@ ") == std::string::npos;
}

class AccessReader {
 public:
  AccessReader(const std::string& file, ConfigErrors& errors,
               const std::function<std::string(const std::string&)>& resolve_path)
      : file_(file), errors_(errors), resolve_path_(resolve_path) {}

  void read_auth(const toml::table& table, AuthConfig& auth) {
    TableReader r(table, auth_ctx, file_, errors_);
    auth.where = r.where();
    refuse_inline(r, {"secret", "admin_token", "public_key", "token", "password"}, [](const std::string& key) {
      if (key == "token" || key == "password") return std::string("[[bridge.auth.tokens]] with 'env' or 'file'");
      return "'" + key + "_env' (an environment variable) or '" + key + "_file'";
    });
    if (auto mode = r.string("mode")) {
      if (*mode == "none" || *mode == "token" || *mode == "jwt")
        auth.mode = *mode;
      else
        r.error(r.where("mode"), std::string(auth_ctx) + ": 'mode' must be \"none\", \"token\" or \"jwt\", got '" +
                                     *mode + "'");
    }
    auth.admin_token = secret(r, "admin_token");
    auto hs256 = secret(r, "secret");
    auto rs256 = secret(r, "public_key");
    if (auto a = r.string("audience")) auth.audience = *a;
    if (auto i = r.string("issuer")) auth.issuer = *i;
    const toml::node* tokens = r.node("tokens");
    if (tokens) read_tokens(r, *tokens, auth.tokens);
    r.finish();

    only_in_mode(r, auth.mode, "token", tokens != nullptr, "tokens");
    for (const char* key : {"secret_env", "secret_file", "public_key_env", "public_key_file", "audience", "issuer"})
      only_in_mode(r, auth.mode, "jwt", table.contains(key), key);
    if (auth.mode == "token" && !tokens)
      r.error(r.where(), std::string(auth_ctx) + ": mode = \"token\" needs at least one [[bridge.auth.tokens]]");
    if (auth.mode == "jwt") {
      if (!hs256 && !rs256)
        r.error(r.where("mode"), std::string(auth_ctx) +
                                     ": mode = \"jwt\" needs 'secret_env' or 'secret_file' (HS256), or "
                                     "'public_key_env' or 'public_key_file' (RS256)");
      if (hs256 && rs256)
        r.error(r.where("public_key_file"), std::string(auth_ctx) +
                                                ": give an HS256 secret or an RS256 public key, not both");
      auth.jwt_secret = hs256;
      auth.jwt_public_key = rs256;
    }
  }

 private:
  // A secret written in the pipeline file would end up in repositories and images.
  // `instead(key)` says where it goes.
  template <class Instead>
  void refuse_inline(TableReader& r, std::initializer_list<const char*> keys, Instead instead) {
    for (const char* key : keys)
      if (r.node(key))
        r.error(r.where(key), r_context_ + ": '" + key + "' would write a secret into the pipeline file; use " +
                                  instead(std::string(key)));
  }

  // NAME_env or NAME_file (for a token entry: env or file); at most one.
  std::optional<SecretSource> secret(TableReader& r, const std::string& name, bool required = false) {
    std::string env_key = name.empty() ? "env" : name + "_env";
    std::string file_key = name.empty() ? "file" : name + "_file";
    auto env = r.string(env_key);
    auto file = r.string(file_key);
    if (env && file) {
      r.error(r.where(file_key), r_context_ + ": '" + env_key + "' and '" + file_key + "' both given; keep one");
      return std::nullopt;
    }
    if (!env && !file) {
      if (required)
        r.error(r.where(), r_context_ + ": give the token's '" + env_key + "' (an environment variable) or '" +
                               file_key + "' (a file holding it)");
      return std::nullopt;
    }
    if ((env && env->empty()) || (file && file->empty())) {
      r.error(r.where(env ? env_key : file_key), r_context_ + ": '" + (env ? env_key : file_key) + "' must not be empty");
      return std::nullopt;
    }
    SecretSource source{.where = r.where(env ? env_key : file_key)};
    if (env) source.env = *env;
    if (file) source.file = resolve_path_(*file);
    return source;
  }

  void read_tokens(TableReader& parent, const toml::node& node, std::vector<TokenConfig>& tokens) {
    const toml::array* array = node.as_array();
    if (!array || array->empty() || !array->is_array_of_tables()) {
      parent.error(parent.where("tokens"),
                   std::string(auth_ctx) + ": 'tokens' must be an array of tables ([[bridge.auth.tokens]])");
      return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::table& t = *array->get(i)->as_table();
      auto saved = r_context_;
      r_context_ = "[bridge.auth.tokens[" + std::to_string(i) + "]]";
      TableReader r(t, r_context_, file_, errors_);
      refuse_inline(r, {"token", "value", "secret"},
                    [](const std::string&) { return std::string("'env' (an environment variable) or 'file'"); });
      TokenConfig token{.where = r.where()};
      token.name = r.string("name", true).value_or("");
      if (auto s = secret(r, "", true)) token.secret = *s;
      if (auto topics = r.strings("topics")) token.topics = *topics;
      r.finish();
      if (!t.contains("topics") || token.topics.empty())
        r.error(r.where(), r_context_ + ": 'topics' must list the topics this token may read (names or '*' patterns)");
      for (const auto& other : tokens)
        if (!token.name.empty() && other.name == token.name)
          r.error(r.where("name"), r_context_ + ": another token is already named '" + token.name + "'");
      tokens.push_back(std::move(token));
      r_context_ = saved;
    }
  }

  void only_in_mode(TableReader& r, const std::string& mode, const char* wanted, bool present, const char* key) {
    if (present && mode != wanted)
      r.error(r.where(key), std::string(auth_ctx) + ": '" + key + "' is used only with mode = \"" + wanted +
                                "\" (mode is \"" + mode + "\")");
  }

  const std::string& file_;
  ConfigErrors& errors_;
  const std::function<std::string(const std::string&)>& resolve_path_;
  std::string r_context_ = auth_ctx;
};

}  // namespace

void read_bridge_access(TableReader& bridge, BridgeAccessConfig& access, const std::string& file,
                        ConfigErrors& errors, const std::function<std::string(const std::string&)>& resolve_path) {
  if (auto origins = bridge.strings("allowed_origins")) {
    for (const auto& o : *origins)
      if (!is_origin(o))
        bridge.error(bridge.where("allowed_origins"),
                     "[bridge]: allowed_origins entry '" + o + "' is not an origin (scheme://host[:port], or \"*\")");
    access.allowed_origins = *origins;
  }
  if (auto a = bridge.string("admin_listen")) access.admin_listen = *a;
  if (auto n = bridge.integer("max_connections", 1)) access.max_connections = static_cast<std::size_t>(*n);
  if (auto n = bridge.integer("max_connections_per_ip", 1)) access.max_connections_per_ip = static_cast<std::size_t>(*n);
  if (auto n = bridge.number("max_subscribes_per_s", 0.01)) access.max_subscribes_per_s = *n;
  if (auto* auth = bridge.table("auth")) AccessReader(file, errors, resolve_path).read_auth(*auth, access.auth);
}

}  // namespace streamweaver::config
