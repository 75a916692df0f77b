#pragma once
// A client asking for a topic's older records (resume, since_ms, from=earliest): they are
// read from Kafka on a thread of their own and queued to the client, waiting for room
// rather than dropping, then the client joins the live stream through Hub::try_join with
// no gap and no duplicate. The bridge knows no Kafka: the host provides the reader.

#include <cstddef>
#include <memory>
#include <set>
#include <string>

#include <streamweaver/expression/predicate.hpp>

#include "bridge/protocol.hpp"

namespace streamweaver::bridge {

class Subscriber;

struct CatchUpRequest {
  std::string topic;
  StartAt start;  // `resume` holds this topic's offsets only
  std::set<std::string, std::less<>> keys;  // the client's key filter (empty: every key)
  std::shared_ptr<const expression::Predicate> where;
  std::weak_ptr<Subscriber> subscriber;
};

class CatchUps {
 public:
  virtual ~CatchUps() = default;
  // How many more may start now.
  virtual std::size_t room() = 0;
  // Returns at once; problems reach the client as error frames. Called with the hub
  // locked: must not call back into it on this thread.
  virtual void start(CatchUpRequest request) = 0;
};

}  // namespace streamweaver::bridge
