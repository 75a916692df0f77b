#pragma once
#include <memory>

#include <boost/dll/shared_library.hpp>

namespace streamweaver::plugin {

// An object made by a plugin, together with the library its code lives in. The library is
// declared first so it is released last: it stays loaded while the object exists.
template <class T>
struct PluginInstance {
  std::shared_ptr<boost::dll::shared_library> library;
  std::unique_ptr<T> object;

  T* operator->() const { return object.get(); }
  T& operator*() const { return *object; }
  explicit operator bool() const { return object != nullptr; }
};

}  // namespace streamweaver::plugin
