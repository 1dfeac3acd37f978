# Namespaced names for the libraries (Seneschal::Engine, ...), the names an
# exported package would give them: a typo in one is a configure error, not
# a link flag. Made here, after every folder has defined its targets, so that
# no folder needs to know the others.
set(_seneschal_libraries
  Engine      seneschal_engine
  Protocol    seneschal_protocol
  Client      seneschal_client
  AdminClient seneschal_admin_client
  Storage     seneschal_storage
  Auth        seneschal_auth
  Sync        seneschal_sync
  Session     seneschal_session
  Transport   seneschal_transport
  Admin       seneschal_admin
  App         seneschal_app
  AdminCli    seneschal_admin_cli
)
while(_seneschal_libraries)
  list(POP_FRONT _seneschal_libraries _alias _target)
  if(TARGET ${_target})
    add_library(Seneschal::${_alias} ALIAS ${_target})
  endif()
endwhile()
unset(_alias)
unset(_target)
