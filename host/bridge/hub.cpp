#include "bridge/hub.hpp"

#include <algorithm>

namespace streamweaver::bridge {

bool Hub::Client::wants_key(const Frame& frame) const {
  return keys.empty() || (frame.key && keys.contains(*frame.key));
}

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

bool Hub::is_bridged(std::string_view topic) const {
  std::lock_guard lock(mutex_);
  return topics_.contains(topic);
}

void Hub::publish(const BridgedRecord& record) {
  auto frame = data_frame(record);  // serialized once, outside the lock

  std::lock_guard lock(mutex_);
  auto topic = topics_.find(record.topic);
  if (topic == topics_.end()) return;
  topic->second.records->inc();
  if (replay_records_ > 0) {
    auto& ring = topic->second.ring;
    if (ring.size() == replay_records_) ring.pop_front();
    ring.push_back(frame);
  }
  for (auto it = clients_.begin(); it != clients_.end();) {
    auto& client = it->second;
    if (client.topics.contains(record.topic) && client.wants_key(*frame)) {
      auto subscriber = client.subscriber.lock();
      if (!subscriber) {  // ended without leaving: forget it
        it = clients_.erase(it);
        metrics_.ws_clients.add(-1);
        continue;
      }
      subscriber->deliver(frame);
    }
    ++it;
  }
}

std::size_t Hub::client_count() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

void Hub::join(const std::shared_ptr<Subscriber>& subscriber) {
  std::lock_guard lock(mutex_);
  if (clients_.try_emplace(subscriber.get(), Client{.subscriber = subscriber}).second)
    metrics_.ws_clients.add(1);
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
}

void Hub::leave_all() {
  std::lock_guard lock(mutex_);
  metrics_.ws_clients.add(-static_cast<std::int64_t>(clients_.size()));
  clients_.clear();
}

Hub::Reply Hub::subscribe(Subscriber& subscriber, const SubscribeRequest& request) {
  std::lock_guard lock(mutex_);
  for (const auto& name : request.topics)
    if (!topics_.contains(name)) return ProtocolError{"topic '" + name + "' is not bridged"};

  auto found = clients_.find(&subscriber);
  if (found == clients_.end()) return ProtocolError{"not connected"};
  auto& client = found->second;
  if (request.keys) client.keys = {request.keys->begin(), request.keys->end()};
  // Replay under the same lock that publish() takes: no live frame can slip in between
  // the replayed ones, and none is sent twice.
  std::set<std::string_view> replayed;
  for (const auto& name : request.topics) {
    client.topics.insert(name);
    if (request.replay > 0 && replayed.insert(name).second)
      replay(subscriber, client, topics_.find(name)->second, request.replay);
  }
  return topic_list(client);
}

Hub::Reply Hub::unsubscribe(Subscriber& subscriber, const UnsubscribeRequest& request) {
  std::lock_guard lock(mutex_);
  auto found = clients_.find(&subscriber);
  if (found == clients_.end()) return ProtocolError{"not connected"};
  auto& client = found->second;
  if (!request.topics)
    client.topics.clear();
  else
    for (const auto& name : *request.topics) client.topics.erase(name);
  return topic_list(client);
}

std::vector<std::string> Hub::topic_list(const Client& client) const {
  return {client.topics.begin(), client.topics.end()};
}

void Hub::replay(Subscriber& subscriber, const Client& client, const Topic& topic,
                 std::size_t n) const {
  // The newest n frames that pass the key filter, sent oldest first.
  std::vector<const FramePtr*> picked;
  for (auto it = topic.ring.rbegin(); it != topic.ring.rend() && picked.size() < n; ++it)
    if (client.wants_key(**it)) picked.push_back(&*it);
  std::for_each(picked.rbegin(), picked.rend(), [&](const FramePtr* f) { subscriber.deliver(*f); });
}

}  // namespace streamweaver::bridge
