#pragma once

#include "adminmessages.h"
#include "limits.h"

#include <QByteArray>
#include <QByteArrayView>

#include <variant>

namespace seneschal::protocol::admin {

// Server side: parses and validates one text frame of /v1/admin. Hello and
// ping follow the rules of the device protocol (parseClientMessage); every
// request needs a valid `req` and the members section 10 names for it,
// checked here (identifiers as in section 2, principals as in `share`).
std::variant<AdminClientMessage, AdminParseError> parseAdminClientMessage(QByteArrayView json,
                                                                          const Limits &limits);

// Server side: the replies and live messages, compact JSON (UTF-8).
QByteArray encodeAdminError(const QString &req, ErrorCode code, const QString &message);
QByteArray encodeSnapshot(const QString &req, Topic topic, const QJsonArray &rows);
QByteArray encodeEvent(Topic topic, EventOp op, const QJsonObject &row);
QByteArray encodeResult(const QString &req, const QJsonArray &rows, const QJsonValue &next,
                        std::optional<qint64> total = std::nullopt);
QByteArray encodeDone(const QString &req);
QByteArray encodeResync(const QList<Topic> &topics);

// Client side: requests (hello and ping use encodeHello and encodePing) and
// the parser of what the server sends on /v1/admin. The error names what
// was wrong with a message the client cannot read.
QByteArray encodeRequest(const Request &request);
std::variant<AdminServerMessage, QString> parseAdminServerMessage(QByteArrayView json);

} // namespace seneschal::protocol::admin
