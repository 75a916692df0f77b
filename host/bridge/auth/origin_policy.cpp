#include "bridge/auth/origin_policy.hpp"

#include <algorithm>
#include <cctype>

namespace streamweaver::bridge::auth {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The host of "scheme://host[:port]", without brackets for IPv6.
std::string_view origin_host(std::string_view origin) {
  auto rest = origin.substr(origin.find("://") + 3);
  if (rest.starts_with('[')) return rest.substr(1, rest.find(']') - 1);
  return rest.substr(0, rest.find(':'));
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host.ends_with(".localhost") || host == "::1") return true;
  return host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string_view::npos;
}

}  // namespace

std::optional<std::string> normalize_origin(std::string_view origin) {
  auto text = lower(origin);
  while (text.ends_with('/')) text.pop_back();
  auto scheme_end = text.find("://");
  if (scheme_end == std::string::npos || scheme_end == 0) return std::nullopt;
  auto authority = std::string_view(text).substr(scheme_end + 3);
  if (authority.empty() || authority.find_first_of("/?#@ ") != std::string_view::npos) return std::nullopt;
  return text;
}

OriginPolicy::OriginPolicy(std::optional<std::vector<std::string>> allowed, bool auth_on) : auth_on_(auth_on) {
  if (!allowed) return;
  allowed_.emplace();
  for (const auto& a : *allowed) allowed_->push_back(a == "*" ? a : normalize_origin(a).value_or(a));
}

bool OriginPolicy::allows(std::optional<std::string_view> origin, std::string_view host_header) const {
  if (!origin) return true;
  auto normalized = normalize_origin(*origin);
  if (allowed_) {
    return std::any_of(allowed_->begin(), allowed_->end(),
                       [&](const std::string& a) { return a == "*" || (normalized && a == *normalized); });
  }
  if (auth_on_) return true;
  if (!normalized) return false;  // "null" (sandboxed pages, files) and other oddities
  if (is_loopback_host(origin_host(*normalized))) return true;
  // The host's own origin, when it is an address: a name could be DNS rebinding (a
  // foreign site's name pointed at this host, so Origin and Host agree).
  auto host = lower(host_header);
  if (*normalized != "http://" + host && *normalized != "https://" + host) return false;
  auto name = origin_host(*normalized);
  return name.find_first_not_of("0123456789.") == std::string_view::npos ||
         name.find(':') != std::string_view::npos;
}

}  // namespace streamweaver::bridge::auth
