#include "walcheckpointer.h"

#include "storage/storagelog.h"

#include <QAtomicInteger>
#include <QEventLoop>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace seneschal::storage {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<int> serial;
    return u"seneschal-wal-checkpoint-%1"_s.arg(serial.fetchAndAddRelaxed(1));
}

} // namespace

WalCheckpointer::WalCheckpointer(const QString &databasePath, int intervalMs)
{
    const QString connectionName = nextConnectionName();
    QSemaphore opened;
    bool running = false;
    m_thread.reset(QThread::create([databasePath, intervalMs, connectionName, &opened, &running] {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
            db.setDatabaseName(databasePath);
            running = db.open();
            if (!running) {
                qCWarning(lcStorage).noquote()
                    << "sqlite: the checkpoint connection did not open:" << db.lastError().text()
                    << "- the committing connection checkpoints instead";
            }
            opened.release(); // `opened` and `running` are not touched after this
            if (running) {
                QSqlQuery query(db);
                QTimer timer;
                timer.setInterval(intervalMs);
                QObject::connect(&timer, &QTimer::timeout, &timer, [&query] {
                    // A checkpoint that cannot run now (busy) runs at the
                    // next tick.
                    if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                        qCDebug(lcStorage) << "sqlite: checkpoint:" << query.lastError().text();
                    query.finish();
                });
                timer.start();
                QEventLoop loop; // QThread::quit() ends it
                loop.exec();
                query = QSqlQuery();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(connectionName);
    }));
    m_thread->setObjectName(u"wal-checkpoint"_s);
    m_thread->start();
    opened.acquire();
    m_running = running;
}

WalCheckpointer::~WalCheckpointer()
{
    m_thread->quit();
    m_thread->wait();
}

} // namespace seneschal::storage
