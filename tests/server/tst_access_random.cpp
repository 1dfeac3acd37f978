#include <QTest>
class AccessRandomTest : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(AccessRandomTest)
#include "tst_access_random.moc"
