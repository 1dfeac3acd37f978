# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE).
#
# CPack's DEB generator puts CPACK_PACKAGE_DESCRIPTION_SUMMARY in front of a
# component's description unless the summary is CPack's own default; each
# component's description here starts with its own summary line already.
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
