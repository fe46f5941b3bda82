# Red-flag rule fixtures (tests/rules/<CODE>/: input files, as_of, expected.json)
# run by one driver on SQLite and PostgreSQL.
add_executable(rules_driver ${CMAKE_SOURCE_DIR}/tests/rules/rules_driver.c)
target_link_libraries(rules_driver PRIVATE qltestlib)
foreach(backend sqlite pg)
  add_test(NAME rules/fixtures/${backend}
           COMMAND rules_driver ${backend} ${CMAKE_SOURCE_DIR}/tests/rules)
  set_tests_properties(rules/fixtures/${backend} PROPERTIES LABELS rules SKIP_RETURN_CODE 77)
endforeach()
