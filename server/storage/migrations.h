#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace seneschal::storage {

// One numbered schema step, read from sql/<backend>/NNN_name.sql (compiled in
// as the Qt resource :/seneschal/sql/<backend>/).
struct Migration
{
    int version = 0;
    QString name; // the file name, for messages
    QStringList statements;
};

// The migrations of `resourceDir` in version order; empty with `*error` set
// when a file is unreadable or misnamed.
QList<Migration> loadMigrations(const QString &resourceDir, QString *error);

// Splits a migration file into statements: a statement ends at a ';' that
// ends a line; lines starting with "--" are comments. Simple on purpose: the
// files are ours, and string literals spanning ";\n" do not occur in DDL.
QStringList splitStatements(QStringView text);

} // namespace seneschal::storage
