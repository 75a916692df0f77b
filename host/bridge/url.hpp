#pragma once
// Request-target helpers shared by routing, static files and the /ws query.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace streamweaver::bridge {

struct Target {
  std::string_view path;   // before '?', still percent-encoded
  std::string_view query;  // after '?', still percent-encoded
};
Target split_target(std::string_view target);

// Decodes %XX (and '+' as space when plus_is_space, as in form-encoded queries).
// nullopt when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// name=value pairs, decoded; nullopt when any escape is malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

}  // namespace streamweaver::bridge
