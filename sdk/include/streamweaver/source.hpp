#pragma once
#include <concepts>

#include "streamweaver/options.hpp"
#include "streamweaver/record.hpp"
#include "streamweaver/status.hpp"

namespace streamweaver {

// What the host holds for a running source. Plugin authors do not implement this directly:
// they write a plain class (see SourceImpl) and STREAMWEAVER_SOURCE_PLUGIN wraps it.
class Source {
 public:
  virtual ~Source() = default;
  // Called from the source's own thread, as often as its `rate` allows. Must not block long.
  virtual Status next(Record& out) noexcept = 0;
};

// The shape of a plugin author's source class:
//   explicit MySource(const streamweaver::Options&);   // may throw on bad option values
//   streamweaver::Status next(streamweaver::Record& out);
template <class T>
concept SourceImpl = std::constructible_from<T, const Options&> &&
                     requires(T& source, Record& out) {
                       { source.next(out) } -> std::same_as<Status>;
                     };

}  // namespace streamweaver
