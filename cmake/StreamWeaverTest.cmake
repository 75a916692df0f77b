include(StreamWeaverPlugin)  # streamweaver_use_plugins

# streamweaver_add_test(NAME SOURCES a.cpp ... [LIBS lib ...] [PLUGINS plugin ...])
# One GoogleTest executable of this tree; each listed plugin's built path is passed as the macro
# <PLUGIN>_PLUGIN_PATH (upper case), e.g. STOCK_PLUGIN_PATH.
function(streamweaver_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;PLUGINS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE GTest::gtest_main streamweaver::sdk ${T_LIBS})
  streamweaver_warnings(${name})
  streamweaver_use_plugins(${name} ${T_PLUGINS})
  target_compile_definitions(${name} PRIVATE
    STREAMWEAVER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    STREAMWEAVER_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endfunction()
