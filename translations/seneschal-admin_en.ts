<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>seneschal::admin::AccessModel</name>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>At</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Granted</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
</context>
<context>
    <name>seneschal::admin::AuditModel</name>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>At</source>
        <translation>At</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Arguments</translation>
    </message>
</context>
<context>
    <name>seneschal::admin::DevicesModel</name>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Lag</translation>
    </message>
</context>
<context>
    <name>seneschal::admin::HistoryModel</name>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>At</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Property</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>Winner</translation>
    </message>
    <message>
        <source>Winner device</source>
        <translation>Winner device</translation>
    </message>
    <message>
        <source>Loser</source>
        <translation>Loser</translation>
    </message>
    <message>
        <source>Loser device</source>
        <translation>Loser device</translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation>Uploader</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
</context>
<context>
    <name>seneschal::admin::StatsModel</name>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Highest seq</source>
        <translation>Highest seq</translation>
    </message>
    <message>
        <source>Dispatches/s</source>
        <translation>Dispatches/s</translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation>Deliveries/s</translation>
    </message>
    <message>
        <source>Uptime (ms)</source>
        <translation>Uptime (ms)</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AccessEditorDialog</name>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Access to %1</source>
        <translation>Access to %1</translation>
    </message>
    <message>
        <source>Who may see it</source>
        <translation>Who may see it</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Grants</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>&amp;Grant</source>
        <translation>&amp;Grant</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>&amp;Apply change</source>
        <translation>&amp;Apply change</translation>
    </message>
    <message>
        <source>"%1" is not a user or group name.</source>
        <translation>"%1" is not a user or group name.</translation>
    </message>
    <message>
        <source>%1 (to grant)</source>
        <translation>%1 (to grant)</translation>
    </message>
    <message>
        <source>%1 (to revoke)</source>
        <translation>%1 (to revoke)</translation>
    </message>
    <message>
        <source>No grants: only the owner and the admins.</source>
        <translation>No grants: only the owner and the admins.</translation>
    </message>
    <message>
        <source>Access to %1 changed.</source>
        <translation>Access to %1 changed.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AccessPlan</name>
    <message>
        <source>User %1</source>
        <translation>User %1</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Group %1</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Nothing to change.</translation>
    </message>
    <message>
        <source>Access: %1 → %2</source>
        <translation>Access: %1 → %2</translation>
    </message>
    <message>
        <source>Every user will see the object; grants no longer matter.</source>
        <translation>Every user will see the object; grants no longer matter.</translation>
    </message>
    <message>
        <source>Only the owner, the admins and the grants will see the object; other devices lose it.</source>
        <translation>Only the owner, the admins and the grants will see the object; other devices lose it.</translation>
    </message>
    <message>
        <source>The object will follow the access of its parent.</source>
        <translation>The object will follow the access of its parent.</translation>
    </message>
    <message>
        <source>Grant to %1: their devices receive a full copy.</source>
        <translation>Grant to %1: their devices receive a full copy.</translation>
    </message>
    <message>
        <source>Revoke from %1: their devices lose the object unless another grant covers them.</source>
        <translation>Revoke from %1: their devices lose the object unless another grant covers them.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ApplicationText</name>
    <message>
        <source>Seneschal admin</source>
        <translation>Seneschal admin</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Show the version.</translation>
    </message>
    <message>
        <source>The server to connect to (wss://host:7443).</source>
        <translation>The server to connect to (wss://host:7443).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>The user to log in as.</source>
        <translation>The user to log in as.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Verify the server against the CAs in this PEM file.</source>
        <translation>Verify the server against the CAs in this PEM file.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Pin the server's certificate on first use (SHA-256).</source>
        <translation>Pin the server's certificate on first use (SHA-256).</translation>
    </message>
    <message>
        <source>The language of the console (%1); default: the system's.</source>
        <translation>The language of the console (%1); default: the system's.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Try seneschal-admin --help.</source>
        <translation>Try seneschal-admin --help.</translation>
    </message>
    <message>
        <source>The Seneschal admin console: devices, queues, access, reconciliations, users and the audit of a Seneschal server, live.
With --cli it runs the command-line tool instead (seneschal-admin --cli --help).</source>
        <translation>The Seneschal admin console: devices, queues, access, reconciliations, users and the audit of a Seneschal server, live.
With --cli it runs the command-line tool instead (seneschal-admin --cli --help).</translation>
    </message>
    <message>
        <source>seneschal-admin: no display for the console's window (neither DISPLAY nor WAYLAND_DISPLAY is set).
Use seneschal-admin --cli for the command-line tool (seneschal-admin --cli --help lists its commands).</source>
        <translation>seneschal-admin: no display for the console's window (neither DISPLAY nor WAYLAND_DISPLAY is set).
Use seneschal-admin --cli for the command-line tool (seneschal-admin --cli --help lists its commands).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AuditView</name>
    <message>
        <source>Select an entry to see it here.</source>
        <translation>Select an entry to see it here.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>disconnect</source>
        <translation>disconnect</translation>
    </message>
    <message>
        <source>expire</source>
        <translation>expire</translation>
    </message>
    <message>
        <source>share</source>
        <translation>share</translation>
    </message>
    <message>
        <source>user</source>
        <translation>user</translation>
    </message>
    <message>
        <source>group</source>
        <translation>group</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ButtonText</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Yes</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::CellFormatter</name>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>uploading</translation>
    </message>
    <message>
        <source>catching up</source>
        <translation>catching up</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>public</source>
        <translation>public</translation>
    </message>
    <message>
        <source>private</source>
        <translation>private</translation>
    </message>
    <message>
        <source>inherited</source>
        <translation>inherited</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::CertificateProbe</name>
    <message>
        <source>The server did not complete a TLS handshake in time.</source>
        <translation>The server did not complete a TLS handshake in time.</translation>
    </message>
    <message>
        <source>The server presented no certificate.</source>
        <translation>The server presented no certificate.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConnectDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Forget pin</source>
        <translation>&amp;Forget pin</translation>
    </message>
    <message>
        <source>&amp;Remember me (keep the session in the keychain)</source>
        <translation>&amp;Remember me (keep the session in the keychain)</translation>
    </message>
    <message>
        <source>Keep the &amp;password too</source>
        <translation>Keep the &amp;password too</translation>
    </message>
    <message>
        <source>Connect to a Seneschal server</source>
        <translation>Connect to a Seneschal server</translation>
    </message>
    <message>
        <source>wss://host:7443</source>
        <translation>wss://host:7443</translation>
    </message>
    <message>
        <source>Server certificate</source>
        <translation>Server certificate</translation>
    </message>
    <message>
        <source>Verify against the &amp;system's certificate authorities</source>
        <translation>Verify against the &amp;system's certificate authorities</translation>
    </message>
    <message>
        <source>Verify against a &amp;CA file:</source>
        <translation>Verify against a &amp;CA file:</translation>
    </message>
    <message>
        <source>&amp;Pin the certificate's SHA-256 fingerprint on first use</source>
        <translation>&amp;Pin the certificate's SHA-256 fingerprint on first use</translation>
    </message>
    <message>
        <source>PEM file of the CA or of the server's own certificate</source>
        <translation>PEM file of the CA or of the server's own certificate</translation>
    </message>
    <message>
        <source>Looking for a keychain…</source>
        <translation>Looking for a keychain…</translation>
    </message>
    <message>
        <source>Remember</source>
        <translation>Remember</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>C&amp;onnect</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>The session token (and the password, if you tick it) is kept in the keychain, never in a file.</source>
        <translation>The session token (and the password, if you tick it) is kept in the keychain, never in a file.</translation>
    </message>
    <message>
        <source>Nothing can be remembered: no keychain (Secret Service) is available, and secrets are never written in plain text. %1</source>
        <translation>Nothing can be remembered: no keychain (Secret Service) is available, and secrets are never written in plain text. %1</translation>
    </message>
    <message>
        <source>remembered: leave empty to use it</source>
        <translation>remembered: leave empty to use it</translation>
    </message>
    <message>
        <source>Not pinned yet: at the first connection the fingerprint is shown for you to compare with the one the server writes to its log.</source>
        <translation>Not pinned yet: at the first connection the fingerprint is shown for you to compare with the one the server writes to its log.</translation>
    </message>
    <message>
        <source>Pinned for %1:
%2</source>
        <translation>Pinned for %1:
%2</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA file</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM certificates (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation>Enter the user name.</translation>
    </message>
    <message>
        <source>The CA file "%1" cannot be read.</source>
        <translation>The CA file "%1" cannot be read.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Enter the password.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConnectionIndicator</name>
    <message>
        <source>● Live: %1 on %2</source>
        <translation>● Live: %1 on %2</translation>
    </message>
    <message>
        <source>◌ Connecting to %1…</source>
        <translation>◌ Connecting to %1…</translation>
    </message>
    <message numerus="yes">
        <source>◌ Reconnecting to %1 in %n s…</source>
        <translation><numerusform>◌ Reconnecting to %1 in %n s…</numerusform><numerusform>◌ Reconnecting to %1 in %n s…</numerusform></translation>
    </message>
    <message>
        <source>◌ Reconnecting to %1…</source>
        <translation>◌ Reconnecting to %1…</translation>
    </message>
    <message>
        <source>(the views show the rows as they were)</source>
        <translation>(the views show the rows as they were)</translation>
    </message>
    <message>
        <source>○ Offline: not connected</source>
        <translation>○ Offline: not connected</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConsoleController</name>
    <message>
        <source>New server certificate</source>
        <translation>New server certificate</translation>
    </message>
    <message>
        <source>%1 presents a certificate this console has not seen before:

%2

Compare it with the fingerprint in the server's log (the line "certificate … SHA-256 …" at its start). Pin it and connect only if they are the same.</source>
        <translation>%1 presents a certificate this console has not seen before:

%2

Compare it with the fingerprint in the server's log (the line "certificate … SHA-256 …" at its start). Pin it and connect only if they are the same.</translation>
    </message>
    <message>
        <source>&amp;Pin and connect</source>
        <translation>&amp;Pin and connect</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>Nothing is remembered for %1: enter the password.</source>
        <translation>Nothing is remembered for %1: enter the password.</translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation>Server certificate changed</translation>
    </message>
    <message>
        <source>The certificate of %1 does not match its pin.</source>
        <translation>The certificate of %1 does not match its pin.</translation>
    </message>
    <message>
        <source>The remembered session has ended; enter the password.</source>
        <translation>The remembered session has ended; enter the password.</translation>
    </message>
    <message>
        <source>The server's certificate could not be verified: %1</source>
        <translation>The server's certificate could not be verified: %1</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::DevicesView</name>
    <message>
        <source>Online only</source>
        <translation>Online only</translation>
    </message>
    <message>
        <source>Behind only</source>
        <translation>Behind only</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Disconnect</translation>
    </message>
    <message>
        <source>&amp;Expire…</source>
        <translation>&amp;Expire…</translation>
    </message>
    <message>
        <source>Show &amp;queue…</source>
        <translation>Show &amp;queue…</translation>
    </message>
    <message>
        <source>&amp;Copy device id</source>
        <translation>&amp;Copy device id</translation>
    </message>
    <message>
        <source>Devices whose cursor is behind the server's highest seq</source>
        <translation>Devices whose cursor is behind the server's highest seq</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>Close the connection of the selected devices (they may reconnect)</source>
        <translation>Close the connection of the selected devices (they may reconnect)</translation>
    </message>
    <message>
        <source>Forget the selected devices: their next login gets a full copy</source>
        <translation>Forget the selected devices: their next login gets a full copy</translation>
    </message>
    <message>
        <source>What the device would be sent if it connected now</source>
        <translation>What the device would be sent if it connected now</translation>
    </message>
    <message>
        <source>Select a device to see it here.</source>
        <translation>Select a device to see it here.</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>yes, from %1</source>
        <translation>yes, from %1</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>First seen</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <source>Behind by</source>
        <translation>Behind by</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation><numerusform>%n change</numerusform><numerusform>%n changes</numerusform></translation>
    </message>
    <message>
        <source>Expire devices</source>
        <translation>Expire devices</translation>
    </message>
    <message>
        <source>Disconnect devices</source>
        <translation>Disconnect devices</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n device(s)? They may connect again.</source>
        <translation><numerusform>Disconnect %n device? They may connect again.</numerusform><numerusform>Disconnect %n devices? They may connect again.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) expired.</source>
        <translation><numerusform>%n device expired.</numerusform><numerusform>%n devices expired.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) disconnected.</source>
        <translation><numerusform>%n device disconnected.</numerusform><numerusform>%n devices disconnected.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Expire %n device(s)? Each is forgotten by the server and gets a full copy at its next login; online ones are disconnected first.</source>
        <translation><numerusform>Expire %n device? Each is forgotten by the server and gets a full copy at its next login; online ones are disconnected first.</numerusform><numerusform>Expire %n devices? Each is forgotten by the server and gets a full copy at its next login; online ones are disconnected first.</numerusform></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ErrorText</name>
    <message>
        <source>The server did not accept the request as valid.</source>
        <translation>The server did not accept the request as valid.</translation>
    </message>
    <message>
        <source>The user name, password or token was refused.</source>
        <translation>The user name, password or token was refused.</translation>
    </message>
    <message>
        <source>Not allowed, or no such device, object or user.</source>
        <translation>Not allowed, or no such device, object or user.</translation>
    </message>
    <message>
        <source>The request is too large for the server.</source>
        <translation>The request is too large for the server.</translation>
    </message>
    <message>
        <source>Too many attempts; wait a moment and try again.</source>
        <translation>Too many attempts; wait a moment and try again.</translation>
    </message>
    <message>
        <source>Another console with the same identity took over the session.</source>
        <translation>Another console with the same identity took over the session.</translation>
    </message>
    <message>
        <source>The server is unavailable or the connection was lost before the answer; the action may have happened, refresh to see.</source>
        <translation>The server is unavailable or the connection was lost before the answer; the action may have happened, refresh to see.</translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation>Unknown error.</translation>
    </message>
    <message>
        <source>The server answered with the error "%1".</source>
        <translation>The server answered with the error "%1".</translation>
    </message>
    <message>
        <source>%1 (server: %2)</source>
        <translation>%1 (server: %2)</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>The connection was closed.</translation>
    </message>
    <message>
        <source>The server went away.</source>
        <translation>The server went away.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>The connection was lost.</translation>
    </message>
    <message>
        <source>The server does not serve the admin interface at this address.</source>
        <translation>The server does not serve the admin interface at this address.</translation>
    </message>
    <message>
        <source>A message was too large for the connection.</source>
        <translation>A message was too large for the connection.</translation>
    </message>
    <message>
        <source>The server closed the session after invalid messages.</source>
        <translation>The server closed the session after invalid messages.</translation>
    </message>
    <message>
        <source>This user is not an admin, or this address may not use the admin interface.</source>
        <translation>This user is not an admin, or this address may not use the admin interface.</translation>
    </message>
    <message>
        <source>The login took too long.</source>
        <translation>The login took too long.</translation>
    </message>
    <message>
        <source>An admin disconnected this session.</source>
        <translation>An admin disconnected this session.</translation>
    </message>
    <message>
        <source>A message was too large for the server.</source>
        <translation>A message was too large for the server.</translation>
    </message>
    <message>
        <source>Too many login attempts; wait a moment and try again.</source>
        <translation>Too many login attempts; wait a moment and try again.</translation>
    </message>
    <message>
        <source>The server is shutting down or unavailable.</source>
        <translation>The server is shutting down or unavailable.</translation>
    </message>
    <message>
        <source>The connection ended (code %1).</source>
        <translation>The connection ended (code %1).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::KeychainSecretStore</name>
    <message>
        <source>No keychain is available (%1).</source>
        <translation>No keychain is available (%1).</translation>
    </message>
    <message>
        <source>No keychain is available (Qt runs without the GLib event loop, which the Secret Service needs; unset QT_NO_GLIB).</source>
        <translation>No keychain is available (Qt runs without the GLib event loop, which the Secret Service needs; unset QT_NO_GLIB).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::MainWindow</name>
    <message>
        <source>Seneschal admin console</source>
        <translation>Seneschal admin console</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>%1 – Seneschal admin console</source>
        <translation>%1 – Seneschal admin console</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Connect…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Disconnect</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Seneschal admin</source>
        <translation>&amp;About Seneschal admin</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>About Seneschal admin</source>
        <translation>About Seneschal admin</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Seneschal admin %1&lt;/h3&gt;&lt;p&gt;The operators' console of the Seneschal sync server: devices, queues, access, reconciliations, users and the audit, live.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Seneschal admin %1&lt;/h3&gt;&lt;p&gt;The operators' console of the Seneschal sync server: devices, queues, access, reconciliations, users and the audit, live.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectDetail</name>
    <message>
        <source>Edit &amp;access…</source>
        <translation>Edit &amp;access…</translation>
    </message>
    <message>
        <source>Show &amp;reconciliations</source>
        <translation>Show &amp;reconciliations</translation>
    </message>
    <message>
        <source>Select an object to see it here.</source>
        <translation>Select an object to see it here.</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Property</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Written at</source>
        <translation>Written at</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Properties</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>Access history</source>
        <translation>Access history</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Loading %1…</translation>
    </message>
    <message>
        <source>The server did not return the object.</source>
        <translation>The server did not return the object.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>everyone (public): %1</source>
        <translation>everyone (public): %1</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Grants</translation>
    </message>
    <message>
        <source>Groups that see it</source>
        <translation>Groups that see it</translation>
    </message>
    <message>
        <source>Users who see it now</source>
        <translation>Users who see it now</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectHistory</name>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Written at</source>
        <translation>Written at</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation>Uploaded by</translation>
    </message>
    <message>
        <source>Select a reconciliation to see the history of its object here.</source>
        <translation>Select a reconciliation to see the history of its object here.</translation>
    </message>
    <message>
        <source>Loading the history of %1…</source>
        <translation>Loading the history of %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n reconciliation(s)</source>
        <translation><numerusform>%n reconciliation</numerusform><numerusform>%n reconciliations</numerusform></translation>
    </message>
    <message>
        <source>winner</source>
        <translation>winner</translation>
    </message>
    <message>
        <source>loser</source>
        <translation>loser</translation>
    </message>
    <message>
        <source>%1: %2 in %3</source>
        <translation>%1: %2 in %3</translation>
    </message>
    <message numerus="yes">
        <source>%n property(ies)</source>
        <translation><numerusform>%n property</numerusform><numerusform>%n properties</numerusform></translation>
    </message>
    <message>
        <source>Property / reconciled / write</source>
        <translation>Property / reconciled / write</translation>
    </message>
    <message>
        <source>When the server reconciled the two writes</source>
        <translation>When the server reconciled the two writes</translation>
    </message>
    <message>
        <source>seq %1</source>
        <translation>seq %1</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectsView</name>
    <message>
        <source>Load &amp;more</source>
        <translation>Load &amp;more</translation>
    </message>
    <message>
        <source>start of the oid</source>
        <translation>start of the oid</translation>
    </message>
    <message>
        <source>any kind</source>
        <translation>any kind</translation>
    </message>
    <message>
        <source>any owner</source>
        <translation>any owner</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Object:</source>
        <translation>&amp;Object:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>O&amp;wner:</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>Edit &amp;access…</source>
        <translation>Edit &amp;access…</translation>
    </message>
    <message>
        <source>Objects and access</source>
        <translation>Objects and access</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) found.</source>
        <translation><numerusform>%n object found.</numerusform><numerusform>%n objects found.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) loaded; more on the server.</source>
        <translation><numerusform>%n object loaded; more on the server.</numerusform><numerusform>%n objects loaded; more on the server.</numerusform></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::OverviewView</name>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Dispatches/s</source>
        <translation>Dispatches/s</translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation>Deliveries/s</translation>
    </message>
    <message>
        <source>No figures yet: they come with the server's first stats.</source>
        <translation>No figures yet: they come with the server's first stats.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s), %1</source>
        <translation><numerusform>%n day, %1</numerusform><numerusform>%n days, %1</numerusform></translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>MariaDB/MySQL</source>
        <translation>MariaDB/MySQL</translation>
    </message>
    <message>
        <source>Server version</source>
        <translation>Server version</translation>
    </message>
    <message>
        <source>not reported by the server</source>
        <translation>not reported by the server</translation>
    </message>
    <message>
        <source>Connected as</source>
        <translation>Connected as</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Uptime</translation>
    </message>
    <message>
        <source>Highest seq</source>
        <translation>Highest seq</translation>
    </message>
    <message>
        <source>Devices known</source>
        <translation>Devices known</translation>
    </message>
    <message>
        <source>Devices attached</source>
        <translation>Devices attached</translation>
    </message>
    <message>
        <source>Devices online</source>
        <translation>Devices online</translation>
    </message>
    <message>
        <source>Devices behind</source>
        <translation>Devices behind</translation>
    </message>
    <message numerus="yes">
        <source>The last %n minute(s)</source>
        <translation><numerusform>The last %n minute</numerusform><numerusform>The last %n minutes</numerusform></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::PasswordDialog</name>
    <message>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Enter a user name.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Enter a password.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>The passwords differ.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::QueueDialog</name>
    <message>
        <source>Load &amp;more</source>
        <translation>Load &amp;more</translation>
    </message>
    <message>
        <source>Queue of %1</source>
        <translation>Queue of %1</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Nothing queued: the device is up to date.</source>
        <translation>Nothing queued: the device is up to date.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued for %1; %2 shown.</source>
        <translation><numerusform>%n message queued for %1; %2 shown.</numerusform><numerusform>%n messages queued for %1; %2 shown.</numerusform></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ReconciliationView</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Show &amp;live</source>
        <translation>Show &amp;live</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>Load &amp;more</translation>
    </message>
    <message>
        <source>any object</source>
        <translation>any object</translation>
    </message>
    <message>
        <source>any device</source>
        <translation>any device</translation>
    </message>
    <message>
        <source>The winner's, the loser's or the uploader's device</source>
        <translation>The winner's, the loser's or the uploader's device</translation>
    </message>
    <message>
        <source>Search &amp;server</source>
        <translation>Search &amp;server</translation>
    </message>
    <message>
        <source>Ask the server for every reconciliation that matches, also those older than the live list holds</source>
        <translation>Ask the server for every reconciliation that matches, also those older than the live list holds</translation>
    </message>
    <message>
        <source>&amp;Object:</source>
        <translation>&amp;Object:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Device:</translation>
    </message>
    <message>
        <source>Select a reconciliation to see it here.</source>
        <translation>Select a reconciliation to see it here.</translation>
    </message>
    <message>
        <source>Filter by this &amp;object</source>
        <translation>Filter by this &amp;object</translation>
    </message>
    <message>
        <source>Filter by the &amp;uploader</source>
        <translation>Filter by the &amp;uploader</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Reconciled at</source>
        <translation>Reconciled at</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>Winner</translation>
    </message>
    <message>
        <source>%1, written %2 by %3</source>
        <translation>%1, written %2 by %3</translation>
    </message>
    <message>
        <source>Loser</source>
        <translation>Loser</translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation>Uploaded by</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message numerus="yes">
        <source>Server search: %n reconciliation(s).</source>
        <translation><numerusform>Server search: %n reconciliation.</numerusform><numerusform>Server search: %n reconciliations.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Server search: the newest %n reconciliation(s); more on the server.</source>
        <translation><numerusform>Server search: the newest %n reconciliation; more on the server.</numerusform><numerusform>Server search: the newest %n reconciliations; more on the server.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Live: the latest %n reconciliation(s) and every new one. Search the server for older ones.</source>
        <translation><numerusform>Live: the latest %n reconciliation and every new one. Search the server for older ones.</numerusform><numerusform>Live: the latest %n reconciliations and every new one. Search the server for older ones.</numerusform></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ServerProfile</name>
    <message>
        <source>Enter the server's address.</source>
        <translation>Enter the server's address.</translation>
    </message>
    <message>
        <source>"%1" is not a server address (like wss://host:7443).</source>
        <translation>"%1" is not a server address (like wss://host:7443).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::SparklineChart</name>
    <message numerus="yes">
        <source>-%n min</source>
        <translation><numerusform>-%n min</numerusform><numerusform>-%n min</numerusform></translation>
    </message>
    <message>
        <source>max %1</source>
        <translation>max %1</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::TablePanel</name>
    <message>
        <source>Filter (Ctrl+F): words found in any column</source>
        <translation>Filter (Ctrl+F): words found in any column</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation><numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s)</source>
        <translation><numerusform>%1 of %n row</numerusform><numerusform>%1 of %n rows</numerusform></translation>
    </message>
    <message>
        <source>Fit columns to contents</source>
        <translation>Fit columns to contents</translation>
    </message>
    <message>
        <source>Copy &amp;rows</source>
        <translation>Copy &amp;rows</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::TlsTrust</name>
    <message>
        <source>Could not fetch the certificate of %1: %2</source>
        <translation>Could not fetch the certificate of %1: %2</translation>
    </message>
    <message>
        <source>THE CERTIFICATE OF %1 HAS CHANGED. The connection was refused.

Pinned:    %2
Presented: %3

Someone may be intercepting the connection, or the server's certificate was replaced. Compare the presented fingerprint with the one in the server's log; only if they match and the change was expected, forget the pin in the connect dialog and connect again.</source>
        <translation>THE CERTIFICATE OF %1 HAS CHANGED. The connection was refused.

Pinned:    %2
Presented: %3

Someone may be intercepting the connection, or the server's certificate was replaced. Compare the presented fingerprint with the one in the server's log; only if they match and the change was expected, forget the pin in the connect dialog and connect again.</translation>
    </message>
    <message>
        <source>The certificate of %1 was not accepted.</source>
        <translation>The certificate of %1 was not accepted.</translation>
    </message>
    <message>
        <source>The certificate of %1 is issued by "%2", which the server does not send and the system does not know: a pin cannot be checked. Choose "CA file" with that CA's certificate instead.</source>
        <translation>The certificate of %1 is issued by "%2", which the server does not send and the system does not know: a pin cannot be checked. Choose "CA file" with that CA's certificate instead.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::UsersView</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Add user…</translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation>Set &amp;password…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <source>Add &amp;group…</source>
        <translation>Add &amp;group…</translation>
    </message>
    <message>
        <source>&amp;Remove group</source>
        <translation>&amp;Remove group</translation>
    </message>
    <message>
        <source>Add &amp;member…</source>
        <translation>Add &amp;member…</translation>
    </message>
    <message>
        <source>Remove m&amp;ember</source>
        <translation>Remove m&amp;ember</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Local password</source>
        <translation>Local password</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Disable user</translation>
    </message>
    <message>
        <source>Disable %1? Their sessions are closed at once and they cannot log in until enabled again.</source>
        <translation>Disable %1? Their sessions are closed at once and they cannot log in until enabled again.</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>Remove group</translation>
    </message>
    <message>
        <source>Remove the group %1? Its members lose what it was granted at their next login.</source>
        <translation>Remove the group %1? Its members lose what it was granted at their next login.</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>Remove %1 from %2?</source>
        <translation>Remove %1 from %2?</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Users and groups</source>
        <translation>Users and groups</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>User %1 added.</translation>
    </message>
    <message>
        <source>Password of %1 set.</source>
        <translation>Password of %1 set.</translation>
    </message>
    <message>
        <source>User %1 disabled.</source>
        <translation>User %1 disabled.</translation>
    </message>
    <message>
        <source>User %1 enabled.</source>
        <translation>User %1 enabled.</translation>
    </message>
    <message>
        <source>Group %1 added.</source>
        <translation>Group %1 added.</translation>
    </message>
    <message>
        <source>Group %1 removed.</source>
        <translation>Group %1 removed.</translation>
    </message>
    <message>
        <source>%1 added to %2.</source>
        <translation>%1 added to %2.</translation>
    </message>
    <message>
        <source>%1 removed from %2.</source>
        <translation>%1 removed from %2.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Set password</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Add group</translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation>Group name:</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>User to add to %1:</source>
        <translation>User to add to %1:</translation>
    </message>
</context>
</TS>
