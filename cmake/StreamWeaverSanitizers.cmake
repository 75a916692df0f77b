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
  if(STREAMWEAVER_SANITIZE MATCHES "thread")
    # GCC 12 warns at every Asio fence that TSan does not model fences (a source of false
    # reports, not of missed ones): thousands of lines per Beast file that bury real warnings.
    add_compile_options(-Wno-tsan)
  endif()
  message(STATUS "StreamWeaver: building with -fsanitize=${STREAMWEAVER_SANITIZE}")
endif()

# librdkafka runs on C11 threads, which ThreadSanitizer does not see: every target gets the
# pthread-based definitions of tsan_c11_threads.c (executables' own definitions win).
if(STREAMWEAVER_SANITIZE MATCHES "thread")
  enable_language(C)
  add_library(streamweaver_tsan_c11_threads OBJECT ${CMAKE_CURRENT_LIST_DIR}/tsan_c11_threads.c)
  link_libraries(streamweaver_tsan_c11_threads)
endif()
