# Warnings are applied per target, never globally.
function(streamweaver_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wno-missing-field-initializers)  # designated initializers omit fields on purpose
  # In a unity build a test fixture in an anonymous namespace comes from an included file,
  # which GCC warns about although each file's tests still use only their own fixture.
  target_compile_options(${target} PRIVATE $<$<BOOL:${CMAKE_UNITY_BUILD}>:-Wno-subobject-linkage>)
endfunction()
