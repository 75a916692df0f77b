#pragma once
// Which web pages may open a stream (cross-site WebSocket hijacking is a page on another
// site using the visitor's browser, which sits inside the user's network, to read ours).
//
// No Origin header: allowed (not a browser, so nobody else's page). Otherwise, with
// allowed_origins set: "*" or an exact match ("https://dash.example.com:8443"). Unset:
// with auth off, loopback origins (localhost, 127.x.x.x, [::1], any port) and the host's
// own origin (the request's Host) when that is an IP address (a name could be DNS
// rebinding: list it in allowed_origins); with auth on, any origin, since a page on another site
// has no token to present.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streamweaver::bridge::auth {

class OriginPolicy {
 public:
  OriginPolicy(std::optional<std::vector<std::string>> allowed, bool auth_on);
  bool allows(std::optional<std::string_view> origin, std::string_view host_header) const;

 private:
  std::optional<std::vector<std::string>> allowed_;  // lower case, no trailing '/'
  bool auth_on_;
};

// "scheme://host[:port]" lower-cased without a trailing '/'; nullopt when it is not an
// origin (a path, no scheme, "null"). Shared with the config check.
std::optional<std::string> normalize_origin(std::string_view origin);

}  // namespace streamweaver::bridge::auth
