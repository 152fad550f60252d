# Applied to every loaxa target through loaxa_target_defaults().
function(loaxa_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual)
  # GCC 12 reports impossible memcpy overlaps in std::string concatenation at -O3
  # (GCC bug 105329, a false positive in libstdc++'s inlined char_traits).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(LOAXA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
