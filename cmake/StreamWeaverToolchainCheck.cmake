# Part of the StreamWeaverSDK package: warns at configure time when this project's toolchain
# differs from the SDK's. std:: types and nlohmann::json cross the plugin boundary, so the host
# refuses a plugin built against another libstdc++ major or nlohmann_json minor; better to hear
# it now than when the host starts.
function(_streamweaver_check_toolchain)
  if(NOT CMAKE_CXX_COMPILER_ID)
    return()  # C++ not enabled (yet): nothing to compare
  endif()
  string(REGEX MATCH "^[0-9]+" sdk_major "${STREAMWEAVER_SDK_CXX_COMPILER_VERSION}")
  string(REGEX MATCH "^[0-9]+" our_major "${CMAKE_CXX_COMPILER_VERSION}")
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL STREAMWEAVER_SDK_CXX_COMPILER_ID OR
     NOT our_major STREQUAL sdk_major)
    message(WARNING
      "StreamWeaverSDK was built with ${STREAMWEAVER_SDK_CXX_COMPILER_ID} "
      "${STREAMWEAVER_SDK_CXX_COMPILER_VERSION}, this project uses ${CMAKE_CXX_COMPILER_ID} "
      "${CMAKE_CXX_COMPILER_VERSION}. The host refuses plugins whose C++ standard library "
      "differs from its own; build with the SDK's compiler (-DCMAKE_CXX_COMPILER=...) or use "
      "the SDK Docker image.")
  endif()
  set(our_json "${nlohmann_json_VERSION_MAJOR}.${nlohmann_json_VERSION_MINOR}")
  if(DEFINED nlohmann_json_VERSION_MAJOR AND
     NOT our_json STREQUAL STREAMWEAVER_SDK_NLOHMANN_JSON_VERSION)
    message(WARNING
      "StreamWeaverSDK was built with nlohmann_json ${STREAMWEAVER_SDK_NLOHMANN_JSON_VERSION}, "
      "this project found ${our_json} (${nlohmann_json_DIR}). Record values are "
      "nlohmann::json objects, so the host refuses plugins built with another version.")
  endif()
endfunction()
_streamweaver_check_toolchain()
