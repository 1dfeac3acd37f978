<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>seneschal::admin::AccessModel</name>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admin::AuditModel</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admin::DevicesModel</name>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admin::HistoryModel</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Winner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Winner device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loser device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admin::StatsModel</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatches/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AccessEditorDialog</name>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who may see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a user or group name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (to grant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (to revoke)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grants: only the owner and the admins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to %1 changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AccessPlan</name>
    <message>
        <source>User %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every user will see the object; grants no longer matter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner, the admins and the grants will see the object; other devices lose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The object will follow the access of its parent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant to %1: their devices receive a full copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke from %1: their devices lose the object unless another grant covers them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ApplicationText</name>
    <message>
        <source>Seneschal admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Seneschal admin console: devices, queues, access, reconciliations, users and the audit of a Seneschal server, live.
With --cli as first argument it runs the command-line tool instead (seneschal-admin --cli --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server to connect to (wss://host:7443).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user to log in as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the server against the CAs in this PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin the server&apos;s certificate on first use (SHA-256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the console (%1); default: the system&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try seneschal-admin --help.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AuditView</name>
    <message>
        <source>Select an entry to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ButtonText</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::CellFormatter</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uploading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catching up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inherited</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::CertificateProbe</name>
    <message>
        <source>The server did not complete a TLS handshake in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server presented no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConnectDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember me (keep the session in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the &amp;password too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a Seneschal server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wss://host:7443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify against the &amp;system&apos;s certificate authorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify against a &amp;CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin the certificate&apos;s SHA-256 fingerprint on first use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file of the CA or of the server&apos;s own certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for a keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session token (and the password, if you tick it) is kept in the keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing can be remembered: no keychain (Secret Service) is available, and secrets are never written in plain text. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remembered: leave empty to use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not pinned yet: at the first connection the fingerprint is shown for you to compare with the one the server writes to its log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned for %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file &quot;%1&quot; cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConnectionIndicator</name>
    <message>
        <source>● Live: %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◌ Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>◌ Reconnecting to %1 in %n s…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>◌ Reconnecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the views show the rows as they were)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Offline: not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConsoleController</name>
    <message>
        <source>New server certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 presents a certificate this console has not seen before:

%2

Compare it with the fingerprint in the server&apos;s log (the line &quot;certificate … SHA-256 …&quot; at its start). Pin it and connect only if they are the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin and connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is remembered for %1: enter the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 does not match its pin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remembered session has ended; enter the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::DevicesView</name>
    <message>
        <source>Online only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;queue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy device id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices whose cursor is behind the server&apos;s highest seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the connection of the selected devices (they may reconnect)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the selected devices: their next login gets a full copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the device would be sent if it connected now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a device to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes, from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behind by</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Expire devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n device(s)? They may connect again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) expired.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) disconnected.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expire %n device(s)? Each is forgotten by the server and gets a full copy at its next login; online ones are disconnected first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ErrorText</name>
    <message>
        <source>The server did not accept the request as valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name, password or token was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed, or no such device, object or user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large for the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts; wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another console with the same identity took over the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is unavailable or the connection was lost before the answer; the action may have happened, refresh to see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with the error &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (server: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server went away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not serve the admin interface at this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was too large for the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the session after invalid messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user is not an admin, or this address may not use the admin interface.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login took too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An admin disconnected this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was too large for the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many login attempts; wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is shutting down or unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection ended (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::KeychainSecretStore</name>
    <message>
        <source>No keychain is available (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::MainWindow</name>
    <message>
        <source>Seneschal admin console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – Seneschal admin console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Seneschal admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Seneschal admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Seneschal admin %1&lt;/h3&gt;&lt;p&gt;The operators&apos; console of the Seneschal sync server: devices, queues, access, reconciliations, users and the audit, live.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectDetail</name>
    <message>
        <source>Edit &amp;access…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;reconciliations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an object to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not return the object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everyone (public): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups that see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users who see it now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectHistory</name>
    <message>
        <source>Property / write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a reconciliation to see the history of its object here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the history of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n reconciliation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reconciled %1 (seq %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>winner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n property(ies)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectsView</name>
    <message>
        <source>Load &amp;more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start of the oid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Object:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;access…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects and access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) loaded; more on the server.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::OverviewView</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatches/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No figures yet: they come with the server&apos;s first stats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last ten minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MariaDB/MySQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices behind</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::PasswordDialog</name>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::QueueDialog</name>
    <message>
        <source>Load &amp;more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing queued: the device is up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued for %1; %2 shown.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ReconciliationView</name>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The winner&apos;s, the loser&apos;s or the uploader&apos;s device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search &amp;server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server for every reconciliation that matches, also those older than the live list holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Object:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a reconciliation to see it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by this &amp;object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by the &amp;uploader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciled at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Winner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, written %2 by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Server search: %n reconciliation(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Server search: the newest %n reconciliation(s); more on the server.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Live: the latest %n reconciliation(s) and every new one. Search the server for older ones.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ServerProfile</name>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address (like wss://host:7443).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::SparklineChart</name>
    <message numerus="yes">
        <source>-%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::TablePanel</name>
    <message>
        <source>Filter (Ctrl+F): words found in any column</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Fit columns to contents</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::TlsTrust</name>
    <message>
        <source>Could not fetch the certificate of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>THE CERTIFICATE OF %1 HAS CHANGED. The connection was refused.

Pinned:    %2
Presented: %3

Someone may be intercepting the connection, or the server&apos;s certificate was replaced. Compare the presented fingerprint with the one in the server&apos;s log; only if they match and the change was expected, forget the pin in the connect dialog and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::UsersView</name>
    <message>
        <source>&amp;Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove m&amp;ember</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable %1? Their sessions are closed at once and they cannot log in until enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the group %1? Its members lose what it was granted at their next login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users and groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User to add to %1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
