#include "walcheckpointer.h"

#include "storage/storagelog.h"

#include <QAtomicInteger>
#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

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
    m_thread.reset(
        QThread::create([this, databasePath, intervalMs] { run(databasePath, intervalMs); }));
    m_thread->setObjectName(u"wal-checkpoint"_s);
    m_thread->start();
    QMutexLocker lock(&m_mutex);
    while (!m_opened)
        m_changed.wait(&m_mutex);
}

WalCheckpointer::~WalCheckpointer()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_changed.wakeAll();
    }
    m_thread->wait();
}

void WalCheckpointer::run(const QString &databasePath, int intervalMs)
{
    const QString connectionName = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(databasePath);
        const bool open = db.open();
        if (!open) {
            qCWarning(lcStorage).noquote()
                << "sqlite: the checkpoint connection did not open:" << db.lastError().text()
                << "- the committing connection checkpoints instead";
        }
        {
            QMutexLocker lock(&m_mutex);
            m_running = open;
            m_opened = true;
            m_changed.wakeAll();
        }
        if (open) {
            QSqlQuery query(db);
            QMutexLocker lock(&m_mutex);
            while (!m_stop) {
                m_changed.wait(&m_mutex, QDeadlineTimer(intervalMs));
                if (m_stop)
                    break;
                lock.unlock();
                // A checkpoint that cannot run now (busy) runs next time.
                if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                    qCDebug(lcStorage) << "sqlite: checkpoint:" << query.lastError().text();
                query.finish();
                lock.relock();
            }
            lock.unlock();
            query = QSqlQuery();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace seneschal::storage
