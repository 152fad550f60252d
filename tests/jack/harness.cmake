# The JACK harness shared by tests/jack, bench/start_error and bench/emergency: a dummy JACK server, the
# independent onset recorder, and the station run as an operator runs it (the loaxa CLI and
# loaxad as processes). Included by both; whichever comes first defines it.
if(NOT TARGET loaxa_jack_harness)
  add_library(loaxa_jack_harness STATIC
    ${CMAKE_CURRENT_LIST_DIR}/jack_server.cpp
    ${CMAKE_CURRENT_LIST_DIR}/onset_recorder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/station_process.cpp
    ${CMAKE_CURRENT_LIST_DIR}/onset_math.cpp
    ${CMAKE_CURRENT_LIST_DIR}/onset_segment.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tone_source.cpp)
  loaxa_target_defaults(loaxa_jack_harness)
  target_include_directories(loaxa_jack_harness PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(loaxa_jack_harness PUBLIC PkgConfig::JACK PRIVATE loaxa_schedules loaxa_audio nlohmann_json::nlohmann_json PkgConfig::SNDFILE)
endif()
