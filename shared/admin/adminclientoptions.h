#pragma once

#include "client/syncclientoptions.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace seneschal::admin {

// When a lost connection is tried again: the first retry after
// initialDelayMs, each later one after twice the previous delay up to
// maxDelayMs, every delay moved by up to +-jitter of itself so that the
// consoles of a restarted server do not all knock at the same moment.
struct ReconnectPolicy
{
    int initialDelayMs = 500;
    int maxDelayMs = 30000;
    double jitter = 0.2;
};

// Everything an AdminClient needs to know before it connects.
struct AdminClientOptions
{
    QUrl url;     // wss://host:7443/v1/admin
    QString cuid; // this console install, kept across runs
    // A password, or a token (the server's own or an external issuer's).
    // After a welcome the client logs in again with the token it was given
    // while that is valid, and falls back to these when the token is refused.
    client::ClientAuth auth;

    // As SyncClientOptions: trust these CAs only (and those of caFile);
    // both empty: the system's CAs. Peer verification is always on for wss.
    QList<QSslCertificate> caCertificates;
    QString caFile;

    ReconnectPolicy reconnect;
    // A ping this often while live; a connection that has not answered
    // within pongTimeoutMs of it is dropped and tried again.
    int pingIntervalMs = 30000;
    int pongTimeoutMs = 10000;
    // A token this close to its expiry is not used for a new hello.
    int tokenMarginMs = 60000;
};

} // namespace seneschal::admin
