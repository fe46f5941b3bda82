# HTTP transcripts (tests/http/<module>/*.http) on SQLite and PostgreSQL, and the
# end-to-end tests against a real `qinglian serve`.
add_executable(http_driver ${CMAKE_SOURCE_DIR}/tests/http/driver.c)
target_link_libraries(http_driver PRIVATE qltestlib)
file(GLOB QL_HTTP_DIRS LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/tests/http/*)
foreach(dir ${QL_HTTP_DIRS})
  get_filename_component(m ${dir} NAME)
  if(IS_DIRECTORY ${dir} AND NOT m STREQUAL "fixture")
    foreach(backend sqlite pg)
      add_test(NAME http/${m}/${backend}
               COMMAND http_driver ${backend} ${CMAKE_SOURCE_DIR}/tests/http/fixture ${dir})
      set_tests_properties(http/${m}/${backend} PROPERTIES LABELS http SKIP_RETURN_CODE 77)
    endforeach()
  endif()
endforeach()

file(GLOB QL_E2E CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/e2e/*.sh)
foreach(script ${QL_E2E})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME e2e/${name} COMMAND bash ${script} $<TARGET_FILE:qinglian>)
  set_tests_properties(e2e/${name} PROPERTIES LABELS e2e SKIP_RETURN_CODE 77
    ENVIRONMENT "QL_SRCDIR=${CMAKE_SOURCE_DIR}")
endforeach()
include(${CMAKE_SOURCE_DIR}/tests/rules/rules.cmake)
include(${CMAKE_SOURCE_DIR}/tests/authz/authz.cmake)
