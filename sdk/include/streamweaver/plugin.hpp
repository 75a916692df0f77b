#pragma once
// Declaring a plugin: one class, one macro at the bottom of the file.
//
//   STREAMWEAVER_SOURCE_PLUGIN(MySource, {
//       .name = "my_source", .version = "1.0.0", .description = "What it emits",
//       .options = {{.name = "seed", .type = streamweaver::OptionType::integer,
//                    .default_value = 42, .description = "Random seed"}},
//       .display = {.chart = {{"celsius", "°C"}}, .series = "device"},   // optional
//   })
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/alias.hpp>

#include "streamweaver/display.hpp"
#include "streamweaver/options.hpp"
#include "streamweaver/source.hpp"
#include "streamweaver/transform.hpp"
#include "streamweaver/version.hpp"

namespace streamweaver {

enum class PluginKind { source, transform };

inline const char* to_string(PluginKind kind) {
  return kind == PluginKind::source ? "source" : "transform";
}

struct PluginInfo {
  std::string name;  // unique across all loaded plugins
  std::string version;
  std::string description;
  std::vector<OptionSpec> options;
  DisplayHints display;  // how its records are best shown; all optional
};

// Factories never throw: a failure comes back as nullptr with `error` set.
using SourceFactory = std::unique_ptr<Source> (*)(const Options&, std::string& error) noexcept;
using TransformFactory = std::unique_ptr<Transform> (*)(const Options&,
                                                        std::string& error) noexcept;

struct PluginDescriptor {
  std::uint32_t abi_version = kSdkAbiVersion;
  PluginKind kind = PluginKind::source;
  PluginInfo info;
  SourceFactory make_source = nullptr;        // set when kind == source
  TransformFactory make_transform = nullptr;  // set when kind == transform
};

namespace detail {

// Runs `body`, turning any exception into Status::error so none crosses the boundary.
template <class Body>
Status guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::exception& e) {
    return Status::error(e.what());
  } catch (...) {
    return Status::error("unknown exception");
  }
}

// Runs a reporting call; an exception gives an empty report rather than crossing the boundary.
template <class Body>
auto quietly(Body&& body) noexcept -> decltype(body()) {
  try {
    return body();
  } catch (...) {
    return {};
  }
}

template <class Base, class Made>
std::unique_ptr<Base> construct(const Options& options, std::string& error) noexcept {
  try {
    return std::make_unique<Made>(options);
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown exception";
  }
  return nullptr;
}

template <SourceImpl Impl>
class SourceAdapter final : public Source {
 public:
  explicit SourceAdapter(const Options& options) : impl_(options) {}
  Status next(Record& out) noexcept override {
    return guarded([&] { return impl_.next(out); });
  }
  std::vector<StageCounter> counters() const noexcept override {
    if constexpr (CountingSourceImpl<Impl>) return quietly([&] { return impl_.counters(); });
    else return {};
  }
  std::string condition() const noexcept override {
    if constexpr (ConnectedSourceImpl<Impl>) return quietly([&]() -> std::string { return impl_.condition(); });
    else return {};
  }

 private:
  Impl impl_;
};

template <TransformImpl Impl>
class TransformAdapter final : public Transform {
  static_assert(!MisdeclaresReadsJsonText<Impl>,
                "declare reads_json_text as `static constexpr bool reads_json_text = true;` "
                "(a function or a non-static member is not read, and the transform would get values)");

 public:
  explicit TransformAdapter(const Options& options) : impl_(options) {}
  Status process(Record in, Emitter& out) noexcept override {
    return guarded([&] { return impl_.process(std::move(in), out); });
  }
  Status on_timer(std::int64_t now_ms, Emitter& out) noexcept override {
    if constexpr (TimedTransformImpl<Impl>)
      return guarded([&] { return impl_.on_timer(now_ms, out); });
    else
      return Status::ok();
  }
  std::int64_t timer_interval_ms() const noexcept override {
    if constexpr (TimedTransformImpl<Impl>) {
      try {
        return static_cast<std::int64_t>(impl_.timer_interval_ms());
      } catch (...) {
        return 0;
      }
    } else {
      return 0;
    }
  }
  std::vector<StageCounter> counters() const noexcept override {
    if constexpr (CountingTransformImpl<Impl>) return quietly([&] { return impl_.counters(); });
    else return {};
  }
  bool reads_json_text() const noexcept override { return JsonTextTransformImpl<Impl>; }

 private:
  Impl impl_;
};

template <SourceImpl Impl>
PluginDescriptor source_descriptor(PluginInfo info) {
  PluginDescriptor d;
  d.kind = PluginKind::source;
  d.info = std::move(info);
  d.make_source = &construct<Source, SourceAdapter<Impl>>;
  return d;
}

template <TransformImpl Impl>
PluginDescriptor transform_descriptor(PluginInfo info) {
  PluginDescriptor d;
  d.kind = PluginKind::transform;
  d.info = std::move(info);
  d.make_transform = &construct<Transform, TransformAdapter<Impl>>;
  return d;
}

}  // namespace detail
}  // namespace streamweaver

// The exported symbols. The host reads the ABI version and toolchain first, and only touches
// the descriptor when both match its own.
#define STREAMWEAVER_EXPORT_DESCRIPTOR_(make_descriptor)                                       \
  namespace {                                                                                \
  const ::streamweaver::PluginDescriptor& streamweaver_descriptor_() {                       \
    static const ::streamweaver::PluginDescriptor descriptor = make_descriptor;              \
    return descriptor;                                                                       \
  }                                                                                          \
  std::uint32_t streamweaver_abi_version_() { return STREAMWEAVER_SDK_ABI_VERSION; }         \
  const char* streamweaver_toolchain_() { return STREAMWEAVER_SDK_TOOLCHAIN; }               \
  }                                                                                          \
  BOOST_DLL_ALIAS(streamweaver_descriptor_, streamweaver_descriptor)                         \
  BOOST_DLL_ALIAS(streamweaver_abi_version_, streamweaver_abi_version)                       \
  BOOST_DLL_ALIAS(streamweaver_toolchain_, streamweaver_toolchain)

#define STREAMWEAVER_SOURCE_PLUGIN(Class, ...) \
  STREAMWEAVER_EXPORT_DESCRIPTOR_(             \
      ::streamweaver::detail::source_descriptor<Class>(::streamweaver::PluginInfo __VA_ARGS__))

#define STREAMWEAVER_TRANSFORM_PLUGIN(Class, ...)                                            \
  STREAMWEAVER_EXPORT_DESCRIPTOR_(::streamweaver::detail::transform_descriptor<Class>(      \
      ::streamweaver::PluginInfo __VA_ARGS__))
