# libFuzzer targets for every parser (tests/fuzz/fuzz_*.c), and the `fuzz` ctest
# label.  Included by one line of CMakeLists.txt after qlcore is defined.
#
# -DQL_FUZZ=ON (with CC=clang) builds the targets: qlcore is compiled with
# -fsanitize=fuzzer-no-link,address,undefined and each target is linked with
# -fsanitize=fuzzer.  `make fuzz` makes such a build in build-fuzz.
#
# In every build, the `fuzz` label holds one test per target that runs the
# target of build-fuzz (this build's own when QL_FUZZ is ON) for
# QL_FUZZ_CI_SECONDS over its seed corpus, after every file of
# tests/fuzz/regress/<target>/; it is skipped (77) when that binary is absent.
option(QL_FUZZ "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)

set(QL_FUZZ_DIR ${CMAKE_SOURCE_DIR}/tests/fuzz)
# Every tests/fuzz/fuzz_<name>.c is a target (`make fuzz` runs the same list).
file(GLOB QL_FUZZ_SRCS CONFIGURE_DEPENDS ${QL_FUZZ_DIR}/fuzz_*.c)
set(QL_FUZZ_TARGETS)
foreach(src ${QL_FUZZ_SRCS})
  get_filename_component(t ${src} NAME_WE)
  list(APPEND QL_FUZZ_TARGETS ${t})
endforeach()
set(QL_FUZZ_CI_SECONDS 10 CACHE STRING "Seconds each fuzz target runs under ctest -L fuzz")

if(QL_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "QL_FUZZ=ON needs clang: CC=clang cmake -DQL_FUZZ=ON ...")
  endif()
  set(QL_FUZZ_SAN -fsanitize=address,undefined -fno-sanitize-recover=undefined -Wno-unknown-warning-option
                  -fno-omit-frame-pointer -O1 -g)
  # clang warns about things gcc does not; -Werror stays on for the gcc builds.
  target_compile_options(qlcore PRIVATE -fsanitize=fuzzer-no-link ${QL_FUZZ_SAN} -Wno-error)
  target_link_options(qlcore INTERFACE -fsanitize=address,undefined)
  foreach(t ${QL_FUZZ_TARGETS})
    add_executable(${t} ${QL_FUZZ_DIR}/${t}.c)
    target_compile_options(${t} PRIVATE -fsanitize=fuzzer ${QL_FUZZ_SAN})
    target_link_options(${t} PRIVATE -fsanitize=fuzzer)
    # A target may build its input with a library itself (fuzz_xlsx: libzip), as
    # the unit tests do; qlcore loads those on first use and does not link them.
    target_link_libraries(${t} PRIVATE qlcore PkgConfig::LAZY)
    target_compile_definitions(${t} PRIVATE QL_FUZZ_SRCDIR="${CMAKE_SOURCE_DIR}")
  endforeach()
  add_custom_target(fuzz_targets DEPENDS ${QL_FUZZ_TARGETS})
  set(QL_FUZZ_BIN ${CMAKE_BINARY_DIR})
else()
  set(QL_FUZZ_BIN ${CMAKE_SOURCE_DIR}/build-fuzz)
endif()

foreach(t ${QL_FUZZ_TARGETS})
  add_test(NAME fuzz/${t}
           COMMAND bash ${QL_FUZZ_DIR}/run.sh ${QL_FUZZ_BIN}/${t} ${QL_FUZZ_CI_SECONDS})
  set_tests_properties(fuzz/${t} PROPERTIES LABELS fuzz SKIP_RETURN_CODE 77
    ENVIRONMENT "QL_TESTDATA=${CMAKE_SOURCE_DIR}/tests/data;QL_SRCDIR=${CMAKE_SOURCE_DIR}")
endforeach()
