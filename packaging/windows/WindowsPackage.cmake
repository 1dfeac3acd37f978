# The Windows installer: a 64-bit NSIS installer made by CPack with the two
# components seneschal-server (the Windows service) and seneschal-admin (the
# console, in the Start menu). Included by packaging/CMakeLists.txt on
# Windows, and by the stand-in project of the opt-in Windows checks
# (tests/windows/standin/), which builds the installer from stand-in
# executables with mingw so that this very file is exercised under wine.
#   cpack --config <build>/CPackConfig.cmake -G NSIS
# packaging/README.md says what it installs and where.
#
# Expects: the targets seneschal-server (and seneschal-admin, optional)
# installed to bin with the components server and admin, and
# SENESCHAL_SOURCE_DIR, the top of the source tree.

set(_win ${SENESCHAL_SOURCE_DIR}/packaging/windows)
set(_bin ${CMAKE_CURRENT_BINARY_DIR})

# --- what goes beside the binaries ---------------------------------------------
# The commented configuration, copied to %ProgramData%\Seneschal at the first
# installation (an upgrade keeps the one there). Its dataDir is `data`: beside
# it, in %ProgramData%\Seneschal\data.
install(FILES ${SENESCHAL_SOURCE_DIR}/packaging/seneschal.conf
        DESTINATION share/seneschal COMPONENT server)
install(FILES ${SENESCHAL_SOURCE_DIR}/packaging/debian/copyright
        DESTINATION share/doc/seneschal RENAME copyright.txt COMPONENT server)

# The Qt runtime (windeployqt, through Qt's deployment script) and the other
# DLLs the programs load (OpenSSL, QtKeychain), for the real programs only.
if(TARGET Qt6::Core AND COMMAND qt_generate_deploy_app_script)
  set(_deployed seneschal-server)
  if(TARGET seneschal-admin)
    list(APPEND _deployed seneschal-admin)
  endif()
  foreach(_target IN LISTS _deployed)
    if(_target STREQUAL "seneschal-server")
      set(_component server)
    else()
      set(_component admin)
    endif()
    qt_generate_deploy_app_script(TARGET ${_target} FILENAME_VARIABLE _deploy_script
                                  NO_UNSUPPORTED_PLATFORM_ERROR)
    install(SCRIPT ${_deploy_script} COMPONENT ${_component})
    # Not Qt's own: OpenSSL (libcrypto, libssl) and QtKeychain, found beside
    # their import libraries or on CMAKE_PREFIX_PATH.
    set(_search "")
    foreach(_dir IN LISTS CMAKE_PREFIX_PATH OPENSSL_ROOT_DIR OPENSSL_INCLUDE_DIR)
      get_filename_component(_dir "${_dir}" ABSOLUTE)
      string(APPEND _search " \"${_dir}/bin\" \"${_dir}/../bin\"")
    endforeach()
    install(CODE "
      file(GET_RUNTIME_DEPENDENCIES EXECUTABLES \"$<TARGET_FILE:${_target}>\"
           RESOLVED_DEPENDENCIES_VAR _found UNRESOLVED_DEPENDENCIES_VAR _missing
           DIRECTORIES ${_search}
           PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
           POST_EXCLUDE_REGEXES \"[Ss]ystem32\")
      foreach(_dll IN LISTS _found)
        file(INSTALL \"\${_dll}\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/bin\")
      endforeach()
      " COMPONENT ${_component})
  endforeach()
endif()

# --- CPack NSIS ------------------------------------------------------------------
# CPack's own installer script, made 64-bit (with NSIS on Linux it would make
# a 32-bit stub even for NSIS64) and with FileFunc.nsh for the uninstaller's
# /PURGE option.
file(READ ${CMAKE_ROOT}/Modules/Internal/CPack/NSIS.template.in _template)
string(FIND "${_template}" "\n" _eol)
string(SUBSTRING "${_template}" 0 ${_eol} _first)
math(EXPR _rest_at "${_eol} + 1")
string(SUBSTRING "${_template}" ${_rest_at} -1 _rest)
file(WRITE ${_bin}/nsis/NSIS.template.in
     "${_first}\nTarget amd64-unicode\n!include \"FileFunc.nsh\"\n${_rest}")
list(PREPEND CMAKE_MODULE_PATH ${_bin}/nsis)

set(CPACK_PACKAGE_NAME "Seneschal")
set(CPACK_PACKAGE_VENDOR "Seneschal maintainers")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Seneschal")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Seneschal")
set(CPACK_PACKAGE_FILE_NAME "seneschal-${PROJECT_VERSION}-win64")
set(CPACK_RESOURCE_FILE_LICENSE ${SENESCHAL_SOURCE_DIR}/packaging/debian/copyright)
set(CPACK_VERBATIM_VARIABLES ON) # or the quotes below are mangled
set(CPACK_STRIP_FILES OFF)
set(CPACK_GENERATOR NSIS)
set(CPACK_COMPONENTS_ALL server)
if(TARGET seneschal-admin)
  list(APPEND CPACK_COMPONENTS_ALL admin)
endif()
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Seneschal server (Windows service)")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
    "The sync server as the Windows service Seneschal, started with the system; configuration and data in %ProgramData%\\Seneschal.")
set(CPACK_COMPONENT_ADMIN_DISPLAY_NAME "Seneschal admin console")
set(CPACK_COMPONENT_ADMIN_DESCRIPTION
    "seneschal-admin: the console for Seneschal servers, in the Start menu; --cli for the command line.")

# Also the Start-menu folder's name.
set(CPACK_NSIS_PACKAGE_NAME "Seneschal")
set(CPACK_NSIS_DISPLAY_NAME "Seneschal")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL OFF)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "")
set(CPACK_NSIS_MENU_LINKS "bin/seneschal-admin.exe" "Seneschal admin console")
# The service's commands run with the machine's ProgramData ($APPDATA for
# all users), from the installed binaries.
file(READ ${_win}/install.nsh CPACK_NSIS_EXTRA_INSTALL_COMMANDS)
file(READ ${_win}/preinstall.nsh CPACK_NSIS_EXTRA_PREINSTALL_COMMANDS)
file(READ ${_win}/uninstall.nsh CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS)

include(CPack)
