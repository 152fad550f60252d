# LOAXA_FUZZ: the libFuzzer targets (fuzz/). libFuzzer comes with clang only. Every library
# is built with the fuzzer's coverage hooks and ASan/UBSan, so the fuzzer sees into the code
# it drives and any memory error or undefined behaviour there is a crash; only the fuzz
# targets themselves link libFuzzer's main (fuzz/CMakeLists.txt).
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "LOAXA_FUZZ needs clang (libFuzzer comes with it), not ${CMAKE_CXX_COMPILER_ID}: "
    "configure a separate build directory with CC=clang CXX=clang++ (Debian: apt-get install clang libclang-rt-14-dev)")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
