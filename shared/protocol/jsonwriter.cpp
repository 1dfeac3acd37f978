#include "jsonwriter.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <utility>

namespace seneschal::protocol {

namespace {

// A string is escaped in slices so that reserving the worst case (6 bytes per
// UTF-16 unit) never multiplies the memory of a large value.
constexpr qsizetype kSliceUnits = 4096;
constexpr qsizetype kMaxBytesPerUnit = 6;

constexpr char kHex[] = "0123456789abcdef";

// What the escaper writes for one ASCII unit: 0 = the byte itself, 'u' = a
// \u00XX escape, anything else = a two-byte escape with that letter.
constexpr auto kAsciiEscapes = [] {
    std::array<char, 128> table{};
    for (int c = 0; c < 0x20; ++c)
        table[static_cast<std::size_t>(c)] = 'u';
    table['\b'] = 'b';
    table['\f'] = 'f';
    table['\n'] = 'n';
    table['\r'] = 'r';
    table['\t'] = 't';
    table['"'] = '"';
    table['\\'] = '\\';
    return table;
}();

char *writeUnicodeEscape(char *out, char16_t unit)
{
    *out++ = '\\';
    *out++ = 'u';
    *out++ = kHex[(unit >> 12) & 0xf];
    *out++ = kHex[(unit >> 8) & 0xf];
    *out++ = kHex[(unit >> 4) & 0xf];
    *out++ = kHex[unit & 0xf];
    return out;
}

// A double that is a whole number within qint64 is written as an integer
// (exactly, no ".0", no exponent); QJsonValue keeps parsed integers as qint64,
// so toInteger() is exact even beyond 2^53.
bool asInteger(const QJsonValue &json, qint64 &integer)
{
    const double number = json.toDouble();
    if (!std::isfinite(number))
        return false; // QJsonValue::toInteger() turns NaN into a number
    integer = json.toInteger(0);
    return integer != 0 || number == 0.0;
}

} // namespace

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_buffer.resize(reserve);
}

char *JsonWriter::room(qsizetype extra)
{
    const qsizetype needed = m_size + extra;
    if (needed > m_buffer.size())
        m_buffer.resize(qMax(needed, 2 * m_buffer.size()));
    return m_buffer.data() + m_size;
}

void JsonWriter::raw(const char *data, qsizetype size)
{
    char *out = room(size);
    std::memcpy(out, data, static_cast<std::size_t>(size));
    m_size += size;
}

void JsonWriter::string(QStringView text)
{
    const char16_t *units = text.utf16();
    const qsizetype count = text.size();
    char *out = room(2 + qMin(count, kSliceUnits) * kMaxBytesPerUnit + kMaxBytesPerUnit);
    *out++ = '"';
    qsizetype i = 0;
    while (i < count) {
        const qsizetype sliceEnd = qMin(count, i + kSliceUnits);
        // +1 unit of margin: a surrogate pair may straddle the slice end.
        m_size = out - m_buffer.data();
        out = room((sliceEnd - i + 1) * kMaxBytesPerUnit + 1);
        for (; i < sliceEnd; ++i) {
            const char16_t unit = units[i];
            if (unit < 0x80) {
                const char escape = kAsciiEscapes[unit];
                if (escape == 0) {
                    *out++ = static_cast<char>(unit);
                } else if (escape == 'u') {
                    out = writeUnicodeEscape(out, unit);
                } else {
                    *out++ = '\\';
                    *out++ = escape;
                }
            } else if (unit < 0x800) {
                *out++ = static_cast<char>(0xc0 | (unit >> 6));
                *out++ = static_cast<char>(0x80 | (unit & 0x3f));
            } else if (QChar::isSurrogate(unit)) {
                if (QChar::isHighSurrogate(unit) && i + 1 < count &&
                    QChar::isLowSurrogate(units[i + 1])) {
                    const char32_t point = QChar::surrogateToUcs4(unit, units[i + 1]);
                    *out++ = static_cast<char>(0xf0 | (point >> 18));
                    *out++ = static_cast<char>(0x80 | ((point >> 12) & 0x3f));
                    *out++ = static_cast<char>(0x80 | ((point >> 6) & 0x3f));
                    *out++ = static_cast<char>(0x80 | (point & 0x3f));
                    ++i;
                } else {
                    // Not representable in UTF-8; the escape keeps it intact.
                    out = writeUnicodeEscape(out, unit);
                }
            } else {
                *out++ = static_cast<char>(0xe0 | (unit >> 12));
                *out++ = static_cast<char>(0x80 | ((unit >> 6) & 0x3f));
                *out++ = static_cast<char>(0x80 | (unit & 0x3f));
            }
        }
    }
    *out++ = '"';
    m_size = out - m_buffer.data();
}

qsizetype JsonWriter::encodedStringSize(QStringView text)
{
    const char16_t *units = text.utf16();
    const qsizetype count = text.size();
    qsizetype size = 2;
    for (qsizetype i = 0; i < count; ++i) {
        const char16_t unit = units[i];
        if (unit < 0x80) {
            const char escape = kAsciiEscapes[unit];
            size += escape == 0 ? 1 : escape == 'u' ? 6 : 2;
        } else if (unit < 0x800) {
            size += 2;
        } else if (QChar::isSurrogate(unit)) {
            if (QChar::isHighSurrogate(unit) && i + 1 < count &&
                QChar::isLowSurrogate(units[i + 1])) {
                size += 4;
                ++i;
            } else {
                size += 6;
            }
        } else {
            size += 3;
        }
    }
    return size;
}

void JsonWriter::integer(qint64 number)
{
    char *out = room(24);
    const auto result = std::to_chars(out, out + 24, number);
    m_size += result.ptr - out;
}

void JsonWriter::number(double number)
{
    if (!std::isfinite(number)) {
        null(); // JSON has no NaN or infinity
        return;
    }
    char *out = room(32);
    // Shortest representation that reads back as the same double.
    const auto result = std::to_chars(out, out + 32, number);
    m_size += result.ptr - out;
}

void JsonWriter::boolean(bool flag)
{
    if (flag)
        raw("true");
    else
        raw("false");
}

void JsonWriter::null()
{
    raw("null");
}

void JsonWriter::value(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        return;
    case QJsonValue::Bool:
        boolean(json.toBool());
        return;
    case QJsonValue::Double: {
        qint64 whole = 0;
        if (asInteger(json, whole))
            integer(whole);
        else
            number(json.toDouble());
        return;
    }
    case QJsonValue::String:
        string(json.toString());
        return;
    case QJsonValue::Array:
        array(json.toArray());
        return;
    case QJsonValue::Object:
        object(json.toObject());
        return;
    }
}

void JsonWriter::array(const QJsonArray &json)
{
    raw("[");
    bool first = true;
    for (const QJsonValue &element : json) {
        if (!first)
            raw(",");
        first = false;
        value(element);
    }
    raw("]");
}

void JsonWriter::object(const QJsonObject &json)
{
    raw("{");
    bool first = true;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        if (!first)
            raw(",");
        first = false;
        string(it.key());
        raw(":");
        value(it.value());
    }
    raw("}");
}

void JsonWriter::stringArray(const QStringList &strings)
{
    raw("[");
    bool first = true;
    for (const QString &text : strings) {
        if (!first)
            raw(",");
        first = false;
        string(text);
    }
    raw("]");
}

QByteArray JsonWriter::take()
{
    m_buffer.truncate(m_size);
    m_size = 0;
    return std::exchange(m_buffer, QByteArray());
}

qsizetype JsonWriter::encodedSize(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return 4;
    case QJsonValue::Bool:
        return json.toBool() ? 4 : 5;
    case QJsonValue::Double: {
        char digits[32];
        qint64 whole = 0;
        if (asInteger(json, whole))
            return std::to_chars(digits, digits + sizeof digits, whole).ptr - digits;
        const double number = json.toDouble();
        if (!std::isfinite(number))
            return 4;
        return std::to_chars(digits, digits + sizeof digits, number).ptr - digits;
    }
    case QJsonValue::String:
        return encodedStringSize(json.toString());
    case QJsonValue::Array: {
        const QJsonArray elements = json.toArray();
        qsizetype size = 2 + qMax<qsizetype>(0, elements.size() - 1); // brackets, commas
        for (const QJsonValue &element : elements)
            size += encodedSize(element);
        return size;
    }
    case QJsonValue::Object: {
        const QJsonObject members = json.toObject();
        qsizetype size = 2 + qMax<qsizetype>(0, members.size() - 1); // braces, commas
        for (auto it = members.constBegin(); it != members.constEnd(); ++it)
            size += encodedStringSize(it.key()) + 1 + encodedSize(it.value());
        return size;
    }
    }
    return 0;
}

} // namespace seneschal::protocol
