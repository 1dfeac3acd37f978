#pragma once

#include <QString>
#include <QStringList>

namespace seneschal::storage {

// A statement with a repeated part, for multi-row INSERTs and IN lists:
// `head`, then `item` `count` times joined with ", ", then `tail`.
struct SqlList
{
    QString head;
    QString item;
    QString tail;

    QString build(int count) const
    {
        QString sql;
        sql.reserve(head.size() + count * (item.size() + 2) + tail.size());
        sql += head;
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                sql += QLatin1String(", ");
            sql += item;
        }
        sql += tail;
        return sql;
    }
};

// A SELECT with optional conditions, for filtered pages: `head`, then the
// chosen `conditions` joined with " AND " after " WHERE " (nothing when none
// is chosen), then `tail`. Bit i of `chosen` picks conditions[i]; values are
// bound in the order of the conditions, then the tail's. Each combination is
// its own statement, so the planner sees only the conditions that apply
// (a `? = '' OR col = ?` form would hide the index from it).
struct SqlFilter
{
    QString head;
    QStringList conditions;
    QString tail;

    QString build(quint32 chosen) const
    {
        QString sql = head;
        bool first = true;
        for (qsizetype i = 0; i < conditions.size(); ++i) {
            if (!(chosen & (quint32(1) << i)))
                continue;
            sql += first ? QLatin1String(" WHERE ") : QLatin1String(" AND ");
            sql += conditions[i];
            first = false;
        }
        sql += tail;
        return sql;
    }
};

// Every SQL statement the shared SqlStorage logic runs, written once per
// backend (sqlite/sqlitestorage.cpp, mysql/mysqlstorage.cpp). Placeholders
// are positional '?'; the comments give the bound values in order and the
// selected columns.
struct SqlStatements
{
    // Run as plain statements, never prepared (MySQL cannot prepare them).
    QString begin;
    QString commit;
    QString rollback;

    // schema_version: one row per finished migration.
    QString createSchemaVersion;
    QString selectSchemaVersion; // -> version (0 when empty)
    QString insertSchemaVersion; // version, applied_ms; must ignore an existing row

    // Rows: oid, kind, parent, owner, access, seq, deleted, props, updated_ms,
    // grants.
    SqlList upsertObjects;
    // Rows: cuid, id, oid, ts, received_ms, raw_json; must ignore duplicates
    // of (cuid, id) and nothing else.
    SqlList insertLog;
    // Rows: id (NULL: the database picks one), seq, oid, property_name, winner
    // value/ts/cuid/id, loser value/ts/cuid/id, uploader_cuid, at_ms; must
    // ignore a row whose id exists (the same batch committed again).
    SqlList insertConflicts;
    // Rows: cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq, groups_seen;
    // an update keeps first_seen_ms.
    SqlList upsertClients;
    // Rows: seq, oid, before_audience, after_audience, at_ms, by_uuid, access,
    // granted, revoked.
    SqlList insertAccessChanges;
    QString insertOpenUpload;     // cuid, since_ms; keeps the earlier since_ms of one open
    QString deleteOpenUpload;     // cuid
    QString selectOpenUploads;    // -> cuid, since_ms
    QString raiseLastSeq;         // seq; never lowers it
    QString selectLastSeq;        // -> last seq (also covers objects' seqs)
    QString raiseLastConflictId;  // id; never lowers it
    QString selectLastConflictId; // -> last conflict id (also covers the conflicts' ids)

    // Object columns: oid, kind, parent, owner, access, seq, props, grants.
    QString selectObject;          // oid
    SqlList selectObjectsIn;       // oids -> object columns
    QString selectObjectsAfter;    // seq, limit; ordered by seq
    QString selectObjectKeysAfter; // seq, limit -> oid, seq; ordered like selectObjectsAfter
    QString countObjectsAfter;     // seq -> count
    SqlList selectKnownDispatches; // (cuid, id) pairs -> cuid, id
    QString selectLoggedSince;     // cuid, received_ms -> cuid, id, oid, ts, received_ms, raw_json
    QString selectLoggedIds;       // cuid, limit -> id
    // Conflict columns: id, seq, oid, property_name, winner value/ts/cuid/id,
    // loser value/ts/cuid/id, uploader_cuid, at_ms.
    QString selectRecentConflicts; // limit -> conflict columns, newest first
    // -> conflict columns, newest (highest id) first. Conditions, in this
    // order (see ConflictPart in sqlstorage.cpp): oid = ?; the cuid three
    // times (winner, loser, uploader); at_ms >= ?; at_ms <= ?; id < ?. The
    // tail binds the limit.
    SqlFilter selectConflictsPage;
    // -> object columns, by oid. Conditions, in this order (ObjectPart):
    // owner = ?; kind = ?; oid >= ? (prefix); oid < ? (end of the prefix's
    // range); oid > ? (after). The tail binds the limit.
    SqlFilter selectObjectsPage;
    SqlList selectChildren;  // parents -> object columns
    QString selectGrantedTo; // principal as a JSON string -> object columns
    // Access change columns: seq, oid, before_audience, after_audience, at_ms,
    // by_uuid, access, granted, revoked.
    QString selectAccessChangesAfter;  // seq -> access change columns; by seq
    QString selectRecentAccessChanges; // limit -> access change columns, newest first

    QString insertAudit;       // at_ms, by_uuid, type, args; the id is the database's
    QString selectRecentAudit; // limit -> id, at_ms, by_uuid, type, args; newest first

    // Client columns: cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq,
    // groups_seen.
    QString selectClient;  // cuid
    QString selectClients; // ordered by cuid
    QString deleteClient;  // cuid

    QString selectExpiredTombstoneMaxSeq;    // horizon -> max seq (0 when none)
    QString deleteExpiredTombstones;         // horizon, max seq
    QString deleteExpiredClients;            // horizon
    QString deleteExpiredLog;                // horizon
    QString selectExpiredAccessChangeMaxSeq; // horizon -> max seq (0 when none)
    QString deleteExpiredAccessChanges;      // horizon
    QString deleteExpiredConflicts;          // horizon
    QString raisePurgedSeq;                  // seq; never lowers it
    QString selectPurgedSeq;                 // -> purged seq

    // User columns: uuid, password_hash, disabled, token_version, created_ms.
    QString selectUser;          // uuid
    QString selectUsers;         // ordered by uuid
    QString selectDisabledUsers; // -> uuid of each disabled user
    QString insertUser;          // the user columns
    QString updatePasswordHash;  // hash, uuid; bumps token_version
    QString updateDisabled;      // disabled, uuid; bumps token_version

    QString selectGroup;          // gid -> gid
    QString insertGroup;          // gid
    QString deleteGroup;          // gid
    QString deleteMembersOfGroup; // gid
    QString insertGroupMember;    // gid, uuid; ignores an existing membership
    QString deleteGroupMember;    // gid, uuid
    QString selectGroups;         // -> gid, ordered
    QString selectGroupMembers;   // gid -> uuid, ordered
    QString selectGroupsOf;       // uuid -> gid, ordered
    QString selectMemberships;    // -> uuid, gid; ordered by uuid, gid
    QString bumpGroupsVersion;    // creates the counter at 1 or adds 1
    QString selectGroupsVersion;  // -> the counter (no row: never changed)

    QString selectWaitingForParent; // -> oid, parent of inherit objects whose parent is absent
};

} // namespace seneschal::storage
