#include "serveraddress.h"

#include <QCoreApplication>
#include <QSysInfo>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kMaxCuidLength = 64; // PROTOCOL.md section 2

} // namespace

QString ServerAddress::defaultUrl()
{
    return u"wss://localhost:%1"_s.arg(kDefaultPort);
}

std::variant<QUrl, QString> ServerAddress::resolve(const QString &option,
                                                   const QString &environment)
{
    const QString text = !option.isEmpty()        ? option
                         : !environment.isEmpty() ? environment
                                                  : defaultUrl();
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return u"%1 is not a server URL (wss://host:port)"_s.arg(text);
    if (url.scheme() != u"wss" && url.scheme() != u"ws")
        return u"%1: the scheme is wss:// (ws:// for a plaintext server on loopback)"_s.arg(text);
    if (url.port() < 0)
        url.setPort(kDefaultPort);
    const QString path = url.path();
    if (path.isEmpty() || path == u"/" || path == u"/v1" || path == u"/v1/")
        url.setPath(u"/v1/admin"_s);
    return url;
}

QString ServerAddress::consoleCuid()
{
    QString host;
    for (const QChar c : QSysInfo::machineHostName()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            host.append(c);
        else if (c == u'.' || c == u'-' || c == u'_')
            host.append(c);
    }
    const QString pid = QString::number(QCoreApplication::applicationPid());
    const QString prefix = u"cli:"_s;
    host.truncate(kMaxCuidLength - prefix.size() - pid.size() - 1);
    return prefix + (host.isEmpty() ? u"host"_s : host) + u':' + pid;
}

} // namespace seneschal::admincli
