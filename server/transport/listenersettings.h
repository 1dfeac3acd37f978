#pragma once

#include <QHostAddress>
#include <QString>

namespace seneschal::transport {

// Where and how the server listens (the `[server]` and `[tls]` sections).
struct ListenerSettings
{
    QHostAddress address = QHostAddress::Any;
    quint16 port = 7443;
    bool tls = true;
    QString certificateFile;     // PEM; empty: a self-signed one in the data directory
    QString keyFile;             // PEM
    bool allowPlaintext = false; // plaintext on a non-loopback address
    QString path = QStringLiteral("/v1");
    // The admin interface (PROTOCOL.md 10); empty: not served.
    QString adminPath = QStringLiteral("/v1/admin");
    qint64 maxIncomingMessageBytes = 16 * 1024 * 1024;
};

} // namespace seneschal::transport
