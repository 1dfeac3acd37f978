# Cross-compiling for 64-bit Windows with Debian's mingw-w64
# (apt-get install g++-mingw-w64-x86-64). Used by the opt-in Windows checks
# (tests/windows/) to configure the WIN32 paths and build the Qt-free
# service control; the Qt programs themselves need a Windows build of Qt.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Run what was built under wine (for try_run and tests), when it is there.
find_program(SENESCHAL_WINE wine)
if(SENESCHAL_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${SENESCHAL_WINE})
endif()
