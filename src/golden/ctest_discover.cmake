# Run by CTest each time it starts (TEST_INCLUDE_FILES): lists the tests of the
# golden runner and adds one CTest test per GoogleTest test, named
# golden.<suite>.<test>. The runner finds the case files itself, so listing
# here every time (never from a cache) puts a new tests/golden/**/*.test file
# into CTest without a rebuild. Set by the caller: GOLDEN_EXE, GOLDEN_SOURCE_DIR.
if(NOT EXISTS "${GOLDEN_EXE}")
  add_test(golden.NOT_BUILT golden_tests_NOT_BUILT)
  return()
endif()
execute_process(COMMAND "${GOLDEN_EXE}" --gtest_list_tests
                WORKING_DIRECTORY "${GOLDEN_SOURCE_DIR}"
                OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE result
                TIMEOUT 60)
if(NOT result EQUAL 0)
  # A runner that cannot list its tests is one failing test, with the reason.
  add_test(golden.LIST_FAILED "${CMAKE_COMMAND}" -E echo "golden_tests --gtest_list_tests: ${result} ${errors}")
  set_tests_properties(golden.LIST_FAILED PROPERTIES FAIL_REGULAR_EXPRESSION ".")
  return()
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(suite "")
foreach(line IN LISTS lines)
  if(line MATCHES "^([A-Za-z0-9_]+)\\.$")
    set(suite "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^  ([A-Za-z0-9_]+)" AND NOT suite STREQUAL "")
    set(name "golden.${suite}.${CMAKE_MATCH_1}")
    add_test("${name}" "${GOLDEN_EXE}" "--gtest_filter=${suite}.${CMAKE_MATCH_1}")
    set_tests_properties("${name}" PROPERTIES
      WORKING_DIRECTORY "${GOLDEN_SOURCE_DIR}"
      ENVIRONMENT "ECOCIV_SOURCE_DIR=${GOLDEN_SOURCE_DIR}")
  endif()
endforeach()
