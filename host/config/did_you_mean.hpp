#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace streamweaver::config {

// " (did you mean 'x'?)" when one of `known` is a small edit away from `word`, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& known);

}  // namespace streamweaver::config
