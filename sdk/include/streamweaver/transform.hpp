#pragma once
#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "streamweaver/options.hpp"
#include "streamweaver/record.hpp"
#include "streamweaver/stage_counter.hpp"
#include "streamweaver/status.hpp"

namespace streamweaver {

// Where a transform sends its output: zero, one or many records per input.
class Emitter {
 public:
  virtual void emit(Record record) = 0;

 protected:
  ~Emitter() = default;
};

// What the host holds for a transform stage. Plugin authors write a plain class (see
// TransformImpl) and STREAMWEAVER_TRANSFORM_PLUGIN wraps it.
class Transform {
 public:
  virtual ~Transform() = default;
  // Called for every input record, always from the same thread for one stage instance.
  virtual Status process(Record in, Emitter& out) noexcept = 0;
  // Called every timer_interval_ms() from the same thread as process(); 0 means never.
  virtual Status on_timer(std::int64_t now_ms, Emitter& out) noexcept = 0;
  virtual std::int64_t timer_interval_ms() const noexcept = 0;
  // Its own figures; read by the host from the same thread as process().
  virtual std::vector<StageCounter> counters() const noexcept = 0;
  // Whether it takes records as JSON text (Record::json) without Record::value built: see
  // JsonTextTransformImpl.
  virtual bool reads_json_text() const noexcept = 0;
};

// The shape of a plugin author's transform class:
//   explicit MyTransform(const streamweaver::Options&);         // may throw on bad options
//   streamweaver::Status process(streamweaver::Record in, streamweaver::Emitter& out);
// and, for time-based output, both of:
//   std::int64_t timer_interval_ms() const;
//   streamweaver::Status on_timer(std::int64_t now_ms, streamweaver::Emitter& out);
template <class T>
concept TransformImpl = std::constructible_from<T, const Options&> &&
                        requires(T& transform, Record in, Emitter& out) {
                          { transform.process(std::move(in), out) } -> std::same_as<Status>;
                        };

// A transform may also report figures about itself (optional):
//   std::vector<streamweaver::StageCounter> counters() const;
template <class T>
concept CountingTransformImpl = TransformImpl<T> && requires(const T& transform) {
  { transform.counters() } -> std::convertible_to<std::vector<StageCounter>>;
};

template <class T>
concept TimedTransformImpl = TransformImpl<T> && requires(T& transform, Emitter& out) {
  { transform.on_timer(std::int64_t{}, out) } -> std::same_as<Status>;
  { std::as_const(transform).timer_interval_ms() } -> std::convertible_to<std::int64_t>;
};

// A transform that reads records only through JsonFields (streamweaver/json/fields.hpp),
// their key, timestamp and headers, and never Record::value, may say so:
//   static constexpr bool reads_json_text = true;
// The host then skips building Record::value for it, which costs more than most transforms.
template <class T>
concept JsonTextTransformImpl = TransformImpl<T> && requires {
  requires T::reads_json_text;
};

// A class with a public member named reads_json_text that is not such a constant (a
// function, a non-static member, a static that is not constexpr) would silently get values:
// the adapter refuses to compile it.
template <class T>
concept MisdeclaresReadsJsonText = requires { &T::reads_json_text; } && !requires {
  requires std::same_as<decltype(T::reads_json_text), const bool>;
  requires !std::is_member_object_pointer_v<decltype(&T::reads_json_text)>;
};

}  // namespace streamweaver
