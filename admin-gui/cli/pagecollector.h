#pragma once

#include "admin/adminclient.h"
#include "invocation.h"
#include "outputformatter.h"

#include <QObject>
#include <QSet>

namespace seneschal::admincli {

// Runs a paged query: one page, or with --all every page, following `next`
// until the server says null. The rows of all pages come out as one result.
class PageCollector : public QObject
{
    Q_OBJECT

public:
    PageCollector(admin::PageRequest request, const Paging &paging, QObject *parent = nullptr);

    void start();

    // The `after` that asks for the page a result's `next` names.
    static QString afterOf(const QJsonValue &next);

Q_SIGNALS:
    // Before each request, so that a caller can time the answer.
    void asking();
    void finished(const seneschal::admincli::ResultPage &page);
    void failed(const seneschal::protocol::admin::AdminError &error);

private:
    void ask(const QString &after);
    void onReply(const admin::Reply &reply);

    admin::PageRequest m_request;
    Paging m_paging;
    ResultPage m_page;
    QSet<QString> m_asked; // a server that names a page twice would loop forever
};

} // namespace seneschal::admincli
