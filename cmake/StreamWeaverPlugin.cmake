# Building StreamWeaver plugins. Used in this tree (plugins/, tests/) and, installed with the
# StreamWeaverSDK package, by plugin authors out of tree: one copy of these helpers for both.
#
# streamweaver_add_plugin(NAME SOURCES file.cpp ... [OUTPUT_DIRECTORY dir])
#   Builds a plugin as a MODULE library named lib<NAME>.so with hidden visibility: the only
#   exported symbols are the descriptor aliases made by STREAMWEAVER_*_PLUGIN.
#   When STREAMWEAVER_INSTALL_PLUGINS is true, `cmake --install` puts it in
#   ${STREAMWEAVER_PLUGIN_INSTALL_DIR} (default lib/streamweaver/plugins, where an installed
#   host looks: <prefix>/bin/../lib/streamweaver/plugins). plugins/ and the SDK package turn
#   this on; test fixtures leave it off so they never land in an install.
#
# streamweaver_add_plugin_test(NAME SOURCES test.cpp ... PLUGINS plugin ...)
#   A GoogleTest executable registered with CTest, for tests written with
#   streamweaver/testkit.hpp; see streamweaver_use_plugins for the plugin paths.
#
# streamweaver_use_plugins(TARGET plugin ...)
#   Passes each plugin's built path to TARGET as the macro <PLUGIN>_PLUGIN_PATH (upper case,
#   e.g. STOCK_PLUGIN_PATH) and builds the plugins first.
include_guard(GLOBAL)

function(streamweaver_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  add_library(${name} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${name} PRIVATE streamweaver::sdk)
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIRECTORY})
  elseif(DEFINED STREAMWEAVER_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${STREAMWEAVER_PLUGIN_OUTPUT_DIR})
  endif()
  if(STREAMWEAVER_INSTALL_PLUGINS)
    set(destination lib/streamweaver/plugins)
    if(STREAMWEAVER_PLUGIN_INSTALL_DIR)
      set(destination ${STREAMWEAVER_PLUGIN_INSTALL_DIR})
    endif()
    install(TARGETS ${name} LIBRARY DESTINATION ${destination})
  endif()
  if(COMMAND streamweaver_warnings)
    streamweaver_warnings(${name})
  endif()
endfunction()

function(streamweaver_use_plugins target)
  foreach(plugin ${ARGN})
    string(TOUPPER ${plugin} upper)
    target_compile_definitions(${target} PRIVATE ${upper}_PLUGIN_PATH="$<TARGET_FILE:${plugin}>")
    add_dependencies(${target} ${plugin})
  endforeach()
endfunction()

function(streamweaver_add_plugin_test name)
  cmake_parse_arguments(T "" "" "SOURCES;PLUGINS" ${ARGN})
  if(NOT TARGET GTest::gtest_main)
    find_package(GTest REQUIRED)
  endif()
  include(GoogleTest)
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE GTest::gtest_main streamweaver::sdk)
  streamweaver_use_plugins(${name} ${T_PLUGINS})
  gtest_discover_tests(${name})
endfunction()
