#include "fakeclock.h"

#include <QDateTime>
#include <QTimeZone>

namespace seneschal::test {

qint64 FakeClock::utc(int year, int month, int day, int hour, int minute, int second, int ms)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), QTimeZone::utc())
        .toMSecsSinceEpoch();
}

} // namespace seneschal::test
