  ; The Windows service, when the server component was installed: its
  ; configuration and data in %ProgramData%\Seneschal ($APPDATA for all
  ; users), registered with seneschal-server --install-service and started.
  SetShellVarContext all
  IfFileExists "$INSTDIR\bin\seneschal-server.exe" 0 seneschal_no_server
    CreateDirectory "$APPDATA\Seneschal\data"
    CreateDirectory "$APPDATA\Seneschal\logs"
    ; A configuration that is there already (an upgrade) stays as it is.
    IfFileExists "$APPDATA\Seneschal\seneschal.conf" +2 0
      CopyFiles /SILENT "$INSTDIR\share\seneschal\seneschal.conf" "$APPDATA\Seneschal\seneschal.conf"
    ; Only SYSTEM, administrators and the service's account (LocalService)
    ; reach it: the configuration may hold a database password.
    nsExec::ExecToLog 'icacls "$APPDATA\Seneschal" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-19:(OI)(CI)M'
    Pop $0
    nsExec::ExecToLog '"$INSTDIR\bin\seneschal-server.exe" --install-service --config "$APPDATA\Seneschal\seneschal.conf"'
    Pop $0
    StrCmp $0 "0" +2 0
      MessageBox MB_OK|MB_ICONEXCLAMATION "The service Seneschal could not be registered (exit code $0)." /SD IDOK
    nsExec::ExecToLog 'net start Seneschal'
    Pop $0
  seneschal_no_server:
