#include "logintoken.h"

#include "protocol/codec.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;

QString LoginToken::boundCuid(const QString &token)
{
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3)
        return {};
    const auto payload = QByteArray::fromBase64Encoding(
        parts[1].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!payload)
        return {};
    const QString cuid = QJsonDocument::fromJson(*payload).object().value(u"cuid"_s).toString();
    return protocol::isValidCuid(cuid) ? cuid : QString();
}

} // namespace seneschal::admincli
