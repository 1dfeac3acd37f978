  ; Stop the service gracefully and unregister it before its files go.
  SetShellVarContext all
  IfFileExists "$INSTDIR\bin\seneschal-server.exe" 0 +3
    nsExec::ExecToLog '"$INSTDIR\bin\seneschal-server.exe" --uninstall-service'
    Pop $0
  ; The configuration, database, certificates and logs stay, unless asked:
  ; uninstall.exe /S /PURGE, or yes to the question (no when silent).
  ClearErrors
  ${un.GetOptions} $CMDLINE "/PURGE" $1
  IfErrors 0 seneschal_purge
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "Also remove the configuration and data in $APPDATA\Seneschal (database, certificates, logs)?" /SD IDNO IDYES seneschal_purge
  Goto seneschal_kept
  seneschal_purge:
    RMDir /r "$APPDATA\Seneschal"
  seneschal_kept:
