# STREAMWEAVER_SANITIZE: build everything (host, plugins, tests) under sanitizers, e.g.
# "address,undefined" or "thread". A build-wide mode like the build type, so it is the one
# place flags are set for every target; scripts/test.sh --sanitizers makes such builds in
# build-asan/ and build-tsan/.
set(STREAMWEAVER_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined or thread")
if(STREAMWEAVER_SANITIZE)
  # Any report ends the program with an error, so a test that triggers one fails.
  add_compile_options(-fsanitize=${STREAMWEAVER_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${STREAMWEAVER_SANITIZE})
  message(STATUS "StreamWeaver: building with -fsanitize=${STREAMWEAVER_SANITIZE}")
endif()
