# Warnings for every target of the project, errors in CI (SENESCHAL_WERROR).
if(MSVC)
  # Windows (the CI's windows-latest): the sources are UTF-8; standard C++.
  add_compile_options(/W4 /utf-8 /permissive- /Zc:__cplusplus)
  if(SENESCHAL_WERROR)
    add_compile_options(/WX)
  endif()
else()
  add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                      -Wold-style-cast -Wcast-align -Woverloaded-virtual
                      -Wnull-dereference -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-null-dereference) # false positives inside Qt headers with GCC 12
  endif()
  if(SENESCHAL_WERROR)
    add_compile_options(-Werror)
  endif()
endif()
if(WIN32)
  # <windows.h> without its min and max macros, and without the CRT's advice
  # to use its _s functions.
  add_compile_definitions(NOMINMAX _CRT_SECURE_NO_WARNINGS)
endif()
add_compile_definitions(QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
                        QT_USE_QSTRINGBUILDER QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
                        QT_NO_KEYWORDS)
if(SENESCHAL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
