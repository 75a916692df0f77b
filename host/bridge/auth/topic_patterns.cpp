#include "bridge/auth/topic_patterns.hpp"

namespace streamweaver::bridge::auth {

bool pattern_matches(std::string_view pattern, std::string_view topic) {
  // Greedy glob with one backtrack point: linear in practice, no recursion.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < topic.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == topic[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool TopicPatterns::allows(std::string_view topic) const {
  for (const auto& p : patterns_)
    if (pattern_matches(p, topic)) return true;
  return false;
}

}  // namespace streamweaver::bridge::auth
