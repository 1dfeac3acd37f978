// The text frames the hub writes straight to a connection's socket must be
// read by a real WebSocket client exactly as QWebSocket's own frames, at each
// length encoding of RFC 6455 (7-bit, 16-bit, 64-bit), in order with frames
// QWebSocket writes on the same connection.

#include "transport/textframe.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;
using seneschal::transport::encodeTextFrame;

class TextFrameTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void header_uses_the_shortest_length_encoding_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("empty") << 0 << QByteArray::fromHex("8100");
        QTest::newRow("125") << 125 << QByteArray::fromHex("817d");
        QTest::newRow("126") << 126 << QByteArray::fromHex("817e007e");
        QTest::newRow("65535") << 65535 << QByteArray::fromHex("817effff");
        QTest::newRow("65536") << 65536 << QByteArray::fromHex("817f0000000000010000");
    }
    void header_uses_the_shortest_length_encoding()
    {
        QFETCH(int, length);
        QFETCH(QByteArray, header);
        const QByteArray payload(length, 'x');
        const QByteArray frame = encodeTextFrame(payload);
        QCOMPARE(frame.left(header.size()).toHex(), header.toHex());
        QCOMPARE(frame.size(), header.size() + length);
        QCOMPARE(frame.mid(header.size()), payload);
    }

    void a_websocket_client_reads_them_in_order_with_qwebsocket_frames()
    {
        QTcpServer tcp;
        QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
        QWebSocketServer upgrader(u"test"_s, QWebSocketServer::NonSecureMode);
        QTcpSocket *wire = nullptr;
        connect(&tcp, &QTcpServer::newConnection, this, [&] {
            wire = tcp.nextPendingConnection();
            upgrader.handleConnection(wire);
        });
        QWebSocket client;
        QStringList received;
        connect(&client, &QWebSocket::textMessageReceived, this,
                [&](const QString &text) { received.append(text); });
        client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(tcp.serverPort())));
        QVERIFY(QTest::qWaitFor([&] { return upgrader.hasPendingConnections(); }, 5000));
        std::unique_ptr<QWebSocket> server(upgrader.nextPendingConnection());
        QVERIFY(wire);

        const QStringList sent{u"{\"type\":\"ack\"}"_s, u"\u00e9\U0001F6D2 "_s.repeated(40),
                               QString(70000, u'a'), u"by QWebSocket"_s, QString()};
        wire->write(encodeTextFrame(sent[0].toUtf8()));
        wire->write(encodeTextFrame(sent[1].toUtf8()));
        wire->write(encodeTextFrame(sent[2].toUtf8()));
        server->sendTextMessage(sent[3]);
        wire->write(encodeTextFrame(sent[4].toUtf8()));
        QVERIFY(QTest::qWaitFor([&] { return received.size() == sent.size(); }, 5000));
        QCOMPARE(received, sent);
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TextFrameTest)
#include "tst_textframe.moc"
