#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QStringView>

namespace seneschal::protocol {

// Appends compact JSON (UTF-8) to one growing buffer. Encoding sits on the
// broadcast hot path, so it writes bytes directly instead of building
// QJsonObjects, and its string escaper turns lone UTF-16 surrogates into
// \uXXXX escapes so that every QString survives a round trip unchanged.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 256);

    // Bytes copied as they are: the caller provides valid JSON syntax.
    void raw(const char *data, qsizetype size);
    template<qsizetype N> void raw(const char (&literal)[N]) { raw(literal, N - 1); }

    void string(QStringView text);
    void integer(qint64 number);
    void boolean(bool flag);
    void null();
    void value(const QJsonValue &json);
    void array(const QJsonArray &json);
    void object(const QJsonObject &json);
    void stringArray(const QStringList &strings);

    // The JSON written so far; the writer is empty afterwards.
    QByteArray take();

    // The size value() writes for `json`, computed without writing it, so
    // limits on serialized sizes cost no allocation.
    static qsizetype encodedSize(const QJsonValue &json);
    static qsizetype encodedStringSize(QStringView text);

private:
    // Makes room for `extra` bytes after the written ones; returns where the
    // next byte goes.
    char *room(qsizetype extra);
    void number(double number);

    QByteArray m_buffer;
    qsizetype m_size = 0;
};

} // namespace seneschal::protocol
