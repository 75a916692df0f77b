#pragma once
// The SDK's binary contract. Bump STREAMWEAVER_SDK_ABI_VERSION whenever a type that crosses
// the plugin boundary (Record, Options, Status, the adapters, PluginDescriptor) changes layout.
#include <cstdint>
#include <nlohmann/json.hpp>

#ifndef STREAMWEAVER_SDK_ABI_VERSION
#define STREAMWEAVER_SDK_ABI_VERSION 6
#endif

#define STREAMWEAVER_SDK_STRINGIFY_(x) #x
#define STREAMWEAVER_SDK_STRINGIFY(x) STREAMWEAVER_SDK_STRINGIFY_(x)

// What else must match between host and plugin: the C++ standard library (std types cross the
// boundary) and nlohmann/json (Record::value is a json). Recorded in every plugin at build time.
#if defined(_GLIBCXX_RELEASE)
#define STREAMWEAVER_SDK_STDLIB "libstdc++ " STREAMWEAVER_SDK_STRINGIFY(_GLIBCXX_RELEASE)
#else
#define STREAMWEAVER_SDK_STDLIB "unknown stdlib"
#endif
#define STREAMWEAVER_SDK_TOOLCHAIN                                                     \
  STREAMWEAVER_SDK_STDLIB ", nlohmann_json " STREAMWEAVER_SDK_STRINGIFY(             \
      NLOHMANN_JSON_VERSION_MAJOR) "." STREAMWEAVER_SDK_STRINGIFY(NLOHMANN_JSON_VERSION_MINOR)

namespace streamweaver {
inline constexpr std::uint32_t kSdkAbiVersion = STREAMWEAVER_SDK_ABI_VERSION;
inline constexpr const char* kSdkToolchain = STREAMWEAVER_SDK_TOOLCHAIN;
}  // namespace streamweaver
