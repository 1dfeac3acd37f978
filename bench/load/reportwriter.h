#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace seneschal::bench {

// Turns the runs of each measurement into medians, and a results document
// (plus, when given, the Socket.IO peer's) into the Markdown summary with the
// aims of issue 6 marked met or not met.
class ReportWriter
{
public:
    // The median of numbers, recursively per member for objects; booleans
    // hold only if they hold in every run.
    static QJsonValue median(const QJsonArray &runs);
    static QString markdown(const QJsonObject &results, const QJsonObject &peer);
    static bool writeFile(const QString &path, const QByteArray &content, QString *error);
};

} // namespace seneschal::bench
