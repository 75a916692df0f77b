# Warnings are applied per target, never globally.
function(streamweaver_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wno-missing-field-initializers)  # designated initializers omit fields on purpose
endfunction()
