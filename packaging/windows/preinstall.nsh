  ; An upgrade: the running service holds its files; stop it (gracefully)
  ; before they are replaced. Nothing to stop on a first installation.
  nsExec::ExecToLog 'net stop Seneschal'
  Pop $0
