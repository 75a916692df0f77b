#pragma once
#include <concepts>
#include <string>
#include <vector>

#include "streamweaver/options.hpp"
#include "streamweaver/record.hpp"
#include "streamweaver/stage_counter.hpp"
#include "streamweaver/status.hpp"

namespace streamweaver {

// What the host holds for a running source. Plugin authors do not implement this directly:
// they write a plain class (see SourceImpl) and STREAMWEAVER_SOURCE_PLUGIN wraps it.
class Source {
 public:
  virtual ~Source() = default;
  // Called from the source's own thread, as often as its `rate` allows. Must not block long.
  virtual Status next(Record& out) noexcept = 0;
  // Figures the source keeps about itself (reconnects, parse errors); read by the host from
  // the same thread as next(), about once a second.
  virtual std::vector<StageCounter> counters() const noexcept = 0;
  // Its link to the outside world in a few words ("connected", "reconnecting: connection
  // refused"); empty when it has none. Read like counters().
  virtual std::string condition() const noexcept = 0;
};

// The shape of a plugin author's source class:
//   explicit MySource(const streamweaver::Options&);   // may throw on bad option values
//   streamweaver::Status next(streamweaver::Record& out);
// Cheap and free of side effects, the constructor also runs for `streamweaver check`: start
// threads and connections on the first next(), stop them in the destructor.
template <class T>
concept SourceImpl = std::constructible_from<T, const Options&> &&
                     requires(T& source, Record& out) {
                       { source.next(out) } -> std::same_as<Status>;
                     };

// Optional, a source may report figures about itself:
//   std::vector<streamweaver::StageCounter> counters() const;
template <class T>
concept CountingSourceImpl = SourceImpl<T> && requires(const T& source) {
  { source.counters() } -> std::convertible_to<std::vector<StageCounter>>;
};

// Optional, and the state of its connection:
//   std::string condition() const;
template <class T>
concept ConnectedSourceImpl = SourceImpl<T> && requires(const T& source) {
  { source.condition() } -> std::convertible_to<std::string>;
};

}  // namespace streamweaver
