# CPack: a package per component, as .deb and .rpm. Build them from a tree
# configured with -DCMAKE_INSTALL_PREFIX=/usr (the unit and the configuration
# path are generated for the prefix):
#   cpack --config <build>/CPackConfig.cmake -G DEB   (or -G RPM)
# packaging/README.md says what each package holds.

set(_maintainer "Seneschal maintainers <maintainers@users.noreply.b-seed-4f64b650.example>")
set(_doc ${CMAKE_INSTALL_DATADIR}/doc)
set(_bin ${CMAKE_CURRENT_BINARY_DIR})
set(_src ${CMAKE_CURRENT_SOURCE_DIR})
set(SENESCHAL_SYSUSERS_FILE "${CMAKE_INSTALL_PREFIX}/${SENESCHAL_SYSUSERS_DIR}/seneschal.conf")
set(SENESCHAL_TMPFILES_FILE "${CMAKE_INSTALL_PREFIX}/${SENESCHAL_TMPFILES_DIR}/seneschal.conf")

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "Packages: configure with -DCMAKE_INSTALL_PREFIX=/usr to build them "
                 "(now ${CMAKE_INSTALL_PREFIX}: the unit and paths would point there)")
endif()

# The Debian changelog's newest entry must be this version's.
set(SENESCHAL_PACKAGE_RELEASE 1 CACHE STRING "Debian revision and RPM release of the packages")
file(STRINGS ${_src}/debian/changelog _first LIMIT_COUNT 1)
if(NOT _first MATCHES "^seneschal \\(${PROJECT_VERSION}-${SENESCHAL_PACKAGE_RELEASE}\\)")
  message(FATAL_ERROR "packaging/debian/changelog starts with '${_first}': add an entry for "
                      "${PROJECT_VERSION}-${SENESCHAL_PACKAGE_RELEASE}")
endif()

# Each package's documentation: copyright and changelog (Debian policy).
set(_packages server seneschal-server)
if(TARGET seneschal-admin)
  list(APPEND _packages admin seneschal-admin)
endif()
set(_components)
while(_packages)
  list(POP_FRONT _packages _component _package)
  list(APPEND _components ${_component})
  install(FILES ${_src}/debian/copyright ${_bin}/changelog.Debian.gz
          DESTINATION ${_doc}/${_package} COMPONENT ${_component})
  install(FILES ${_src}/debian/lintian/${_package}
          DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides COMPONENT ${_component})
endwhile()

# Maintainer scripts with this build's paths.
foreach(_script debian/postinst debian/postrm rpm/preinstall.sh rpm/postinstall.sh)
  configure_file(${_src}/${_script}.in ${_bin}/${_script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                                  GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
configure_file(${_src}/debian/prerm ${_bin}/debian/prerm COPYONLY)
file(WRITE ${_bin}/debian/conffiles "${SENESCHAL_CONFIG_FILE}\n")

set(CPACK_PACKAGE_NAME "seneschal")
set(CPACK_PACKAGE_VENDOR "Seneschal maintainers")
set(CPACK_PACKAGE_CONTACT "${_maintainer}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_PROJECT_CONFIG_FILE ${_src}/CPackProjectConfig.cmake)
set(CPACK_COMPONENTS_ALL ${_components})
set(CPACK_GENERATOR DEB)
find_program(SENESCHAL_RPMBUILD rpmbuild)
if(SENESCHAL_RPMBUILD)
  list(APPEND CPACK_GENERATOR RPM)
endif()

set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Seneschal server")
# Debian reads the summary from the description's first line, RPM from its
# own variable.
set(_server_summary "sync server for offline-first apps")
set(_server_details
"Seneschal keeps the devices of offline-first apps in step over one TLS
WebSocket per device: it merges what they did offline, property by property,
keeps the master copy in SQLite or MariaDB, and brings every device back in
step. Logins are local users, LDAP or JWTs.

This package runs the server as the systemd service seneschal.service, as
the system user seneschal, with its state in /var/lib/seneschal and its
configuration in /etc/seneschal/seneschal.conf.")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "${_server_summary}\n${_server_details}")
set(CPACK_COMPONENT_ADMIN_DISPLAY_NAME "Seneschal admin tool")
set(_admin_summary "admin console for Seneschal sync servers")
set(_admin_details
"seneschal-admin reaches the admin interface of a Seneschal server
(wss://host:7443/v1/admin): devices, queues, the reconciliation history,
objects and sharing, local users and groups, the audit and live events. It
is a desktop console, and with --cli a command-line tool that needs no
display.")
set(CPACK_COMPONENT_ADMIN_DESCRIPTION "${_admin_summary}\n${_admin_details}")

# --- Debian --------------------------------------------------------------------
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${SENESCHAL_PACKAGE_RELEASE})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${_maintainer}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME seneschal-server)
# Qt loads its SQL drivers as plugins, which shlibdeps cannot see.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-mysql")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "mariadb-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${_bin}/debian/conffiles ${_bin}/debian/postinst ${_bin}/debian/prerm ${_bin}/debian/postrm)

set(CPACK_DEBIAN_ADMIN_PACKAGE_NAME seneschal-admin)
set(CPACK_DEBIAN_ADMIN_PACKAGE_SECTION admin)

# --- RPM -----------------------------------------------------------------------
# Plain shell scriptlets: Debian's rpmbuild leaves %systemd_post unexpanded.
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_RELEASE ${SENESCHAL_PACKAGE_RELEASE})
set(CPACK_RPM_PACKAGE_RELOCATABLE OFF)
set(CPACK_RPM_PACKAGE_LICENSE "LicenseRef-AllRightsReserved")
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /etc /usr/lib/systemd /usr/lib/systemd/system /usr/lib/sysusers.d /usr/lib/tmpfiles.d
    /usr/share/man /usr/share/man/man1 /usr/share/man/man8 /usr/share/doc
    /usr/share/lintian /usr/share/lintian/overrides /usr/share/applications /usr/share/icons
    /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps)

set(CPACK_RPM_SERVER_PACKAGE_NAME seneschal-server)
set(CPACK_RPM_SERVER_PACKAGE_SUMMARY "${_server_summary}")
set(CPACK_RPM_SERVER_PACKAGE_DESCRIPTION "${_server_details}")
# Fedora's names: the SQLite driver is part of qt6-qtbase; MySQL needs
# qt6-qtbase-mysql (not required: this rpmbuild has no weak dependencies).
set(CPACK_RPM_SERVER_PACKAGE_REQUIRES "qt6-qtbase, shadow-utils")
set(CPACK_RPM_SERVER_USER_FILELIST
    "%config(noreplace) %attr(0640,root,${SENESCHAL_SERVICE_USER}) ${SENESCHAL_CONFIG_FILE}")
set(CPACK_RPM_SERVER_PRE_INSTALL_SCRIPT_FILE ${_bin}/rpm/preinstall.sh)
set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE ${_bin}/rpm/postinstall.sh)
set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE ${_src}/rpm/preuninstall.sh)
set(CPACK_RPM_SERVER_POST_UNINSTALL_SCRIPT_FILE ${_src}/rpm/postuninstall.sh)

set(CPACK_RPM_ADMIN_PACKAGE_NAME seneschal-admin)
set(CPACK_RPM_ADMIN_PACKAGE_SUMMARY "${_admin_summary}")
set(CPACK_RPM_ADMIN_PACKAGE_DESCRIPTION "${_admin_details}")

include(CPack)
