#include "framescan.h"

namespace seneschal::bench::framescan {

QByteArrayView type(QByteArrayView frame)
{
    return string(frame, "\"type\":\"");
}

qint64 integer(QByteArrayView frame, QByteArrayView quotedNameColon, qint64 fallback)
{
    const qsizetype at = frame.indexOf(quotedNameColon);
    if (at < 0)
        return fallback;
    qsizetype i = at + quotedNameColon.size();
    bool negative = false;
    if (i < frame.size() && frame[i] == '-') {
        negative = true;
        ++i;
    }
    qint64 value = 0;
    bool any = false;
    for (; i < frame.size() && frame[i] >= '0' && frame[i] <= '9'; ++i) {
        value = value * 10 + (frame[i] - '0');
        any = true;
    }
    if (!any)
        return fallback;
    return negative ? -value : value;
}

QByteArrayView string(QByteArrayView frame, QByteArrayView quotedNameColonQuote)
{
    const qsizetype at = frame.indexOf(quotedNameColonQuote);
    if (at < 0)
        return {};
    const qsizetype begin = at + quotedNameColonQuote.size();
    const qsizetype end = frame.indexOf('"', begin);
    if (end < 0)
        return {};
    return frame.sliced(begin, end - begin);
}

int ackedCount(QByteArrayView frame)
{
    const qsizetype at = frame.indexOf("\"ids\":[");
    if (at < 0)
        return 0;
    const qsizetype begin = at + 7;
    if (begin < frame.size() && frame[begin] == ']')
        return 0;
    int count = 1;
    for (qsizetype i = begin; i < frame.size() && frame[i] != ']'; ++i) {
        if (frame[i] == ',')
            ++count;
    }
    return count;
}

} // namespace seneschal::bench::framescan
