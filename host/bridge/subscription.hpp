#pragma once
// What one client receives of one topic: the records its `where` filter keeps, and, after a
// catch-up from Kafka, only offsets past what the catch-up already sent.

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <streamweaver/expression/predicate.hpp>

#include "bridge/frame.hpp"
#include "bridge/protocol.hpp"

namespace streamweaver::bridge {

// A data frame's value, parsed at most once however many filtered clients look at it.
class ParsedValue {
 public:
  explicit ParsedValue(const Frame& frame) : frame_(frame) {}
  const nlohmann::json& get();

 private:
  const Frame& frame_;
  std::optional<nlohmann::json> value_;
};

// A client's key filter: empty lets every record through, else only these keys.
inline bool key_allowed(const std::set<std::string, std::less<>>& keys, const Frame& frame) {
  return keys.empty() || (frame.key && keys.contains(*frame.key));
}

struct Subscription {
  std::shared_ptr<const expression::Predicate> where;  // null: every record
  PartitionOffsets floor;  // per partition, the first offset still to send

  bool wants(const Frame& frame, ParsedValue& value) const {
    if (auto f = floor.find(frame.partition); f != floor.end() && frame.offset < f->second)
      return false;
    return !where || where->matches(value.get());
  }
};

}  // namespace streamweaver::bridge
