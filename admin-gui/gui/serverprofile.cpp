#include "serverprofile.h"

#include <QCoreApplication>
#include <QSettings>
#include <memory>

namespace seneschal::admingui {

using namespace Qt::StringLiterals;

namespace {

QString trustName(TrustMode mode)
{
    switch (mode) {
    case TrustMode::CaFile:
        return u"caFile"_s;
    case TrustMode::Pinned:
        return u"pinned"_s;
    case TrustMode::SystemCas:
        break;
    }
    return u"system"_s;
}

TrustMode trustFromName(const QString &name)
{
    if (name == u"caFile")
        return TrustMode::CaFile;
    if (name == u"pinned")
        return TrustMode::Pinned;
    return TrustMode::SystemCas;
}

// A QSettings of the application's own when none was given.
template<typename F> auto withSettings(QSettings *given, F use)
{
    if (given)
        return use(*given);
    QSettings settings;
    return use(settings);
}

} // namespace

QString ServerProfile::hostPort() const
{
    return u"%1:%2"_s.arg(url.host()).arg(url.port(kDefaultPort));
}

QString ServerProfile::key() const
{
    return user + u'@' + hostPort();
}

QUrl ServerProfile::adminUrl(const QString &text, QString *error)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("seneschal::admingui::ServerProfile",
                                                 "Enter the server's address.");
        return {};
    }
    if (!trimmed.contains(u"://"))
        trimmed = u"wss://"_s + trimmed;
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != u"wss" && url.scheme() != u"ws")) {
        if (error)
            *error = QCoreApplication::translate("seneschal::admingui::ServerProfile",
                                                 "\"%1\" is not a server address (like "
                                                 "wss://host:7443).")
                         .arg(text);
        return {};
    }
    if (url.port() < 0)
        url.setPort(kDefaultPort);
    if (url.path().isEmpty() || url.path() == u"/")
        url.setPath(u"/v1/admin"_s);
    return url;
}

RecentServers::RecentServers(QSettings *settings)
    : m_settings(settings)
{}

QList<ServerProfile> RecentServers::load() const
{
    return withSettings(m_settings, [](QSettings &settings) {
        QList<ServerProfile> profiles;
        const int count = settings.beginReadArray(u"recentServers"_s);
        for (int i = 0; i < count; ++i) {
            settings.setArrayIndex(i);
            ServerProfile profile;
            profile.url = QUrl(settings.value(u"url"_s).toString());
            profile.user = settings.value(u"user"_s).toString();
            profile.trust = trustFromName(settings.value(u"trust"_s).toString());
            profile.caFile = settings.value(u"caFile"_s).toString();
            profile.rememberToken = settings.value(u"rememberToken"_s).toBool();
            profile.rememberPassword = settings.value(u"rememberPassword"_s).toBool();
            if (profile.url.isValid())
                profiles.append(profile);
        }
        settings.endArray();
        return profiles;
    });
}

void RecentServers::remember(const ServerProfile &profile)
{
    QList<ServerProfile> profiles = load();
    profiles.removeIf([&](const ServerProfile &p) { return p.key() == profile.key(); });
    profiles.prepend(profile);
    save(profiles.mid(0, kMaximum));
}

void RecentServers::forget(const QString &key)
{
    QList<ServerProfile> profiles = load();
    profiles.removeIf([&](const ServerProfile &p) { return p.key() == key; });
    save(profiles);
}

void RecentServers::save(const QList<ServerProfile> &profiles)
{
    withSettings(m_settings, [&profiles](QSettings &settings) {
        settings.remove(u"recentServers"_s);
        settings.beginWriteArray(u"recentServers"_s, int(profiles.size()));
        for (int i = 0; i < profiles.size(); ++i) {
            settings.setArrayIndex(i);
            const ServerProfile &profile = profiles[i];
            settings.setValue(u"url"_s, profile.url.toString());
            settings.setValue(u"user"_s, profile.user);
            settings.setValue(u"trust"_s, trustName(profile.trust));
            settings.setValue(u"caFile"_s, profile.caFile);
            settings.setValue(u"rememberToken"_s, profile.rememberToken);
            settings.setValue(u"rememberPassword"_s, profile.rememberPassword);
        }
        settings.endArray();
        return 0;
    });
}

} // namespace seneschal::admingui
