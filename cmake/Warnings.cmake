# Applied to every loaxa target through loaxa_target_defaults().
function(loaxa_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual)
  if(LOAXA_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
