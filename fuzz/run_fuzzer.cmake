# One bounded fuzz run, as ctest runs it (fuzz/CMakeLists.txt):
#   cmake -DFUZZER=… -DSEEDS=… -DDICT=… -DWORK=… -DSECONDS=… -DMAX_LEN=… -P run_fuzzer.cmake
# The committed seeds are read only: libFuzzer writes what it finds into the first corpus
# directory it is given, so that is a new one under WORK, made afresh for every run. A crash
# input is written to WORK as crash-*, leak-* or timeout-*.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus")
execute_process(
  COMMAND "${FUZZER}"
    -max_total_time=${SECONDS}
    -rss_limit_mb=2048
    -timeout=10
    -len_control=0
    -max_len=${MAX_LEN}
    -dict=${DICT}
    -print_final_stats=1
    -artifact_prefix=${WORK}/
    "${WORK}/corpus" "${SEEDS}"
  WORKING_DIRECTORY "${WORK}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(GLOB found "${WORK}/crash-*" "${WORK}/leak-*" "${WORK}/timeout-*" "${WORK}/oom-*")
  message(FATAL_ERROR "${FUZZER} failed (${result}); the input: ${found}\n"
    "Replay it with: ${FUZZER} <that file>")
endif()
