<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>seneschal::admin::AccessModel</name>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Gewährt</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Entzogen</translation>
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
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
</context>
<context>
    <name>seneschal::admin::DevicesModel</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Rückstand</translation>
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
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>Gewinner</translation>
    </message>
    <message>
        <source>Winner device</source>
        <translation>Gerät des Gewinners</translation>
    </message>
    <message>
        <source>Loser</source>
        <translation>Verlierer</translation>
    </message>
    <message>
        <source>Loser device</source>
        <translation>Gerät des Verlierers</translation>
    </message>
    <message>
        <source>Uploader</source>
        <translation>Hochgeladen von</translation>
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
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Highest seq</source>
        <translation>Höchste Seq</translation>
    </message>
    <message>
        <source>Dispatches/s</source>
        <translation>Dispatches/s</translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation>Zustellungen/s</translation>
    </message>
    <message>
        <source>Uptime (ms)</source>
        <translation>Laufzeit (ms)</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Datenbank</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AccessEditorDialog</name>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Access to %1</source>
        <translation>Zugriff auf %1</translation>
    </message>
    <message>
        <source>Who may see it</source>
        <translation>Wer es sehen darf</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>&amp;Grant</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>&amp;Apply change</source>
        <translation>Änderung &amp;anwenden</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a user or group name.</source>
        <translation>„%1“ ist kein Benutzer- oder Gruppenname.</translation>
    </message>
    <message>
        <source>%1 (to grant)</source>
        <translation>%1 (wird freigegeben)</translation>
    </message>
    <message>
        <source>%1 (to revoke)</source>
        <translation>%1 (wird entzogen)</translation>
    </message>
    <message>
        <source>No grants: only the owner and the admins.</source>
        <translation>Keine Freigaben: nur der Eigentümer und die Admins.</translation>
    </message>
    <message>
        <source>Access to %1 changed.</source>
        <translation>Zugriff auf %1 geändert.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AccessPlan</name>
    <message>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Nichts zu ändern.</translation>
    </message>
    <message>
        <source>Access: %1 → %2</source>
        <translation>Zugriff: %1 → %2</translation>
    </message>
    <message>
        <source>Every user will see the object; grants no longer matter.</source>
        <translation>Jeder Benutzer wird das Objekt sehen; Freigaben spielen keine Rolle mehr.</translation>
    </message>
    <message>
        <source>Only the owner, the admins and the grants will see the object; other devices lose it.</source>
        <translation>Nur der Eigentümer, die Admins und die Freigaben werden das Objekt sehen; andere Geräte verlieren es.</translation>
    </message>
    <message>
        <source>The object will follow the access of its parent.</source>
        <translation>Das Objekt folgt dem Zugriff seines übergeordneten Objekts.</translation>
    </message>
    <message>
        <source>Grant to %1: their devices receive a full copy.</source>
        <translation>Freigabe für %1: deren Geräte erhalten eine vollständige Kopie.</translation>
    </message>
    <message>
        <source>Revoke from %1: their devices lose the object unless another grant covers them.</source>
        <translation>Entzug für %1: deren Geräte verlieren das Objekt, sofern keine andere Freigabe sie einschließt.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ApplicationText</name>
    <message>
        <source>Seneschal admin</source>
        <translation>Seneschal-Admin</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version anzeigen.</translation>
    </message>
    <message>
        <source>The server to connect to (wss://host:7443).</source>
        <translation>Der Server, mit dem verbunden wird (wss://host:7443).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The user to log in as.</source>
        <translation>Der Benutzer für die Anmeldung.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Verify the server against the CAs in this PEM file.</source>
        <translation>Den Server gegen die Zertifizierungsstellen in dieser PEM-Datei prüfen.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Pin the server&apos;s certificate on first use (SHA-256).</source>
        <translation>Das Zertifikat des Servers bei der ersten Verbindung festhalten (SHA-256).</translation>
    </message>
    <message>
        <source>The language of the console (%1); default: the system&apos;s.</source>
        <translation>Die Sprache der Konsole (%1); Vorgabe: die des Systems.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Try seneschal-admin --help.</source>
        <translation>Siehe seneschal-admin --help.</translation>
    </message>
    <message>
        <source>The Seneschal admin console: devices, queues, access, reconciliations, users and the audit of a Seneschal server, live.
With --cli it runs the command-line tool instead (seneschal-admin --cli --help).</source>
        <translation>Die Admin-Konsole von Seneschal: Geräte, Warteschlangen, Zugriffe, Konfliktauflösungen, Benutzer und das Audit eines Seneschal-Servers, live.
Mit --cli läuft stattdessen das Kommandozeilenwerkzeug (seneschal-admin --cli --help).</translation>
    </message>
    <message>
        <source>seneschal-admin: no display for the console&apos;s window (neither DISPLAY nor WAYLAND_DISPLAY is set).
Use seneschal-admin --cli for the command-line tool (seneschal-admin --cli --help lists its commands).</source>
        <translation>seneschal-admin: keine Anzeige für das Fenster der Konsole (weder DISPLAY noch WAYLAND_DISPLAY ist gesetzt).
Für das Kommandozeilenwerkzeug seneschal-admin --cli verwenden (seneschal-admin --cli --help listet seine Befehle).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::AuditView</name>
    <message>
        <source>Select an entry to see it here.</source>
        <translation>Einen Eintrag wählen, um ihn hier zu sehen.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>expire</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>share</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>group</source>
        <translation>Gruppe</translation>
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
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nein</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::CellFormatter</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>lädt hoch</translation>
    </message>
    <message>
        <source>catching up</source>
        <translation>holt auf</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>public</source>
        <translation>öffentlich</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privat</translation>
    </message>
    <message>
        <source>inherited</source>
        <translation>geerbt</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::CertificateProbe</name>
    <message>
        <source>The server did not complete a TLS handshake in time.</source>
        <translation>Der Server hat den TLS-Handshake nicht rechtzeitig abgeschlossen.</translation>
    </message>
    <message>
        <source>The server presented no certificate.</source>
        <translation>Der Server hat kein Zertifikat vorgelegt.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConnectDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Forget pin</source>
        <translation>Festhalten &amp;aufheben</translation>
    </message>
    <message>
        <source>&amp;Remember me (keep the session in the keychain)</source>
        <translation>Angemeldet &amp;bleiben (Sitzung im Schlüsselbund aufbewahren)</translation>
    </message>
    <message>
        <source>Keep the &amp;password too</source>
        <translation>Auch das &amp;Passwort aufbewahren</translation>
    </message>
    <message>
        <source>Connect to a Seneschal server</source>
        <translation>Mit einem Seneschal-Server verbinden</translation>
    </message>
    <message>
        <source>wss://host:7443</source>
        <translation>wss://host:7443</translation>
    </message>
    <message>
        <source>Server certificate</source>
        <translation>Zertifikat des Servers</translation>
    </message>
    <message>
        <source>Verify against the &amp;system&apos;s certificate authorities</source>
        <translation>Gegen die Zertifizierungsstellen des &amp;Systems prüfen</translation>
    </message>
    <message>
        <source>Verify against a &amp;CA file:</source>
        <translation>Gegen eine &amp;CA-Datei prüfen:</translation>
    </message>
    <message>
        <source>&amp;Pin the certificate&apos;s SHA-256 fingerprint on first use</source>
        <translation>SHA-256-Fingerabdruck des Zertifikats beim ersten Mal &amp;festhalten</translation>
    </message>
    <message>
        <source>PEM file of the CA or of the server&apos;s own certificate</source>
        <translation>PEM-Datei der CA oder des eigenen Zertifikats des Servers</translation>
    </message>
    <message>
        <source>Looking for a keychain…</source>
        <translation>Suche nach einem Schlüsselbund…</translation>
    </message>
    <message>
        <source>Remember</source>
        <translation>Merken</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>The session token (and the password, if you tick it) is kept in the keychain, never in a file.</source>
        <translation>Das Sitzungstoken (und das Passwort, wenn angekreuzt) wird im Schlüsselbund aufbewahrt, nie in einer Datei.</translation>
    </message>
    <message>
        <source>Nothing can be remembered: no keychain (Secret Service) is available, and secrets are never written in plain text. %1</source>
        <translation>Nichts kann gemerkt werden: Es ist kein Schlüsselbund (Secret Service) verfügbar, und Geheimnisse werden nie im Klartext geschrieben. %1</translation>
    </message>
    <message>
        <source>remembered: leave empty to use it</source>
        <translation>gemerkt: leer lassen, um es zu verwenden</translation>
    </message>
    <message>
        <source>Not pinned yet: at the first connection the fingerprint is shown for you to compare with the one the server writes to its log.</source>
        <translation>Noch nicht festgehalten: Bei der ersten Verbindung wird der Fingerabdruck angezeigt, damit Sie ihn mit dem im Log des Servers vergleichen können.</translation>
    </message>
    <message>
        <source>Pinned for %1:
%2</source>
        <translation>Festgehalten für %1:
%2</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation>Bitte den Benutzernamen eingeben.</translation>
    </message>
    <message>
        <source>The CA file &quot;%1&quot; cannot be read.</source>
        <translation>Die CA-Datei „%1“ kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Bitte das Passwort eingeben.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ConnectionIndicator</name>
    <message>
        <source>● Live: %1 on %2</source>
        <translation>● Live: %1 auf %2</translation>
    </message>
    <message>
        <source>◌ Connecting to %1…</source>
        <translation>◌ Verbinde mit %1…</translation>
    </message>
    <message numerus="yes">
        <source>◌ Reconnecting to %1 in %n s…</source>
        <translation>
            <numerusform>◌ Verbinde erneut mit %1 in %n s…</numerusform>
            <numerusform>◌ Verbinde erneut mit %1 in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>◌ Reconnecting to %1…</source>
        <translation>◌ Verbinde erneut mit %1…</translation>
    </message>
    <message>
        <source>(the views show the rows as they were)</source>
        <translation>(die Ansichten zeigen den letzten Stand)</translation>
    </message>
    <message>
        <source>○ Offline: not connected</source>
        <translation>○ Offline: nicht verbunden</translation>
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
        <translation>Neues Server-Zertifikat</translation>
    </message>
    <message>
        <source>%1 presents a certificate this console has not seen before:

%2

Compare it with the fingerprint in the server&apos;s log (the line &quot;certificate … SHA-256 …&quot; at its start). Pin it and connect only if they are the same.</source>
        <translation>%1 legt ein Zertifikat vor, das diese Konsole noch nicht kennt:

%2

Vergleichen Sie es mit dem Fingerabdruck im Log des Servers (die Zeile „certificate … SHA-256 …“ beim Start). Halten Sie es nur fest und verbinden Sie sich nur, wenn beide gleich sind.</translation>
    </message>
    <message>
        <source>&amp;Pin and connect</source>
        <translation>&amp;Festhalten und verbinden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Nothing is remembered for %1: enter the password.</source>
        <translation>Für %1 ist nichts gemerkt: Bitte das Passwort eingeben.</translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation>Server-Zertifikat geändert</translation>
    </message>
    <message>
        <source>The certificate of %1 does not match its pin.</source>
        <translation>Das Zertifikat von %1 passt nicht zum festgehaltenen.</translation>
    </message>
    <message>
        <source>The remembered session has ended; enter the password.</source>
        <translation>Die gemerkte Sitzung ist abgelaufen; bitte das Passwort eingeben.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified: %1</source>
        <translation>Das Zertifikat des Servers konnte nicht geprüft werden: %1</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::DevicesView</name>
    <message>
        <source>Online only</source>
        <translation>Nur online</translation>
    </message>
    <message>
        <source>Behind only</source>
        <translation>Nur im Rückstand</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Expire…</source>
        <translation>&amp;Vergessen…</translation>
    </message>
    <message>
        <source>Show &amp;queue…</source>
        <translation>&amp;Warteschlange zeigen…</translation>
    </message>
    <message>
        <source>&amp;Copy device id</source>
        <translation>Geräte-Id &amp;kopieren</translation>
    </message>
    <message>
        <source>Devices whose cursor is behind the server&apos;s highest seq</source>
        <translation>Geräte, deren Cursor hinter der höchsten Seq des Servers liegt</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Alle Benutzer</translation>
    </message>
    <message>
        <source>Close the connection of the selected devices (they may reconnect)</source>
        <translation>Die Verbindung der gewählten Geräte schließen (sie dürfen sich wieder verbinden)</translation>
    </message>
    <message>
        <source>Forget the selected devices: their next login gets a full copy</source>
        <translation>Die gewählten Geräte vergessen: Bei der nächsten Anmeldung erhalten sie eine vollständige Kopie</translation>
    </message>
    <message>
        <source>What the device would be sent if it connected now</source>
        <translation>Was das Gerät erhielte, wenn es sich jetzt verbände</translation>
    </message>
    <message>
        <source>Select a device to see it here.</source>
        <translation>Ein Gerät wählen, um es hier zu sehen.</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>yes, from %1</source>
        <translation>ja, von %1</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden seit</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <source>Behind by</source>
        <translation>Im Rückstand um</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n Änderung</numerusform>
            <numerusform>%n Änderungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Expire devices</source>
        <translation>Geräte vergessen</translation>
    </message>
    <message>
        <source>Disconnect devices</source>
        <translation>Geräte trennen</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n device(s)? They may connect again.</source>
        <translation>
            <numerusform>%n Gerät trennen? Es darf sich wieder verbinden.</numerusform>
            <numerusform>%n Geräte trennen? Sie dürfen sich wieder verbinden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) expired.</source>
        <translation>
            <numerusform>%n Gerät vergessen.</numerusform>
            <numerusform>%n Geräte vergessen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) disconnected.</source>
        <translation>
            <numerusform>%n Gerät getrennt.</numerusform>
            <numerusform>%n Geräte getrennt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expire %n device(s)? Each is forgotten by the server and gets a full copy at its next login; online ones are disconnected first.</source>
        <translation>
            <numerusform>%n Gerät vergessen? Der Server vergisst es, und es erhält bei der nächsten Anmeldung eine vollständige Kopie; ist es online, wird es zuerst getrennt.</numerusform>
            <numerusform>%n Geräte vergessen? Der Server vergisst jedes, und jedes erhält bei der nächsten Anmeldung eine vollständige Kopie; Geräte online werden zuerst getrennt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ErrorText</name>
    <message>
        <source>The server did not accept the request as valid.</source>
        <translation>Der Server hat die Anfrage nicht als gültig angenommen.</translation>
    </message>
    <message>
        <source>The user name, password or token was refused.</source>
        <translation>Benutzername, Passwort oder Token wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Not allowed, or no such device, object or user.</source>
        <translation>Nicht erlaubt, oder kein solches Gerät, Objekt oder solcher Benutzer.</translation>
    </message>
    <message>
        <source>The request is too large for the server.</source>
        <translation>Die Anfrage ist zu groß für den Server.</translation>
    </message>
    <message>
        <source>Too many attempts; wait a moment and try again.</source>
        <translation>Zu viele Versuche; bitte kurz warten und erneut versuchen.</translation>
    </message>
    <message>
        <source>Another console with the same identity took over the session.</source>
        <translation>Eine andere Konsole mit derselben Kennung hat die Sitzung übernommen.</translation>
    </message>
    <message>
        <source>The server is unavailable or the connection was lost before the answer; the action may have happened, refresh to see.</source>
        <translation>Der Server ist nicht erreichbar oder die Verbindung ging vor der Antwort verloren; die Aktion kann ausgeführt worden sein, zum Prüfen aktualisieren.</translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation>Unbekannter Fehler.</translation>
    </message>
    <message>
        <source>The server answered with the error &quot;%1&quot;.</source>
        <translation>Der Server hat mit dem Fehler „%1“ geantwortet.</translation>
    </message>
    <message>
        <source>%1 (server: %2)</source>
        <translation>%1 (Server: %2)</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>The server went away.</source>
        <translation>Der Server ist nicht mehr da.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>Die Verbindung ging verloren.</translation>
    </message>
    <message>
        <source>The server does not serve the admin interface at this address.</source>
        <translation>Der Server bietet unter dieser Adresse keine Admin-Schnittstelle an.</translation>
    </message>
    <message>
        <source>A message was too large for the connection.</source>
        <translation>Eine Nachricht war zu groß für die Verbindung.</translation>
    </message>
    <message>
        <source>The server closed the session after invalid messages.</source>
        <translation>Der Server hat die Sitzung nach ungültigen Nachrichten geschlossen.</translation>
    </message>
    <message>
        <source>This user is not an admin, or this address may not use the admin interface.</source>
        <translation>Dieser Benutzer ist kein Admin, oder diese Adresse darf die Admin-Schnittstelle nicht nutzen.</translation>
    </message>
    <message>
        <source>The login took too long.</source>
        <translation>Die Anmeldung hat zu lange gedauert.</translation>
    </message>
    <message>
        <source>An admin disconnected this session.</source>
        <translation>Ein Admin hat diese Sitzung getrennt.</translation>
    </message>
    <message>
        <source>A message was too large for the server.</source>
        <translation>Eine Nachricht war zu groß für den Server.</translation>
    </message>
    <message>
        <source>Too many login attempts; wait a moment and try again.</source>
        <translation>Zu viele Anmeldeversuche; bitte kurz warten und erneut versuchen.</translation>
    </message>
    <message>
        <source>The server is shutting down or unavailable.</source>
        <translation>Der Server fährt herunter oder ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>The connection ended (code %1).</source>
        <translation>Die Verbindung wurde beendet (Code %1).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::KeychainSecretStore</name>
    <message>
        <source>No keychain is available (%1).</source>
        <translation>Kein Schlüsselbund verfügbar (%1).</translation>
    </message>
    <message>
        <source>No keychain is available (Qt runs without the GLib event loop, which the Secret Service needs; unset QT_NO_GLIB).</source>
        <translation>Kein Schlüsselbund verfügbar (Qt läuft ohne die GLib-Ereignisschleife, die der Secret Service braucht; QT_NO_GLIB entfernen).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::MainWindow</name>
    <message>
        <source>Seneschal admin console</source>
        <translation>Seneschal-Admin-Konsole</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>%1 – Seneschal admin console</source>
        <translation>%1 – Seneschal-Admin-Konsole</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>Verbindung &amp;trennen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Seneschal admin</source>
        <translation>&amp;Über Seneschal-Admin</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>About Seneschal admin</source>
        <translation>Über Seneschal-Admin</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Seneschal admin %1&lt;/h3&gt;&lt;p&gt;The operators&apos; console of the Seneschal sync server: devices, queues, access, reconciliations, users and the audit, live.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Seneschal-Admin %1&lt;/h3&gt;&lt;p&gt;Die Betreiberkonsole des Seneschal-Sync-Servers: Geräte, Warteschlangen, Zugriffe, Konfliktauflösungen, Benutzer und das Audit, live.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectDetail</name>
    <message>
        <source>Edit &amp;access…</source>
        <translation>&amp;Zugriff bearbeiten…</translation>
    </message>
    <message>
        <source>Show &amp;reconciliations</source>
        <translation>&amp;Konfliktauflösungen zeigen</translation>
    </message>
    <message>
        <source>Select an object to see it here.</source>
        <translation>Ein Objekt wählen, um es hier zu sehen.</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Written at</source>
        <translation>Geschrieben am</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Access history</source>
        <translation>Zugriffsverlauf</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <source>The server did not return the object.</source>
        <translation>Der Server hat das Objekt nicht geliefert.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Übergeordnet</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>everyone (public): %1</source>
        <translation>alle (öffentlich): %1</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Groups that see it</source>
        <translation>Gruppen, die es sehen</translation>
    </message>
    <message>
        <source>Users who see it now</source>
        <translation>Benutzer, die es jetzt sehen</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectHistory</name>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Written at</source>
        <translation>Geschrieben am</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation>Hochgeladen von</translation>
    </message>
    <message>
        <source>Select a reconciliation to see the history of its object here.</source>
        <translation>Eine Konfliktauflösung wählen, um hier den Verlauf ihres Objekts zu sehen.</translation>
    </message>
    <message>
        <source>Loading the history of %1…</source>
        <translation>Lade den Verlauf von %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n reconciliation(s)</source>
        <translation>
            <numerusform>%n Konfliktauflösung</numerusform>
            <numerusform>%n Konfliktauflösungen</numerusform>
        </translation>
    </message>
    <message>
        <source>winner</source>
        <translation>Gewinner</translation>
    </message>
    <message>
        <source>loser</source>
        <translation>Verlierer</translation>
    </message>
    <message>
        <source>%1: %2 in %3</source>
        <translation>%1: %2 in %3</translation>
    </message>
    <message numerus="yes">
        <source>%n property(ies)</source>
        <translation>
            <numerusform>%n Eigenschaft</numerusform>
            <numerusform>%n Eigenschaften</numerusform>
        </translation>
    </message>
    <message>
        <source>Property / reconciled / write</source>
        <translation>Eigenschaft / aufgelöst / Schreibvorgang</translation>
    </message>
    <message>
        <source>When the server reconciled the two writes</source>
        <translation>Wann der Server die beiden Schreibvorgänge aufgelöst hat</translation>
    </message>
    <message>
        <source>seq %1</source>
        <translation>Seq %1</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ObjectsView</name>
    <message>
        <source>Load &amp;more</source>
        <translation>&amp;Mehr laden</translation>
    </message>
    <message>
        <source>start of the oid</source>
        <translation>Anfang der Oid</translation>
    </message>
    <message>
        <source>any kind</source>
        <translation>jede Art</translation>
    </message>
    <message>
        <source>any owner</source>
        <translation>jeder Eigentümer</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Object:</source>
        <translation>&amp;Objekt:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>&amp;Eigentümer:</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Übergeordnet</translation>
    </message>
    <message>
        <source>Edit &amp;access…</source>
        <translation>&amp;Zugriff bearbeiten…</translation>
    </message>
    <message>
        <source>Objects and access</source>
        <translation>Objekte und Zugriff</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche…</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) found.</source>
        <translation>
            <numerusform>%n Objekt gefunden.</numerusform>
            <numerusform>%n Objekte gefunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) loaded; more on the server.</source>
        <translation>
            <numerusform>%n Objekt geladen; weitere auf dem Server.</numerusform>
            <numerusform>%n Objekte geladen; weitere auf dem Server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::OverviewView</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Dispatches/s</source>
        <translation>Dispatches/s</translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation>Zustellungen/s</translation>
    </message>
    <message>
        <source>No figures yet: they come with the server&apos;s first stats.</source>
        <translation>Noch keine Zahlen: Sie kommen mit der ersten Statistik des Servers.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s), %1</source>
        <translation>
            <numerusform>%n Tag, %1</numerusform>
            <numerusform>%n Tage, %1</numerusform>
        </translation>
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
        <translation>Server-Version</translation>
    </message>
    <message>
        <source>not reported by the server</source>
        <translation>vom Server nicht gemeldet</translation>
    </message>
    <message>
        <source>Connected as</source>
        <translation>Verbunden als</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Highest seq</source>
        <translation>Höchste Seq</translation>
    </message>
    <message>
        <source>Devices known</source>
        <translation>Bekannte Geräte</translation>
    </message>
    <message>
        <source>Devices attached</source>
        <translation>Angebundene Geräte</translation>
    </message>
    <message>
        <source>Devices online</source>
        <translation>Geräte online</translation>
    </message>
    <message>
        <source>Devices behind</source>
        <translation>Geräte im Rückstand</translation>
    </message>
    <message numerus="yes">
        <source>The last %n minute(s)</source>
        <translation>
            <numerusform>Die letzte Minute</numerusform>
            <numerusform>Die letzten %n Minuten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::PasswordDialog</name>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Bitte einen Benutzernamen eingeben.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Bitte ein Passwort eingeben.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Die Passwörter unterscheiden sich.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::QueueDialog</name>
    <message>
        <source>Load &amp;more</source>
        <translation>&amp;Mehr laden</translation>
    </message>
    <message>
        <source>Queue of %1</source>
        <translation>Warteschlange von %1</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lade…</translation>
    </message>
    <message>
        <source>Nothing queued: the device is up to date.</source>
        <translation>Nichts in der Warteschlange: Das Gerät ist auf dem neuesten Stand.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued for %1; %2 shown.</source>
        <translation>
            <numerusform>%n Nachricht für %1 in der Warteschlange; %2 angezeigt.</numerusform>
            <numerusform>%n Nachrichten für %1 in der Warteschlange; %2 angezeigt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ReconciliationView</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>Show &amp;live</source>
        <translation>&amp;Live zeigen</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>&amp;Mehr laden</translation>
    </message>
    <message>
        <source>any object</source>
        <translation>jedes Objekt</translation>
    </message>
    <message>
        <source>any device</source>
        <translation>jedes Gerät</translation>
    </message>
    <message>
        <source>The winner&apos;s, the loser&apos;s or the uploader&apos;s device</source>
        <translation>Das Gerät des Gewinners, des Verlierers oder des Hochladenden</translation>
    </message>
    <message>
        <source>Search &amp;server</source>
        <translation>Auf dem &amp;Server suchen</translation>
    </message>
    <message>
        <source>Ask the server for every reconciliation that matches, also those older than the live list holds</source>
        <translation>Den Server nach jeder passenden Konfliktauflösung fragen, auch nach älteren, als die Live-Liste enthält</translation>
    </message>
    <message>
        <source>&amp;Object:</source>
        <translation>&amp;Objekt:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>Select a reconciliation to see it here.</source>
        <translation>Eine Konfliktauflösung wählen, um sie hier zu sehen.</translation>
    </message>
    <message>
        <source>Filter by this &amp;object</source>
        <translation>Nach diesem &amp;Objekt filtern</translation>
    </message>
    <message>
        <source>Filter by the &amp;uploader</source>
        <translation>Nach dem &amp;Hochladenden filtern</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Reconciled at</source>
        <translation>Aufgelöst am</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>Gewinner</translation>
    </message>
    <message>
        <source>%1, written %2 by %3</source>
        <translation>%1, geschrieben %2 von %3</translation>
    </message>
    <message>
        <source>Loser</source>
        <translation>Verlierer</translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation>Hochgeladen von</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Konfliktauflösung</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Frage den Server…</translation>
    </message>
    <message numerus="yes">
        <source>Server search: %n reconciliation(s).</source>
        <translation>
            <numerusform>Suche auf dem Server: %n Konfliktauflösung.</numerusform>
            <numerusform>Suche auf dem Server: %n Konfliktauflösungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Server search: the newest %n reconciliation(s); more on the server.</source>
        <translation>
            <numerusform>Suche auf dem Server: die neueste Konfliktauflösung; weitere auf dem Server.</numerusform>
            <numerusform>Suche auf dem Server: die neuesten %n Konfliktauflösungen; weitere auf dem Server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Live: the latest %n reconciliation(s) and every new one. Search the server for older ones.</source>
        <translation>
            <numerusform>Live: die letzte Konfliktauflösung und jede neue. Ältere auf dem Server suchen.</numerusform>
            <numerusform>Live: die letzten %n Konfliktauflösungen und jede neue. Ältere auf dem Server suchen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::ServerProfile</name>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>Bitte die Adresse des Servers eingeben.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address (like wss://host:7443).</source>
        <translation>„%1“ ist keine Server-Adresse (wie wss://host:7443).</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::SparklineChart</name>
    <message numerus="yes">
        <source>-%n min</source>
        <translation>
            <numerusform>-%n min</numerusform>
            <numerusform>-%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>max %1</source>
        <translation>max. %1</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::TablePanel</name>
    <message>
        <source>Filter (Ctrl+F): words found in any column</source>
        <translation>Filter (Strg+F): Wörter in beliebigen Spalten</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s)</source>
        <translation>
            <numerusform>%1 von %n Zeile</numerusform>
            <numerusform>%1 von %n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Fit columns to contents</source>
        <translation>Spalten an Inhalt anpassen</translation>
    </message>
    <message>
        <source>Copy &amp;rows</source>
        <translation>Zeilen &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::TlsTrust</name>
    <message>
        <source>Could not fetch the certificate of %1: %2</source>
        <translation>Das Zertifikat von %1 konnte nicht abgerufen werden: %2</translation>
    </message>
    <message>
        <source>THE CERTIFICATE OF %1 HAS CHANGED. The connection was refused.

Pinned:    %2
Presented: %3

Someone may be intercepting the connection, or the server&apos;s certificate was replaced. Compare the presented fingerprint with the one in the server&apos;s log; only if they match and the change was expected, forget the pin in the connect dialog and connect again.</source>
        <translation>DAS ZERTIFIKAT VON %1 HAT SICH GEÄNDERT. Die Verbindung wurde abgelehnt.

Festgehalten: %2
Vorgelegt:    %3

Jemand könnte die Verbindung abfangen, oder das Zertifikat des Servers wurde ersetzt. Vergleichen Sie den vorgelegten Fingerabdruck mit dem im Log des Servers; nur wenn beide übereinstimmen und die Änderung erwartet war, heben Sie das Festhalten im Verbindungsdialog auf und verbinden sich erneut.</translation>
    </message>
    <message>
        <source>The certificate of %1 was not accepted.</source>
        <translation>Das Zertifikat von %1 wurde nicht angenommen.</translation>
    </message>
    <message>
        <source>The certificate of %1 is issued by &quot;%2&quot;, which the server does not send and the system does not know: a pin cannot be checked. Choose &quot;CA file&quot; with that CA&apos;s certificate instead.</source>
        <translation>Das Zertifikat von %1 ist von „%2“ ausgestellt, die der Server nicht mitsendet und das System nicht kennt: Ein Festhalten kann nicht geprüft werden. Wählen Sie stattdessen „CA-Datei“ mit dem Zertifikat dieser CA.</translation>
    </message>
</context>
<context>
    <name>seneschal::admingui::UsersView</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>Benutzer &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Set &amp;password…</source>
        <translation>&amp;Passwort setzen…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Add &amp;group…</source>
        <translation>&amp;Gruppe hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove group</source>
        <translation>Gruppe &amp;entfernen</translation>
    </message>
    <message>
        <source>Add &amp;member…</source>
        <translation>&amp;Mitglied hinzufügen…</translation>
    </message>
    <message>
        <source>Remove m&amp;ember</source>
        <translation>Mitglied ent&amp;fernen</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Local password</source>
        <translation>Lokales Passwort</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Benutzer sperren</translation>
    </message>
    <message>
        <source>Disable %1? Their sessions are closed at once and they cannot log in until enabled again.</source>
        <translation>%1 sperren? Die Sitzungen werden sofort geschlossen, und eine Anmeldung ist erst nach dem Entsperren wieder möglich.</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>Gruppe entfernen</translation>
    </message>
    <message>
        <source>Remove the group %1? Its members lose what it was granted at their next login.</source>
        <translation>Die Gruppe %1 entfernen? Ihre Mitglieder verlieren bei der nächsten Anmeldung, was ihr freigegeben war.</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Mitglied entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2?</source>
        <translation>%1 aus %2 entfernen?</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Users and groups</source>
        <translation>Benutzer und Gruppen</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>Benutzer %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Password of %1 set.</source>
        <translation>Passwort von %1 gesetzt.</translation>
    </message>
    <message>
        <source>User %1 disabled.</source>
        <translation>Benutzer %1 gesperrt.</translation>
    </message>
    <message>
        <source>User %1 enabled.</source>
        <translation>Benutzer %1 entsperrt.</translation>
    </message>
    <message>
        <source>Group %1 added.</source>
        <translation>Gruppe %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Group %1 removed.</source>
        <translation>Gruppe %1 entfernt.</translation>
    </message>
    <message>
        <source>%1 added to %2.</source>
        <translation>%1 zu %2 hinzugefügt.</translation>
    </message>
    <message>
        <source>%1 removed from %2.</source>
        <translation>%1 aus %2 entfernt.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Gruppe hinzufügen</translation>
    </message>
    <message>
        <source>Group name:</source>
        <translation>Gruppenname:</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Mitglied hinzufügen</translation>
    </message>
    <message>
        <source>User to add to %1:</source>
        <translation>Benutzer, der zu %1 hinzukommt:</translation>
    </message>
</context>
</TS>
