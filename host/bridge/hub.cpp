#include "bridge/hub.hpp"

#include <algorithm>

namespace streamweaver::bridge {

bool Hub::Client::wants_key(const Frame& frame) const { return key_allowed(keys, frame); }

Hub::Hub(const BridgeSettings& settings, metrics::Registry& registry)
    : replay_records_(settings.replay_records), metrics_(registry) {
  for (const auto& name : settings.topics)
    topics_.try_emplace(name, Topic{.records = &metrics_.records_for(name)});
}

void Hub::set_topics(const std::vector<std::string>& topics) {
  std::lock_guard lock(mutex_);
  std::erase_if(topics_, [&](const auto& t) {
    return std::find(topics.begin(), topics.end(), t.first) == topics.end();
  });
  for (const auto& name : topics) {
    auto& records = metrics_.records_for(name);
    topics_.try_emplace(name, Topic{.records = &records, .records_at_measure = records.value()});
  }
}

void Hub::start_live(const std::string& topic, const PartitionOffsets& from) {
  std::lock_guard lock(mutex_);
  auto found = topics_.find(topic);
  if (found == topics_.end()) return;
  found->second.next_offset = from;
  found->second.ring.clear();
}

bool Hub::is_bridged(std::string_view topic) const {
  std::lock_guard lock(mutex_);
  return topics_.contains(topic);
}

void Hub::publish(std::span<const BridgedRecord> records) {
  // Serialized once, outside the lock; values parsed only if a client filters on them.
  std::vector<FramePtr> frames;
  frames.reserve(records.size());
  for (const auto& record : records) frames.push_back(data_frame(record));
  std::vector<ParsedValue> values;
  values.reserve(frames.size());
  for (const auto& frame : frames) values.emplace_back(*frame);

  std::lock_guard lock(mutex_);
  bool someone_ended = false;
  // Consecutive records of one topic (a fetch is per partition) go out together.
  for (std::size_t begin = 0, end; begin < records.size(); begin = end) {
    for (end = begin + 1; end < records.size() && records[end].topic == records[begin].topic;) ++end;
    auto topic = topics_.find(records[begin].topic);
    if (topic == topics_.end()) continue;
    publish_run(topic->second, topic->first, std::span(frames).subspan(begin, end - begin),
                std::span(values).subspan(begin, end - begin), someone_ended);
  }
  if (someone_ended) forget_ended_clients();
}

void Hub::publish_run(Topic& topic, const std::string& name, std::span<const FramePtr> frames,
                      std::span<ParsedValue> values, bool& someone_ended) {
  for (const auto& frame : frames) {
    topic.records->inc();
    topic.next_offset[frame->partition] = frame->offset + 1;
    if (replay_records_ == 0) continue;
    if (topic.ring.size() == replay_records_) topic.ring.pop_front();
    topic.ring.push_back(frame);
  }
  for (const auto& [client, subscription] : receivers(name, topic)) {
    matched_.clear();
    for (std::size_t i = 0; i < frames.size(); ++i)
      if (client->wants_key(*frames[i]) && subscription->wants(*frames[i], values[i]))
        matched_.push_back(frames[i]);
    if (matched_.empty()) continue;
    if (auto subscriber = client->subscriber.lock())
      subscriber->deliver_all(matched_);
    else
      someone_ended = true;
  }
  matched_.clear();  // the frames are not kept alive here
}

const std::vector<Hub::Receiver>& Hub::receivers(const std::string& name, Topic& topic) {
  if (topic.receivers_version == subscribers_version_) return topic.receivers;
  topic.receivers.clear();
  for (auto& [key, client] : clients_)
    if (auto subscription = client.topics.find(name); subscription != client.topics.end())
      topic.receivers.push_back({&client, &subscription->second});
  topic.receivers_version = subscribers_version_;
  return topic.receivers;
}

// Subscribers that ended without leaving.
void Hub::forget_ended_clients() {
  auto forgotten = std::erase_if(clients_, [](const auto& c) { return c.second.subscriber.expired(); });
  metrics_.ws_clients.add(-static_cast<std::int64_t>(forgotten));
  subscribers_changed();
}

std::size_t Hub::client_count() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

void Hub::join(const std::shared_ptr<Subscriber>& subscriber) {
  std::lock_guard lock(mutex_);
  auto [entry, added] = clients_.try_emplace(subscriber.get(), Client{.subscriber = subscriber});
  if (added)
    metrics_.ws_clients.add(1);
  else if (entry->second.subscriber.expired()) {  // a new subscriber where an ended one was
    entry->second = Client{.subscriber = subscriber};
    subscribers_changed();
  }
  subscriber->deliver(topics_frame(topics_json_locked()));
}

void Hub::set_catalog(TopicCatalog catalog) {
  std::lock_guard lock(mutex_);
  catalog_ = std::move(catalog);
  auto frame = topics_frame(topics_json_locked());
  for (auto& [key, client] : clients_)
    if (auto subscriber = client.subscriber.lock()) subscriber->deliver(frame);
}

nlohmann::json Hub::topics_json() const {
  std::lock_guard lock(mutex_);
  return topics_json_locked();
}

nlohmann::json Hub::topics_json_locked() const {
  auto out = nlohmann::json::array();
  for (const auto& info : catalog_) {
    auto topic = topics_.find(info.name);
    out.push_back(to_json(info, topic == topics_.end() ? 0.0 : topic->second.records_per_s));
  }
  return out;
}

void Hub::measure_rates(std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  double seconds = std::chrono::duration<double>(now - measured_at_).count();
  if (seconds < 1) return;
  measured_at_ = now;
  for (auto& [name, topic] : topics_) {
    auto records = topic.records->value();
    topic.records_per_s = static_cast<double>(records - topic.records_at_measure) / seconds;
    topic.records_at_measure = records;
  }
}

void Hub::leave(const Subscriber& subscriber) {
  std::lock_guard lock(mutex_);
  if (clients_.erase(&subscriber) > 0) metrics_.ws_clients.add(-1);
  subscribers_changed();
}

void Hub::leave_all() {
  std::lock_guard lock(mutex_);
  metrics_.ws_clients.add(-static_cast<std::int64_t>(clients_.size()));
  clients_.clear();
  subscribers_changed();
}

Hub::Reply Hub::subscribe(Subscriber& subscriber, const SubscribeRequest& request) {
  std::lock_guard lock(mutex_);
  for (const auto& name : request.topics)
    if (!topics_.contains(name)) return ProtocolError{"topic '" + name + "' is not bridged"};
  if (!request.start.live()) {
    if (!catch_ups_) return ProtocolError{"this bridge cannot read older records from Kafka"};
    if (catch_ups_->room() < request.topics.size())
      return ProtocolError{"too many catch-ups from Kafka at once; ask again shortly"};
  }

  auto found = clients_.find(&subscriber);
  if (found == clients_.end()) return ProtocolError{"not connected"};
  auto& client = found->second;
  // Before the first change: should anything below throw, no topic keeps a stale list.
  subscribers_changed();
  if (request.keys) client.keys = {request.keys->begin(), request.keys->end()};
  // Replay under the same lock that publish() takes: no live frame can slip in between
  // the replayed ones, and none is sent twice.
  for (const auto& name : request.topics) {
    Subscription subscription{.where = request.where};
    client.topics.erase(name);
    client.catching_up.erase(name);
    if (request.start.live()) {
      if (request.replay > 0)
        replay(subscriber, client, topics_.find(name)->second, subscription, request.replay);
      client.topics.emplace(name, std::move(subscription));
      continue;
    }
    CatchUpRequest catch_up{.topic = name, .start = request.start, .keys = client.keys,
                            .where = request.where, .subscriber = client.subscriber};
    std::erase_if(catch_up.start.resume, [&](const auto& t) { return t.first != name; });
    client.catching_up.emplace(name, std::move(subscription));
    catch_ups_->start(std::move(catch_up));
  }
  return topic_list(client);
}

Hub::Reply Hub::unsubscribe(Subscriber& subscriber, const UnsubscribeRequest& request) {
  std::lock_guard lock(mutex_);
  auto found = clients_.find(&subscriber);
  if (found == clients_.end()) return ProtocolError{"not connected"};
  auto& client = found->second;
  if (!request.topics) {
    client.topics.clear();
    client.catching_up.clear();
  } else {
    for (const auto& name : *request.topics) {
      client.topics.erase(name);
      client.catching_up.erase(name);
    }
  }
  subscribers_changed();
  return topic_list(client);
}

std::vector<std::string> Hub::topic_list(const Client& client) const {
  std::set<std::string> names;
  for (const auto& [name, s] : client.topics) names.insert(name);
  for (const auto& [name, s] : client.catching_up) names.insert(name);
  return {names.begin(), names.end()};
}

void Hub::replay(Subscriber& subscriber, const Client& client, const Topic& topic,
                 const Subscription& subscription, std::size_t n) const {
  // The newest n frames that pass the filters, sent oldest first.
  std::vector<const FramePtr*> picked;
  for (auto it = topic.ring.rbegin(); it != topic.ring.rend() && picked.size() < n; ++it) {
    ParsedValue value(**it);
    if (client.wants_key(**it) && subscription.wants(**it, value)) picked.push_back(&*it);
  }
  std::for_each(picked.rbegin(), picked.rend(), [&](const FramePtr* f) { subscriber.deliver(*f); });
}

void Hub::set_catch_ups(CatchUps* catch_ups) {
  std::lock_guard lock(mutex_);
  catch_ups_ = catch_ups;
}

Hub::CatchUpStep Hub::catch_up_state(const Subscriber& subscriber, std::string_view topic) const {
  std::lock_guard lock(mutex_);
  auto found = clients_.find(&subscriber);
  if (found == clients_.end() || !found->second.catching_up.contains(topic))
    return CatchUpStep::abandoned;
  return CatchUpStep::reading;
}

// Per partition the ring holds every record from its oldest on, so it can complete a
// catch-up whose next offset is at or after that oldest one.
bool Hub::ring_covers(const Topic& topic, const PartitionOffsets& next) {
  for (const auto& [partition, end] : topic.next_offset) {
    auto from = next.find(partition);
    if (from == next.end()) continue;  // not one the catch-up reads
    std::int64_t wanted = from->second;
    if (wanted >= end) continue;  // live has not got past it
    auto oldest = std::find_if(topic.ring.begin(), topic.ring.end(),
                               [&](const FramePtr& f) { return f->partition == partition; });
    if (oldest == topic.ring.end() || (*oldest)->offset > wanted) return false;
  }
  return true;
}

Hub::CatchUpStep Hub::try_join(Subscriber& subscriber, std::string_view topic_name,
                               const PartitionOffsets& next) {
  std::lock_guard lock(mutex_);
  auto found = clients_.find(&subscriber);
  if (found == clients_.end()) return CatchUpStep::abandoned;
  auto& client = found->second;
  auto catching_up = client.catching_up.find(topic_name);
  auto topic = topics_.find(topic_name);
  if (catching_up == client.catching_up.end() || topic == topics_.end())
    return CatchUpStep::abandoned;
  if (!ring_covers(topic->second, next)) return CatchUpStep::reading;

  // Live frames below `next` were sent by the catch-up: skip them, in the ring and after.
  auto subscription = std::move(catching_up->second);
  client.catching_up.erase(catching_up);
  subscription.floor = next;
  for (const auto& frame : topic->second.ring) {
    ParsedValue value(*frame);
    if (client.wants_key(*frame) && subscription.wants(*frame, value)) subscriber.deliver(frame);
  }
  client.topics.emplace(std::string(topic_name), std::move(subscription));
  subscribers_changed();
  return CatchUpStep::joined;
}

}  // namespace streamweaver::bridge
