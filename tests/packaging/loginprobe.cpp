// A device's login over wss:// for the package test: connects with the
// client library, logs in with a password read from stdin, waits for
// `welcome` and the end of the catch-up (`synced`), and says what it got.
//   seneschal_login_probe URL CA_FILE USER    (exit 0: logged in and synced)
//   seneschal_login_probe --free-port         (prints a free TCP port)

#include "client/syncclient.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;
using seneschal::client::ClientAuth;
using seneschal::client::SyncClient;
using seneschal::client::SyncClientOptions;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args == QStringList{u"--free-port"_s}) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 1;
        out << probe.serverPort() << Qt::endl;
        return 0;
    }
    if (args.size() != 3) {
        err << "usage: seneschal_login_probe URL CA_FILE USER (password on stdin)\n"
               "       seneschal_login_probe --free-port"
            << Qt::endl;
        return 2;
    }
    const QString password = QTextStream(stdin).readLine();

    SyncClientOptions options;
    options.url = QUrl(args[0]);
    options.caFile = args[1];
    options.cuid = u"package-test-device"_s;
    options.auth = ClientAuth::withPassword(args[2], password);
    SyncClient client(options);

    int result = 3; // timed out
    auto finish = [&result](int code) {
        result = code;
        QCoreApplication::quit();
    };
    QObject::connect(&client, &SyncClient::welcomed, &app, [&out](const QJsonObject &welcome) {
        out << "welcome "
            << QString::fromUtf8(QJsonDocument(welcome).toJson(QJsonDocument::Compact)).left(200)
            << Qt::endl;
    });
    QObject::connect(&client, &SyncClient::synced, &app, [&out, &finish](qint64 seq) {
        out << "synced at seq " << seq << Qt::endl;
        finish(0);
    });
    QObject::connect(&client, &SyncClient::errorReceived, &app,
                     [&err, &finish](const QString &code, const QString &message) {
                         err << "error " << code << ": " << message << Qt::endl;
                         finish(1);
                     });
    QObject::connect(&client, &SyncClient::sslErrors, &app,
                     [&err, &finish](const QList<QSslError> &errors) {
                         for (const QSslError &e : errors)
                             err << "TLS: " << e.errorString() << Qt::endl;
                         finish(1);
                     });
    QObject::connect(&client, &SyncClient::disconnected, &app,
                     [&err, &finish](int code, const QString &reason) {
                         err << "closed " << code << ' ' << reason << Qt::endl;
                         finish(1);
                     });
    QTimer::singleShot(20000, &app, [&err, &finish] {
        err << "no welcome within 20 s" << Qt::endl;
        finish(3);
    });
    client.connectToServer();
    QCoreApplication::exec();
    return result;
}
