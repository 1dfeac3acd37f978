#include "pagecollector.h"

#include <QPointer>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;
using protocol::admin::AdminError;
using protocol::admin::Result;

PageCollector::PageCollector(admin::PageRequest request, const Paging &paging, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_paging(paging)
{
    m_page.paged = true;
}

QString PageCollector::afterOf(const QJsonValue &next)
{
    if (next.isDouble())
        return QString::number(next.toInteger());
    return next.toString();
}

void PageCollector::start()
{
    ask(m_paging.after);
}

void PageCollector::ask(const QString &after)
{
    m_asked.insert(after);
    Q_EMIT asking();
    m_request(after, [self = QPointer<PageCollector>(this)](const admin::Reply &reply) {
        if (self)
            self->onReply(reply);
    });
}

void PageCollector::onReply(const admin::Reply &reply)
{
    if (const auto *error = std::get_if<AdminError>(&reply)) {
        Q_EMIT failed(*error);
        return;
    }
    const auto *result = std::get_if<Result>(&reply);
    if (!result) {
        Q_EMIT failed(AdminError{
            {}, protocol::ErrorCode::Invalid, u"the server answered a query with done"_s});
        return;
    }
    for (const QJsonValue &row : result->rows)
        m_page.rows.append(row);
    if (result->total)
        m_page.total = result->total;
    m_page.next = result->next;

    if (!m_paging.all || result->next.isNull()) {
        Q_EMIT finished(m_page);
        return;
    }
    const QString after = afterOf(result->next);
    if (m_asked.contains(after)) {
        Q_EMIT failed(AdminError{
            {},
            protocol::ErrorCode::Invalid,
            u"the server named the page after %1 twice; stopped following it"_s.arg(after)});
        return;
    }
    ask(after);
}

} // namespace seneschal::admincli
