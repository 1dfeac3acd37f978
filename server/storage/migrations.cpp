#include "migrations.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace seneschal::storage {

QList<Migration> loadMigrations(const QString &resourceDir, QString *error)
{
    static const QRegularExpression fileName(u"^(\\d+)_[A-Za-z0-9_]+\\.sql$"_s);
    QList<Migration> migrations;
    const QStringList files = QDir(resourceDir).entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QRegularExpressionMatch match = fileName.match(file);
        if (!match.hasMatch()) {
            *error = u"migration file name not NNN_name.sql: "_s + file;
            return {};
        }
        QFile f(resourceDir + u'/' + file);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = u"cannot read migration "_s + file;
            return {};
        }
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = file;
        migration.statements = splitStatements(QString::fromUtf8(f.readAll()));
        migrations.append(std::move(migration));
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (qsizetype i = 1; i < migrations.size(); ++i) {
        if (migrations[i].version == migrations[i - 1].version) {
            *error = u"two migrations with version "_s + QString::number(migrations[i].version);
            return {};
        }
    }
    if (migrations.isEmpty())
        *error = u"no migrations in "_s + resourceDir;
    return migrations;
}

QStringList splitStatements(QStringView text)
{
    QStringList statements;
    QString current;
    for (QStringView line : text.split(u'\n')) {
        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u"--"))
            continue;
        if (!current.isEmpty())
            current += u'\n';
        if (trimmed.endsWith(u';')) {
            current += trimmed.chopped(1);
            statements.append(current.trimmed());
            current.clear();
        } else {
            current += trimmed;
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

} // namespace seneschal::storage
