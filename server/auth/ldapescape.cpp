#include "ldapescape.h"

#include <QByteArray>

namespace seneschal::auth {

namespace {

void appendHex(QByteArray &out, unsigned char c)
{
    static const char digits[] = "0123456789abcdef";
    out += '\\';
    out += digits[c >> 4];
    out += digits[c & 0x0f];
}

} // namespace

QString LdapEscape::dnValue(const QString &value)
{
    const QByteArray in = value.toUtf8();
    QByteArray out;
    out.reserve(in.size() * 3);
    for (qsizetype i = 0; i < in.size(); ++i) {
        const auto c = static_cast<unsigned char>(in[i]);
        const bool first = i == 0;
        const bool last = i == in.size() - 1;
        if (c == 0 || c < 0x20 || c == 0x7f) {
            appendHex(out, c);
        } else if (c == '"' || c == '+' || c == ',' || c == ';' || c == '<' || c == '>' ||
                   c == '\\' || c == '=' || (first && (c == ' ' || c == '#')) ||
                   (last && c == ' ')) {
            out += '\\';
            out += char(c);
        } else {
            out += char(c); // UTF-8 multibyte sequences pass unchanged, as RFC 4514 allows
        }
    }
    return QString::fromUtf8(out);
}

QString LdapEscape::filterValue(const QString &value)
{
    const QByteArray in = value.toUtf8();
    QByteArray out;
    out.reserve(in.size() * 3);
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '*' || c == '(' || c == ')' || c == '\\' || c == 0 || c < 0x20 || c == 0x7f)
            appendHex(out, c);
        else
            out += ch;
    }
    return QString::fromUtf8(out);
}

QString LdapEscape::substitute(const QString &pattern, const QHash<QChar, QString> &values)
{
    QString out;
    out.reserve(pattern.size() + 64);
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c != u'%' || i + 1 == pattern.size()) {
            out += c;
            continue;
        }
        const QChar key = pattern[i + 1];
        if (key == u'%') {
            out += u'%';
            ++i;
        } else if (const auto it = values.constFind(key); it != values.cend()) {
            out += *it;
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace seneschal::auth
