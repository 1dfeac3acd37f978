#include "argumentparser.h"

#include "protocol/codec.h"

#include <QDateTime>
#include <QHash>
#include <QMultiHash>
#include <QSet>

namespace seneschal::admincli {

using namespace Qt::StringLiterals;
using protocol::admin::GroupOp;
using protocol::admin::Topic;
using protocol::admin::UserOp;

namespace {

// Every option, whether it takes a value, and whether it may be repeated.
struct OptionSpec
{
    bool takesValue = false;
    bool repeatable = false;
};

const QHash<QString, OptionSpec> &knownOptions()
{
    static const QHash<QString, OptionSpec> options{
        // global
        {u"server"_s, {true, false}},
        {u"user"_s, {true, false}},
        {u"ca-file"_s, {true, false}},
        {u"timeout"_s, {true, false}},
        {u"json"_s, {false, false}},
        {u"help"_s, {false, false}},
        // commands
        {u"online"_s, {false, false}},
        {u"behind"_s, {false, false}},
        {u"limit"_s, {true, false}},
        {u"after"_s, {true, false}},
        {u"all"_s, {false, false}},
        {u"oid"_s, {true, false}},
        {u"cuid"_s, {true, false}},
        {u"from"_s, {true, false}},
        {u"to"_s, {true, false}},
        {u"owner"_s, {true, false}},
        {u"kind"_s, {true, false}},
        {u"prefix"_s, {true, false}},
        {u"grant"_s, {true, true}},
        {u"revoke"_s, {true, true}},
        {u"access"_s, {true, false}},
        {u"no-password"_s, {false, false}},
        {u"count"_s, {true, false}},
        {u"snapshots"_s, {false, false}},
    };
    return options;
}

const QSet<QString> &globalOptions()
{
    static const QSet<QString> options{u"server"_s,  u"user"_s, u"ca-file"_s,
                                       u"timeout"_s, u"json"_s, u"help"_s};
    return options;
}

struct CommandSpec
{
    Command command;
    QSet<QString> options; // beyond the global ones
};

const QHash<QString, CommandSpec> &knownCommands()
{
    const QSet<QString> paging{u"limit"_s, u"after"_s, u"all"_s};
    static const QHash<QString, CommandSpec> commands{
        {u"devices"_s, {Command::Devices, {u"online"_s, u"behind"_s}}},
        {u"queue"_s, {Command::Queue, paging}},
        {u"history"_s,
         {Command::History, paging + QSet<QString>{u"oid"_s, u"cuid"_s, u"from"_s, u"to"_s}}},
        {u"object"_s, {Command::Object, {}}},
        {u"objects"_s,
         {Command::Objects, paging + QSet<QString>{u"owner"_s, u"kind"_s, u"prefix"_s}}},
        {u"users"_s, {Command::Users, {}}},
        {u"groups"_s, {Command::Groups, {}}},
        {u"disconnect"_s, {Command::Disconnect, {}}},
        {u"expire"_s, {Command::Expire, {}}},
        {u"share"_s, {Command::Share, {u"grant"_s, u"revoke"_s, u"access"_s}}},
        {u"user"_s, {Command::User, {u"no-password"_s}}},
        {u"group"_s, {Command::Group, {}}},
        {u"watch"_s, {Command::Watch, {u"count"_s, u"snapshots"_s}}},
    };
    return commands;
}

// The command line split into options (by name, in order) and operands.
struct Scanned
{
    QMultiHash<QString, QString> options;
    QStringList optionOrder; // names as they came, for the messages
    QStringList operands;
};

// Throws nothing: a problem is the returned message.
std::optional<QString> scan(const QStringList &arguments, Scanned &out)
{
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (optionsEnded || !argument.startsWith(u'-') || argument == u"-") {
            out.operands.append(argument);
            continue;
        }
        if (argument == u"--") {
            optionsEnded = true;
            continue;
        }
        if (argument == u"-h") {
            out.options.insert(u"help"_s, {});
            out.optionOrder.append(u"help"_s);
            continue;
        }
        if (!argument.startsWith(u"--"))
            return u"unknown option %1"_s.arg(argument);
        QString name = argument.mid(2);
        std::optional<QString> value;
        if (const qsizetype equals = name.indexOf(u'='); equals >= 0) {
            value = name.mid(equals + 1);
            name.truncate(equals);
        }
        const auto spec = knownOptions().constFind(name);
        if (spec == knownOptions().cend())
            return u"unknown option --%1"_s.arg(name);
        if (spec->takesValue && !value) {
            if (i + 1 >= arguments.size())
                return u"--%1 needs a value"_s.arg(name);
            value = arguments[++i];
        } else if (!spec->takesValue && value) {
            return u"--%1 takes no value"_s.arg(name);
        }
        if (!spec->repeatable && out.options.contains(name))
            return u"--%1 given twice"_s.arg(name);
        out.options.insert(name, value.value_or(QString()));
        out.optionOrder.append(name);
    }
    return std::nullopt;
}

std::optional<int> positiveInteger(const QString &text)
{
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < 1)
        return std::nullopt;
    return number;
}

// Builds the Invocation from the scanned arguments of one command.
class Reader
{
public:
    Reader(const Scanned &scanned, Invocation &invocation)
        : m_scanned(scanned)
        , m_invocation(invocation)
    {}

    std::optional<QString> read(Command command, const QStringList &operands);

private:
    QString value(const QString &name) const { return m_scanned.options.value(name); }
    bool has(const QString &name) const { return m_scanned.options.contains(name); }

    std::optional<QString> readGlobal();
    std::optional<QString> readPaging();
    std::optional<QString> expectOperands(const QStringList &operands, qsizetype count,
                                          const QString &what) const;
    std::optional<QString> readCuid(const QString &text, QString &cuid) const;
    std::optional<QString> readOid(const QString &text, QString &oid) const;
    std::optional<QString> readUser(const QStringList &operands);
    std::optional<QString> readGroup(const QStringList &operands);
    std::optional<QString> readShare(const QStringList &operands);
    std::optional<QString> readHistory();
    std::optional<QString> readWatch(const QStringList &operands);

    const Scanned &m_scanned;
    Invocation &m_invocation;
};

std::optional<QString> Reader::readGlobal()
{
    GlobalOptions &global = m_invocation.global;
    global.server = value(u"server"_s);
    global.user = value(u"user"_s);
    global.caFile = value(u"ca-file"_s);
    global.json = has(u"json"_s);
    if (has(u"user"_s) && global.user.isEmpty())
        return u"--user needs a name"_s;
    if (has(u"timeout"_s)) {
        const auto seconds = positiveInteger(value(u"timeout"_s));
        if (!seconds)
            return u"--timeout needs a number of seconds above 0"_s;
        global.timeoutSeconds = *seconds;
    }
    return std::nullopt;
}

std::optional<QString> Reader::readPaging()
{
    Paging &paging = m_invocation.paging;
    if (has(u"limit"_s)) {
        const auto limit = positiveInteger(value(u"limit"_s));
        if (!limit)
            return u"--limit needs a number above 0"_s;
        paging.limit = *limit;
    }
    paging.after = value(u"after"_s);
    paging.all = has(u"all"_s);
    return std::nullopt;
}

std::optional<QString> Reader::expectOperands(const QStringList &operands, qsizetype count,
                                              const QString &what) const
{
    if (operands.size() < count)
        return u"missing %1"_s.arg(what);
    if (operands.size() > count)
        return u"unexpected argument %1"_s.arg(operands[count]);
    return std::nullopt;
}

std::optional<QString> Reader::readCuid(const QString &text, QString &cuid) const
{
    if (!protocol::isValidCuid(text))
        return u"%1 is not a cuid (1-64 characters of A-Z a-z 0-9 . _ : -)"_s.arg(text);
    cuid = text;
    return std::nullopt;
}

std::optional<QString> Reader::readOid(const QString &text, QString &oid) const
{
    if (!protocol::isValidOid(text))
        return u"%1 is not an oid (1-128 characters of A-Z a-z 0-9 . _ : -)"_s.arg(text);
    oid = text;
    return std::nullopt;
}

std::optional<QString> Reader::readUser(const QStringList &operands)
{
    static const QHash<QString, UserOp> ops{{u"add"_s, UserOp::Add},
                                            {u"passwd"_s, UserOp::Passwd},
                                            {u"disable"_s, UserOp::Disable},
                                            {u"enable"_s, UserOp::Enable}};
    if (operands.isEmpty())
        return u"user needs add, passwd, disable or enable"_s;
    const auto op = ops.constFind(operands.first());
    if (op == ops.cend())
        return u"user %1: unknown; use add, passwd, disable or enable"_s.arg(operands.first());
    if (auto problem = expectOperands(operands, 2, u"the user's name"_s))
        return problem;
    m_invocation.user.op = *op;
    m_invocation.user.name = operands[1];
    m_invocation.noPassword = has(u"no-password"_s);
    if (m_invocation.noPassword && *op != UserOp::Add)
        return u"--no-password goes with user add only"_s;
    return std::nullopt;
}

std::optional<QString> Reader::readGroup(const QStringList &operands)
{
    static const QHash<QString, GroupOp> ops{{u"add"_s, GroupOp::Add},
                                             {u"remove"_s, GroupOp::Remove},
                                             {u"member-add"_s, GroupOp::MemberAdd},
                                             {u"member-remove"_s, GroupOp::MemberRemove}};
    if (operands.isEmpty())
        return u"group needs add, remove, member-add or member-remove"_s;
    const auto op = ops.constFind(operands.first());
    if (op == ops.cend())
        return u"group %1: unknown; use add, remove, member-add or member-remove"_s.arg(
            operands.first());
    const bool member = *op == GroupOp::MemberAdd || *op == GroupOp::MemberRemove;
    if (auto problem =
            expectOperands(operands, member ? 3 : 2,
                           member ? u"the group and the member's name"_s : u"the group's name"_s))
        return problem;
    m_invocation.group.op = *op;
    m_invocation.group.group = operands[1];
    if (member)
        m_invocation.group.name = operands[2];
    return std::nullopt;
}

std::optional<QString> Reader::readShare(const QStringList &operands)
{
    if (auto problem = expectOperands(operands, 1, u"the oid"_s))
        return problem;
    protocol::Share &share = m_invocation.share;
    if (auto problem = readOid(operands.first(), share.oid))
        return problem;
    // QMultiHash gives the values of a key newest first.
    for (const QString &name : {u"grant"_s, u"revoke"_s}) {
        QStringList principals = m_scanned.options.values(name);
        std::reverse(principals.begin(), principals.end());
        for (const QString &principal : std::as_const(principals)) {
            if (!principal.startsWith(u"user:") && !principal.startsWith(u"group:"))
                return u"--%1 %2: a principal is user:NAME or group:NAME"_s.arg(name, principal);
        }
        (name == u"grant" ? share.grant : share.revoke) = principals;
    }
    if (has(u"access"_s)) {
        share.access = engine::accessFromName(value(u"access"_s));
        if (!share.access)
            return u"--access is public, private or inherit"_s;
    }
    if (share.grant.isEmpty() && share.revoke.isEmpty() && !share.access)
        return u"share needs --grant, --revoke or --access"_s;
    return std::nullopt;
}

std::optional<QString> Reader::readHistory()
{
    admin::HistoryFilter &filter = m_invocation.history;
    if (has(u"oid"_s)) {
        if (auto problem = readOid(value(u"oid"_s), filter.oid))
            return problem;
    }
    if (has(u"cuid"_s)) {
        if (auto problem = readCuid(value(u"cuid"_s), filter.cuid))
            return problem;
    }
    for (const QString &name : {u"from"_s, u"to"_s}) {
        if (!has(name))
            continue;
        const auto time = ArgumentParser::parseTime(value(name));
        if (!time)
            return u"--%1 %2: give milliseconds since the epoch or an ISO 8601 time"_s.arg(
                name, value(name));
        (name == u"from" ? filter.fromMs : filter.toMs) = time;
    }
    return std::nullopt;
}

std::optional<QString> Reader::readWatch(const QStringList &operands)
{
    for (const QString &name : operands) {
        const auto topic = protocol::admin::topicFromName(name);
        if (!topic)
            return u"unknown topic %1 (devices, stats, history, access, audit)"_s.arg(name);
        if (!m_invocation.topics.contains(*topic))
            m_invocation.topics.append(*topic);
    }
    // Without names: everything but the once-a-second stats.
    if (m_invocation.topics.isEmpty())
        m_invocation.topics = {Topic::Devices, Topic::History, Topic::Access, Topic::Audit};
    if (has(u"count"_s)) {
        const auto count = positiveInteger(value(u"count"_s));
        if (!count)
            return u"--count needs a number above 0"_s;
        m_invocation.count = *count;
    }
    m_invocation.snapshots = has(u"snapshots"_s);
    return std::nullopt;
}

std::optional<QString> Reader::read(Command command, const QStringList &operands)
{
    m_invocation.command = command;
    if (auto problem = readGlobal())
        return problem;
    switch (command) {
    case Command::Devices:
        m_invocation.onlineOnly = has(u"online"_s);
        m_invocation.behindOnly = has(u"behind"_s);
        return expectOperands(operands, 0, {});
    case Command::Queue:
        if (auto problem = expectOperands(operands, 1, u"the device's cuid"_s))
            return problem;
        if (auto problem = readCuid(operands.first(), m_invocation.cuid))
            return problem;
        return readPaging();
    case Command::History:
        if (auto problem = expectOperands(operands, 0, {}))
            return problem;
        if (auto problem = readHistory())
            return problem;
        return readPaging();
    case Command::Object:
        if (auto problem = expectOperands(operands, 1, u"the oid"_s))
            return problem;
        return readOid(operands.first(), m_invocation.oid);
    case Command::Objects:
        if (auto problem = expectOperands(operands, 0, {}))
            return problem;
        m_invocation.objects.owner = value(u"owner"_s);
        m_invocation.objects.kind = value(u"kind"_s);
        m_invocation.objects.prefix = value(u"prefix"_s);
        return readPaging();
    case Command::Users:
    case Command::Groups:
        return expectOperands(operands, 0, {});
    case Command::Disconnect:
    case Command::Expire:
        if (auto problem = expectOperands(operands, 1, u"the device's cuid"_s))
            return problem;
        return readCuid(operands.first(), m_invocation.cuid);
    case Command::Share:
        return readShare(operands);
    case Command::User:
        return readUser(operands);
    case Command::Group:
        return readGroup(operands);
    case Command::Watch:
        return readWatch(operands);
    }
    return std::nullopt;
}

ParseOutcome usage(const QString &message)
{
    ParseOutcome outcome;
    outcome.kind = ParseOutcome::Kind::Usage;
    outcome.message = message;
    return outcome;
}

} // namespace

ParseOutcome ArgumentParser::parse(const QStringList &arguments) const
{
    Scanned scanned;
    if (auto problem = scan(arguments, scanned))
        return usage(*problem);
    if (scanned.options.contains(u"help"_s)) {
        ParseOutcome outcome;
        outcome.kind = ParseOutcome::Kind::Help;
        return outcome;
    }
    if (scanned.operands.isEmpty())
        return usage(u"no command given"_s);

    const QString name = scanned.operands.first();
    const auto spec = knownCommands().constFind(name);
    if (spec == knownCommands().cend())
        return usage(u"unknown command %1"_s.arg(name));
    for (const QString &option : std::as_const(scanned.optionOrder)) {
        if (!globalOptions().contains(option) && !spec->options.contains(option))
            return usage(u"%1 does not take --%2"_s.arg(name, option));
    }

    ParseOutcome outcome;
    outcome.kind = ParseOutcome::Kind::Run;
    Reader reader(scanned, outcome.invocation);
    if (auto problem = reader.read(spec->command, scanned.operands.mid(1)))
        return usage(u"%1: %2"_s.arg(name, *problem));
    return outcome;
}

std::optional<qint64> ArgumentParser::parseTime(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 ms = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return ms >= 0 ? std::optional(ms) : std::nullopt;

    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    // Without an offset Qt reads local time; the tool speaks UTC throughout.
    if (time.timeSpec() == Qt::LocalTime)
        time = QDateTime(time.date(), time.time(), Qt::UTC);
    return time.toMSecsSinceEpoch();
}

QString ArgumentParser::usageHint()
{
    return u"Run seneschal-admin --cli --help for the commands."_s;
}

QString ArgumentParser::helpText()
{
    return uR"(Usage: seneschal-admin --cli [OPTIONS] COMMAND [ARGS...]

The admin interface of a Seneschal server (wss://HOST:PORT/v1/admin) from
the command line. The login is an admin's (a member of the server's admin
group): --user NAME with the password as the first line on stdin (asked
for without echo on a terminal), or without --user the token in the
environment variable SENESCHAL_ADMIN_TOKEN.

Options:
  --server URL      the server, wss://host:7443 (the path /v1/admin is
                    added when missing); default $SENESCHAL_ADMIN_URL,
                    else wss://localhost:7443
  --user NAME       log in as NAME, password on stdin
  --ca-file FILE    trust the CAs (or the self-signed server certificate)
                    in this PEM file instead of the system's
  --json            one JSON document per command (rows as the server sent
                    them), one line per event for watch
  --timeout SEC     give up connecting, or waiting for an answer, after SEC
                    seconds (default 30)
  --help            this text

Commands:
  devices [--online] [--behind]
        every known device: cuid, uuid, online, phase, address, lastSeen,
        cursor, lag (--behind: lag above 0)
  queue CUID [--limit N] [--after X] [--all]
        what the device would be sent if it connected now, and the total
  history [--oid OID] [--cuid CUID] [--from TIME] [--to TIME]
          [--limit N] [--after X] [--all]
        reconciliations, newest first
  object OID
        properties with their stamps, access, grants, audience
  objects [--owner UUID] [--kind KIND] [--prefix P] [--limit N] [--after X]
          [--all]
        objects by oid
  users | groups
        the server's local users, its local groups
  disconnect CUID       close the device's connection (4410); it may return
  expire CUID           forget the device; it gets a full copy next time
  share OID [--grant user:NAME|group:NAME]... [--revoke PRINCIPAL]...
        [--access public|private|inherit]
  user add NAME [--no-password] | user passwd NAME
        the new password is read from stdin (after the login password)
  user disable NAME | user enable NAME
  group add GROUP | group remove GROUP
  group member-add GROUP NAME | group member-remove GROUP NAME
  watch [TOPIC...] [--count N] [--snapshots]
        print live events of devices, stats, history, access, audit (no
        names: all but stats) until interrupted or N events; --snapshots
        prints each topic's snapshot first

Paged queries show one page (--limit rows, default 100) and say when more
exist; --after X starts at the page a previous `next` named, --all follows
every page (1000 rows a page unless --limit says otherwise).
TIME is milliseconds since the epoch or ISO 8601 (UTC unless an offset is
given); tables show times in UTC.

Exit codes: 0 done, 1 the server refused (its error code and message are
printed), 2 usage, 3 cannot connect or log in, or the connection was lost.
)"_s;
}

} // namespace seneschal::admincli
