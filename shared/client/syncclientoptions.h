#pragma once

#include "engine/access.h"
#include "engine/dispatch.h"
#include "protocol/messages.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <optional>

namespace seneschal::client {

// How a SyncClient authenticates in its `hello` (PROTOCOL.md section 4).
struct ClientAuth
{
    protocol::AuthMethod method = protocol::AuthMethod::Password;
    QString username; // password method
    QString password; // password method
    QString token;    // jwt method

    static ClientAuth withPassword(const QString &username, const QString &password)
    {
        return {protocol::AuthMethod::Password, username, password, {}};
    }
    static ClientAuth withToken(const QString &token)
    {
        return {protocol::AuthMethod::Jwt, {}, {}, token};
    }
};

// Everything a SyncClient needs to know before it connects.
struct SyncClientOptions
{
    QUrl url;     // wss://127.0.0.1:<port>/v1
    QString cuid; // this device, kept across connections
    ClientAuth auth;
    qint64 since = 0; // the highest seq this device has applied before the first connection

    // Verify the server against these CAs only (peer verification is always
    // on for wss); empty, and no caFile: the system's CAs.
    QList<QSslCertificate> caCertificates;
    // A PEM file of CAs trusted beside caCertificates (see TlsOptions).
    QString caFile;

    // Send `ack {seq}` after `synced` and after live dispatches and revokes,
    // coalesced over `ackDelayMs`.
    bool autoAck = true;
    int ackDelayMs = 0;

    // For tests: delay the `hello` after the WebSocket opens, or (negative)
    // never send it (then call SyncClient::sendHello() by hand).
    int helloDelayMs = 0;
    // For tests: send `uploadEnd` right after uploading the outbox; when false
    // call SyncClient::sendUploadEnd() by hand.
    bool autoUploadEnd = true;

    // Keep every received message in SyncClient::received(); load tools
    // turn this off.
    bool keepReceived = true;

    // When set, the outbox is kept in this file too and survives a restart.
    QString outboxPath;
};

// Options of one local dispatch (SyncClient::dispatch).
struct DispatchOptions
{
    std::optional<qint64> ts; // default: the hybrid clock
    engine::DispatchOp op = engine::DispatchOp::Put;
    QString kind;   // read when the dispatch creates the object
    QString parent; // read when the dispatch creates the object
    std::optional<engine::Access> access;
    // Default: a new id from the outbox. For tests of the server's
    // idempotency: the same id twice is acknowledged twice and applied once.
    QString id;
};

} // namespace seneschal::client
