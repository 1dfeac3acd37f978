#pragma once

#include <QString>

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
    // Rows: seq, oid, property_name, winner value/ts/cuid/id, loser
    // value/ts/cuid/id, uploader_cuid, at_ms.
    SqlList insertConflicts;
    // Rows: cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq, groups_seen;
    // an update keeps first_seen_ms.
    SqlList upsertClients;
    // Rows: seq, oid, before_audience, after_audience, at_ms.
    SqlList insertAccessChanges;
    QString insertOpenUpload;  // cuid, since_ms; keeps the earlier since_ms of one open
    QString deleteOpenUpload;  // cuid
    QString selectOpenUploads; // -> cuid, since_ms
    QString raiseLastSeq;      // seq; never lowers it
    QString selectLastSeq;     // -> last seq (also covers objects' seqs)

    // Object columns: oid, kind, parent, owner, access, seq, props, grants.
    QString selectObject;          // oid
    SqlList selectObjectsIn;       // oids -> object columns
    QString selectObjectsAfter;    // seq, limit; ordered by seq
    QString selectObjectKeysAfter; // seq, limit -> oid, seq; ordered like selectObjectsAfter
    QString countObjectsAfter;     // seq -> count
    SqlList selectKnownDispatches; // (cuid, id) pairs -> cuid, id
    QString selectLoggedSince;     // cuid, received_ms -> cuid, id, oid, ts, received_ms, raw_json
    QString selectLoggedIds;       // cuid, limit -> id
    QString selectRecentConflicts; // limit -> conflict columns, newest first
    SqlList selectChildren;        // parents -> object columns
    QString selectGrantedTo;       // principal as a JSON string -> object columns
    QString selectAccessChangesAfter; // seq -> seq, oid, before, after, at_ms; by seq

    // Client columns: cuid, uuid, first_seen_ms, last_seen_ms, cursor_seq,
    // groups_seen.
    QString selectClient;  // cuid
    QString selectClients; // ordered by cuid

    QString selectExpiredTombstoneMaxSeq;    // horizon -> max seq (0 when none)
    QString deleteExpiredTombstones;         // horizon, max seq
    QString deleteExpiredClients;            // horizon
    QString deleteExpiredLog;                // horizon
    QString selectExpiredAccessChangeMaxSeq; // horizon -> max seq (0 when none)
    QString deleteExpiredAccessChanges;      // horizon
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
};

} // namespace seneschal::storage
