#pragma once
// Where the records are in a feed's message: "" (the message itself), "data" or "data[]"
// (Finnhub's trades), "payload.items[]". An array there gives one record per element, and
// so does a message that is an array itself.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace streamweaver::sources::websocket {

class RecordsPath {
 public:
  // Throws std::invalid_argument naming the option for a malformed path.
  explicit RecordsPath(const std::string& text);

  // Appends the message's records (objects; anything else wrapped as {"value": ...}) and
  // returns true, or false when the message has nothing at the path (a heartbeat, an ack).
  bool extract(nlohmann::json& message, std::vector<nlohmann::json>& records) const;

 private:
  std::vector<std::string> steps_;
};

}  // namespace streamweaver::sources::websocket
