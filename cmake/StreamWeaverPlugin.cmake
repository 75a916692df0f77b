# streamweaver_add_plugin(NAME SOURCES file.cpp ... [OUTPUT_DIRECTORY dir])
# Builds a plugin as a MODULE library named lib<NAME>.so with hidden visibility: the only
# exported symbols are the descriptor aliases made by STREAMWEAVER_PLUGIN.
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
  if(COMMAND streamweaver_warnings)
    streamweaver_warnings(${name})
  endif()
endfunction()
