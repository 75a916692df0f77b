include(StreamWeaverPlugin)  # streamweaver_use_plugins

# streamweaver_add_test(NAME SOURCES a.cpp ... [LIBS lib ...] [PLUGINS plugin ...]
#                       [ALONGSIDE] [TIMEOUT seconds])
# One GoogleTest executable of this tree; each listed plugin's built path is passed as the macro
# <PLUGIN>_PLUGIN_PATH (upper case), e.g. STOCK_PLUGIN_PATH.
# Tests hold the "serial" resource lock, so `ctest -j2` still runs them one at a time (many
# measure what they wait for); ALONGSIDE is for long tests that mostly wait: they go first
# and run beside the others.
# Each area also gets a target tests_<area> that builds its tests and what they need, so a
# tree that runs only some areas (the ThreadSanitizer one) builds only those.
function(streamweaver_add_test name)
  cmake_parse_arguments(T "ALONGSIDE" "TIMEOUT" "SOURCES;LIBS;PLUGINS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  if(T_ALONGSIDE)
    set(scheduling COST 100000)
  else()
    set(scheduling RESOURCE_LOCK serial)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE GTest::gtest_main streamweaver::sdk ${T_LIBS})
  streamweaver_warnings(${name})
  streamweaver_use_plugins(${name} ${T_PLUGINS})
  target_compile_definitions(${name} PRIVATE
    STREAMWEAVER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    STREAMWEAVER_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  get_filename_component(area ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS ${area} ${scheduling})
  if(NOT TARGET tests_${area})
    add_custom_target(tests_${area})
  endif()
  add_dependencies(tests_${area} ${name})
endfunction()
