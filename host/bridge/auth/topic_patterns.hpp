#pragma once
// Topic names or '*' patterns ("stock_*", "*", "logs.*.errors"): '*' matches any run of
// characters, everything else matches itself.

#include <string>
#include <string_view>
#include <vector>

namespace streamweaver::bridge::auth {

bool pattern_matches(std::string_view pattern, std::string_view topic);

class TopicPatterns {
 public:
  TopicPatterns() = default;
  explicit TopicPatterns(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}
  static TopicPatterns everything() { return TopicPatterns({"*"}); }

  bool allows(std::string_view topic) const;
  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  std::vector<std::string> patterns_;
};

}  // namespace streamweaver::bridge::auth
