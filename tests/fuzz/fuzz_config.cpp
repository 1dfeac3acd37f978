// libFuzzer target for the configuration reader (server/app/config): any
// bytes as the INI file must load to a Config and a list of errors without
// crashing; each error names what it concerns; and a file that loads without
// errors gives values inside the documented ranges.
#include "app/config.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using seneschal::app::Config;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &input, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_config: %s\ninput: %s\ndetail: %s\n", what, input.constData(),
                 detail.toUtf8().constData());
    std::abort();
}

// In memory where there is a tmpfs: QSettings takes a lock file beside the
// file it reads, which costs far more than the parsing on a busy disk.
QTemporaryDir &workDir()
{
    static QTemporaryDir *dir = QDir(u"/dev/shm"_s).exists()
                                    ? new QTemporaryDir(u"/dev/shm/fuzz_config-XXXXXX"_s)
                                    : new QTemporaryDir;
    return *dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // A new name each run: QSettings caches files by name and modification
    // time, which two runs in the same millisecond would share.
    static quint64 counter = 0;
    const QString path = workDir().filePath(u"seneschal-%1.conf"_s.arg(++counter));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(input) != input.size())
            std::abort();
    }
    QStringList errors;
    const Config config = Config::load(path, false, &errors);
    QFile::remove(path);

    for (const QString &error : std::as_const(errors)) {
        if (error.trimmed().isEmpty())
            fail("an empty error", input);
    }
    if (!errors.isEmpty())
        return 0;
    // Accepted: what the rest of the server relies on holds.
    if (!QDir::isAbsolutePath(config.dataDir))
        fail("dataDir is not absolute", input, config.dataDir);
    if (config.database.backend != u"sqlite" && config.database.backend != u"mysql")
        fail("an unknown backend was accepted", input, config.database.backend);
    if (config.database.port < 1 || config.database.port > 65535)
        fail("database/port out of range", input);
    const auto &limits = config.session.limits;
    if (limits.maxMessageBytes < 1024 || limits.maxProps < 1 || limits.maxDepth < 2 ||
        limits.maxValueBytes < 1)
        fail("a limit out of range", input);
    if (config.listener.tls &&
        (config.listener.certificateFile.isEmpty() || config.listener.keyFile.isEmpty()))
        fail("TLS without certificate or key file", input);
    if (!config.listener.tls && !config.listener.address.isLoopback() &&
        !config.listener.allowPlaintext)
        fail("plaintext on a public address was accepted", input);
    if (config.sync.spoolPageSize < 10 || config.sync.uploadMergeWindow < 1 ||
        config.sync.uploadStageObjects < 1 || config.sync.expireDays < 1)
        fail("a sync setting out of range", input);
    if (config.auth.tokenLifetimeSeconds <= 0)
        fail("a token lifetime that is not positive", input);
    return 0;
}
