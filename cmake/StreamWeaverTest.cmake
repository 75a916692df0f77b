# streamweaver_add_test(NAME SOURCES a.cpp ... [LIBS lib ...] [PLUGINS plugin ...])
# One GoogleTest executable; each listed plugin's built path is passed as the macro
# <PLUGIN>_PLUGIN_PATH (upper case), e.g. STOCK_PLUGIN_PATH.
function(streamweaver_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;PLUGINS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE GTest::gtest_main streamweaver::sdk ${T_LIBS})
  streamweaver_warnings(${name})
  foreach(plugin ${T_PLUGINS})
    string(TOUPPER ${plugin} upper)
    target_compile_definitions(${name} PRIVATE ${upper}_PLUGIN_PATH="$<TARGET_FILE:${plugin}>")
    add_dependencies(${name} ${plugin})
  endforeach()
  target_compile_definitions(${name} PRIVATE
    STREAMWEAVER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    STREAMWEAVER_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endfunction()
