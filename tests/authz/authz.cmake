# Authorization matrix and web-security tests (issue 12): in-process through the
# real gate on both backends, and against a real `qinglian serve` for what only
# the HTTP layer does (headers, static files, CRLF).
add_library(qlworld STATIC ${CMAKE_SOURCE_DIR}/tests/authz/world.c)
target_link_libraries(qlworld PUBLIC qltestlib)
target_include_directories(qlworld PUBLIC ${CMAKE_SOURCE_DIR}/tests/authz)
add_executable(authz_matrix ${CMAKE_SOURCE_DIR}/tests/authz/authz_matrix.c)
target_link_libraries(authz_matrix PRIVATE qlworld)
foreach(backend sqlite pg)
  add_test(NAME http/authz_matrix/${backend} COMMAND authz_matrix ${backend})
  set_tests_properties(http/authz_matrix/${backend} PROPERTIES LABELS http SKIP_RETURN_CODE 77)
endforeach()
add_executable(security_payloads ${CMAKE_SOURCE_DIR}/tests/security/security_payloads.c)
target_link_libraries(security_payloads PRIVATE qlworld)
foreach(backend sqlite pg)
  add_test(NAME http/security_payloads/${backend}
           COMMAND security_payloads ${backend} ${CMAKE_SOURCE_DIR}/tests/security/payloads.txt)
  set_tests_properties(http/security_payloads/${backend} PROPERTIES LABELS http SKIP_RETURN_CODE 77)
endforeach()
add_test(NAME e2e/security_web COMMAND bash ${CMAKE_SOURCE_DIR}/tests/security/web.sh $<TARGET_FILE:qinglian>)
set_tests_properties(e2e/security_web PROPERTIES LABELS e2e SKIP_RETURN_CODE 77
  ENVIRONMENT "QL_SRCDIR=${CMAKE_SOURCE_DIR}")
