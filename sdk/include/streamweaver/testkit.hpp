#pragma once
// Drive a plugin in-process from a GoogleTest (or any test) without Kafka or the host:
//
//   auto plugin = streamweaver::testkit::load(PLUGIN_PATH);     // the built .so
//   auto source = plugin.make_source({{"seed", 7}});
//   auto records = streamweaver::testkit::take(*source, 100);
//
// Loading goes through Boost.DLL exactly as the host does, so a test also checks the export.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "streamweaver/sdk.hpp"

namespace streamweaver::testkit {

// Collects everything a transform emits.
// Keeps what a transform emits; a record it wrote as text (Record::json) gets `value` parsed
// from it too, so tests read records the same way whichever way they were written.
class CapturingEmitter final : public Emitter {
 public:
  void emit(Record record) override {
    // Text that is no JSON leaves `value` discarded (is_discarded()), for the test to see.
    if (!record.json.empty()) record.value = nlohmann::json::parse(record.json, nullptr, false);
    records.push_back(std::move(record));
  }
  std::vector<Record> records;
};

class LoadedPlugin {
 public:
  explicit LoadedPlugin(const std::filesystem::path& path)
      : library_(path, boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local) {
    auto abi = library_.get_alias<std::uint32_t()>("streamweaver_abi_version")();
    if (abi != kSdkAbiVersion)
      throw std::runtime_error(path.string() + ": plugin ABI " + std::to_string(abi) +
                               ", test kit ABI " + std::to_string(kSdkAbiVersion));
    descriptor_ = &library_.get_alias<const PluginDescriptor&()>("streamweaver_descriptor")();
  }

  const PluginDescriptor& descriptor() const { return *descriptor_; }

  // Options are checked and completed with defaults as the host does; problems throw.
  std::unique_ptr<Source> make_source(nlohmann::json options = nlohmann::json::object()) const {
    return make(descriptor_->make_source, std::move(options));
  }
  std::unique_ptr<Transform> make_transform(
      nlohmann::json options = nlohmann::json::object()) const {
    return make(descriptor_->make_transform, std::move(options));
  }

 private:
  template <class Made>
  std::unique_ptr<Made> make(std::unique_ptr<Made> (*factory)(const Options&, std::string&) noexcept,
                             nlohmann::json options) const {
    if (factory == nullptr)
      throw std::logic_error(descriptor_->info.name + " is not a plugin of that kind");
    auto problems = resolve_options(descriptor_->info.options, options);
    if (!problems.empty()) throw std::invalid_argument(problems.front());
    std::string error;
    auto made = factory(Options(std::move(options)), error);
    if (!made) throw std::invalid_argument(descriptor_->info.name + ": " + error);
    return made;
  }

  boost::dll::shared_library library_;
  const PluginDescriptor* descriptor_ = nullptr;
};

inline LoadedPlugin load(const std::filesystem::path& path) { return LoadedPlugin(path); }

// Source::next, and a record the source wrote as text (Record::json) comes back with `value`
// parsed from it too, so tests read records the same way whichever way they were written.
inline Status next(Source& source, Record& out) {
  Status status = source.next(out);
  if (status.is_ok() && !out.json.empty()) out.value = nlohmann::json::parse(out.json);
  return status;
}

// Pulls `count` records from a source (see next()); stops early on end or error (which throws).
inline std::vector<Record> take(Source& source, std::size_t count) {
  std::vector<Record> records;
  records.reserve(count);
  while (records.size() < count) {
    Record record;
    Status status = next(source, record);
    if (status.code() == Status::Code::ok) records.push_back(std::move(record));
    else if (status.code() == Status::Code::end) break;
    else if (status.code() == Status::Code::error) throw std::runtime_error(status.message());
  }
  return records;
}

// Feeds records through a transform and returns what it emitted; a non-ok status throws.
inline std::vector<Record> run(Transform& transform, std::vector<Record> inputs) {
  CapturingEmitter out;
  for (auto& record : inputs) {
    Status status = transform.process(std::move(record), out);
    if (!status.is_ok()) throw std::runtime_error(status.message());
  }
  return std::move(out.records);
}

}  // namespace streamweaver::testkit
