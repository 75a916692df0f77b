#include "bridge/auth/credentials.hpp"

#include <boost/beast/http/field.hpp>
#include <vector>

#include "bridge/url.hpp"

namespace streamweaver::bridge::auth {

namespace {

namespace http = boost::beast::http;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::vector<std::string_view> subprotocols(const RequestHeader& request) {
  std::vector<std::string_view> out;
  std::string_view list = request[http::field::sec_websocket_protocol];
  while (!list.empty()) {
    auto comma = list.find(',');
    if (auto item = trim(list.substr(0, comma)); !item.empty()) out.push_back(item);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return out;
}

}  // namespace

bool offers_bearer_subprotocol(const RequestHeader& request) {
  for (auto p : subprotocols(request))
    if (p == bearer_subprotocol) return true;
  return false;
}

std::optional<std::string> find_token(const RequestHeader& request) {
  std::string_view authorization = request[http::field::authorization];
  if (authorization.size() > 7 && iequals(authorization.substr(0, 7), "Bearer "))
    return std::string(trim(authorization.substr(7)));

  // The token is the entry after "bearer".
  auto protocols = subprotocols(request);
  for (std::size_t i = 0; i + 1 < protocols.size(); ++i)
    if (protocols[i] == bearer_subprotocol) return std::string(protocols[i + 1]);

  if (auto params = parse_query(split_target(request.target()).query))
    for (auto& [name, value] : *params)
      if (name == "access_token" && !value.empty()) return std::move(value);
  return std::nullopt;
}

}  // namespace streamweaver::bridge::auth
