/*
 * All SQL of the complaint module.  The statements the log reads (the *_GET /
 * *_ALL pairs) select ids, states, dates, salts, digests and ciphertext only:
 * the complainant's words (subject, content, category, result) and staff's
 * words (action bodies, extension reasons) stay out of every log entry.
 * Visibility of lists: $1/$2 village scope as everywhere, $3 = 1 when the user
 * manages every complaint (else only those 包案 to user $2), and $4 the user's
 * own person id, whose accusations are never returned.  The accused's person
 * id is kept out of the log too: the record timeline (GET /api/v1/trail) is
 * open to every township-level user, the accused included, and must not tell
 * them who is accused.  It must not see HTTP.
 */
#include "complaint.h"
#include "perms.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"
#define VISIBLE                                                                                    \
	SCOPE("c.village_id")                                                                      \
	" AND ($3 = 1 OR c.handler_user_id = $2)"                                                  \
	" AND ($4 = 0 OR c.accused_person_id IS NULL OR c.accused_person_id <> $4)"

#define LOG_COLS                                                                                   \
	"id, village_id, ref, track, channel, anonymous, key_id, "                                 \
	"identity_box, receipt_hash, text_salt, text_digest, received_date, state, decision, "     \
	"decision_date, accepted_date, handler_user_id, assigned_date, concluded_date, outcome, "  \
	"replied_date, satisfaction, closed_date, due_code, due_date, extended, escalated"
#define ROW_COLS                                                                                   \
	"c.id, c.village_id, c.ref, c.track, c.channel, c.anonymous, c.category, c.subject, "      \
	"c.content, c.result, c.text_salt, c.accused_person_id, c.key_id, c.identity_box, "        \
	"c.received_date, c.state, c.decision, c.decision_date, c.accepted_date, "                 \
	"c.handler_user_id, c.assigned_date, c.concluded_date, c.outcome, c.replied_date, "        \
	"c.satisfaction, c.closed_date, c.due_code, c.due_date, c.extended, c.escalated, "         \
	"v.code, v.name"
#define LIST_COLS                                                                                  \
	"c.id, v.code AS village_code, v.name AS village_name, c.ref, c.track, c.channel, "        \
	"c.anonymous, c.category, c.subject, c.received_date, c.state, c.due_code, c.due_date, "   \
	"c.extended, c.escalated, c.outcome, u.username AS handler"
#define LIST_FROM                                                                                  \
	" FROM complaints c JOIN villages v ON v.id = c.village_id "                               \
	"LEFT JOIN users u ON u.id = c.handler_user_id WHERE " VISIBLE
#define LIST_FILTER                                                                                \
	" AND (CAST($5 AS TEXT) = '' OR v.code = $5)"                                              \
	" AND (CAST($6 AS TEXT) = '' OR c.state = $6)"                                             \
	" AND (CAST($7 AS TEXT) = '' OR c.channel = $7)"                                           \
	" AND (CAST($8 AS TEXT) = '' OR c.category = $8)"                                          \
	" AND ($9 = 0 OR (c.due_date IS NOT NULL AND c.due_date < CAST($10 AS TEXT)))"             \
	" AND ($11 = 0 OR c.escalated = 1)"                                                        \
	" AND (CAST($12 AS TEXT) = '' OR c.ref LIKE '%' || $12 || '%')"
#define STATS(key, label)                                                                          \
	"SELECT " key " AS key, " label " AS label, COUNT(*) AS total, "                           \
	"SUM(CASE WHEN c.due_date IS NOT NULL AND c.due_date < CAST($6 AS TEXT) THEN 1 ELSE 0 "    \
	"END) AS overdue, "                                                                        \
	"SUM(CASE WHEN c.state IN ('concluded','replied','reviewed','rechecked','closed') "        \
	"THEN 1 ELSE 0 END) AS concluded "                                                         \
	"FROM complaints c JOIN villages v ON v.id = c.village_id WHERE " VISIBLE                  \
	" AND (CAST($5 AS TEXT) = '' OR c.received_date LIKE $5 || '%') "                          \
	"GROUP BY " key ", " label " ORDER BY " key

#define ACTION_LOG_COLS                                                                            \
	"id, village_id, complaint_id, action, from_state, to_state, date, user_id, to_public, "   \
	"body_salt, body_digest"
#define LINK_COLS "id, village_id, complaint_id, other_id, kind"
#define EXT_LOG_COLS                                                                               \
	"id, village_id, complaint_id, due_code, days, old_due, new_due, reason_salt, "            \
	"reason_digest, user_id, date"
#define KEY_COLS "id, public_key, fingerprint, created_at"

static const struct db_sql sql[CP_ST__MAX] = {
    [CP_ST_KEY_GET] = {"complaint.key_get",
		       "SELECT " KEY_COLS " FROM complaint_keys WHERE id = $1"},
    [CP_ST_KEY_ALL] = {"complaint.key_all", "SELECT " KEY_COLS " FROM complaint_keys ORDER BY id"},
    [CP_ST_KEY_CURRENT] = {"complaint.key_current",
			   "SELECT " KEY_COLS " FROM complaint_keys ORDER BY id DESC LIMIT 1"},
    [CP_ST_KEY_BY_ID] = {"complaint.key_by_id",
			 "SELECT " KEY_COLS " FROM complaint_keys WHERE id = $1"},
    [CP_ST_KEY_INSERT] = {"complaint.key_insert",
			  "INSERT INTO complaint_keys (public_key, fingerprint, created_at) "
			  "VALUES ($1, $2, $3) ON CONFLICT (public_key) DO NOTHING RETURNING id"},

    [CP_ST_GET] = {"complaint.get", "SELECT " LOG_COLS " FROM complaints WHERE id = $1"},
    [CP_ST_ALL] = {"complaint.all", "SELECT " LOG_COLS " FROM complaints ORDER BY id"},
    [CP_ST_ROW] = {"complaint.row", "SELECT " ROW_COLS " FROM complaints c "
				    "JOIN villages v ON v.id = c.village_id WHERE c.id = $1"},
    [CP_ST_BY_RECEIPT] = {"complaint.by_receipt",
			  "SELECT id FROM complaints WHERE receipt_hash = $1"},
    [CP_ST_FIND] = {"complaint.find",
		    "SELECT id FROM complaints WHERE village_id = $1 AND ref = $2"},
    [CP_ST_REF_COUNT] = {"complaint.ref_count",
			 "SELECT COUNT(*) FROM complaints WHERE village_id = $1 "
			 "AND ref LIKE CAST($2 AS TEXT) || '%'"},
    [CP_ST_INSERT] =
	{"complaint.insert",
	 "INSERT INTO complaints (village_id, ref, track, channel, anonymous, category, subject, "
	 "content, result, text_salt, text_digest, accused_person_id, key_id, identity_box, "
	 "receipt_hash, received_date, state, decision, decision_date, accepted_date, "
	 "concluded_date, outcome, closed_date, due_code, due_date) VALUES ($1, $2, $3, $4, $5, "
	 "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, "
	 "$24, $25) ON CONFLICT (village_id, ref) DO NOTHING RETURNING id"},
    [CP_ST_SET_STATE] =
	{"complaint.set_state",
	 "UPDATE complaints SET state = $2, decision = $3, decision_date = $4, accepted_date = $5, "
	 "handler_user_id = $6, assigned_date = $7, concluded_date = $8, outcome = $9, "
	 "replied_date = $10, satisfaction = $11, closed_date = $12, due_code = $13, due_date = "
	 "$14, extended = $15, escalated = $16 WHERE id = $1"},
    [CP_ST_SET_CLASS] = {"complaint.set_class",
			 "UPDATE complaints SET track = $2, category = $3, accused_person_id = $4, "
			 "text_digest = $5 WHERE id = $1"},
    [CP_ST_SET_IMPORT] =
	{"complaint.set_import",
	 "UPDATE complaints SET received_date = $2, channel = $3, anonymous = $4, subject = $5, "
	 "category = $6, accepted_date = $7, concluded_date = $8, result = $9, text_digest = $10, "
	 "state = $11, decision = $12, decision_date = $13, outcome = $14, closed_date = $15, "
	 "due_code = $16, due_date = $17 WHERE id = $1"},
    [CP_ST_LIST] = {"complaint.list",
		    "SELECT " LIST_COLS LIST_FROM LIST_FILTER
		    " ORDER BY c.received_date DESC, c.id DESC LIMIT $13 OFFSET $14"},
    [CP_ST_COUNT] = {"complaint.count", "SELECT COUNT(*)" LIST_FROM LIST_FILTER},
    [CP_ST_INBOX] = {"complaint.inbox", "SELECT " LIST_COLS LIST_FROM " AND c.due_date IS NOT NULL "
					"ORDER BY c.due_date, c.id"},
    [CP_ST_STATS_VILLAGE] = {"complaint.stats_village", STATS("v.code", "v.name")},
    [CP_ST_STATS_CATEGORY] = {"complaint.stats_category", STATS("COALESCE(c.category, '未分类')",
								"COALESCE(c.category, '未分类')")},
    [CP_ST_STATS_CHANNEL] = {"complaint.stats_channel", STATS("c.channel", "c.channel")},
    [CP_ST_STATS_OUTCOME] = {"complaint.stats_outcome", STATS("COALESCE(c.outcome, '未办结')",
							      "COALESCE(c.outcome, '未办结')")},
    [CP_ST_OVERDUE_OPEN] =
	{"complaint.overdue_open",
	 "SELECT id FROM complaints WHERE due_date IS NOT NULL AND due_date < $1 "
	 "AND escalated = 0 ORDER BY id"},
    [CP_ST_EXPORT] =
	{"complaint.export",
	 "SELECT v.code, c.ref, c.received_date, c.channel, c.anonymous, c.subject, c.category, "
	 "c.accepted_date, c.concluded_date, c.result FROM complaints c "
	 "JOIN villages v ON v.id = c.village_id WHERE " SCOPE(
	     "c.village_id") " AND ($3 = 0 OR c.accused_person_id IS NULL OR c.accused_person_id "
			     "<> $3) "
			     "ORDER BY v.code, c.ref"},

    [CP_ST_ACTION_GET] = {"complaint.action_get",
			  "SELECT " ACTION_LOG_COLS " FROM complaint_actions WHERE id = $1"},
    [CP_ST_ACTION_ALL] = {"complaint.action_all",
			  "SELECT " ACTION_LOG_COLS " FROM complaint_actions ORDER BY id"},
    [CP_ST_ACTION_INSERT] =
	{"complaint.action_insert",
	 "INSERT INTO complaint_actions (village_id, complaint_id, action, from_state, to_state, "
	 "date, user_id, to_public, body, body_salt, body_digest) VALUES ($1, $2, $3, $4, $5, $6, "
	 "$7, $8, $9, $10, $11) RETURNING id"},
    [CP_ST_ACTIONS_OF] = {"complaint.actions_of",
			  "SELECT a.id, a.action, a.from_state, a.to_state, a.date, "
			  "u.username AS user, a.to_public, a.body FROM complaint_actions a "
			  "LEFT JOIN users u ON u.id = a.user_id WHERE a.complaint_id = $1 "
			  "ORDER BY a.id"},
    [CP_ST_ACTIONS_PUBLIC] = {"complaint.actions_public",
			      "SELECT action, date, body FROM complaint_actions "
			      "WHERE complaint_id = $1 AND to_public = 1 ORDER BY id"},

    [CP_ST_LINK_GET] = {"complaint.link_get",
			"SELECT " LINK_COLS " FROM complaint_links WHERE id = $1"},
    [CP_ST_LINK_ALL] = {"complaint.link_all",
			"SELECT " LINK_COLS " FROM complaint_links ORDER BY id"},
    [CP_ST_LINK_INSERT] =
	{"complaint.link_insert",
	 "INSERT INTO complaint_links (village_id, complaint_id, other_id, kind) "
	 "VALUES ($1, $2, $3, $4) ON CONFLICT (complaint_id, other_id) DO NOTHING "
	 "RETURNING id"},
    [CP_ST_LINKS_OF] =
	{"complaint.links_of",
	 "SELECT l.id, l.kind, o.id AS other_id, o.ref AS other_ref, o.state AS other_state "
	 "FROM complaint_links l JOIN complaints o ON o.id = CASE WHEN l.complaint_id = $1 "
	 "THEN l.other_id ELSE l.complaint_id END "
	 "WHERE (l.complaint_id = $1 OR l.other_id = $1) "
	 "AND ($2 = 0 OR o.accused_person_id IS NULL OR o.accused_person_id <> $2) ORDER BY l.id"},

    [CP_ST_EXT_GET] = {"complaint.ext_get",
		       "SELECT " EXT_LOG_COLS " FROM complaint_extensions WHERE id = $1"},
    [CP_ST_EXT_ALL] = {"complaint.ext_all",
		       "SELECT " EXT_LOG_COLS " FROM complaint_extensions ORDER BY id"},
    [CP_ST_EXT_INSERT] =
	{"complaint.ext_insert",
	 "INSERT INTO complaint_extensions (village_id, complaint_id, due_code, days, old_due, "
	 "new_due, reason, reason_salt, reason_digest, user_id, date) VALUES ($1, $2, $3, $4, $5, "
	 "$6, $7, $8, $9, $10, $11) ON CONFLICT (complaint_id, due_code) DO NOTHING RETURNING id"},
    [CP_ST_EXT_OF] = {"complaint.ext_of",
		      "SELECT id, due_code, days, old_due, new_due, reason, date "
		      "FROM complaint_extensions WHERE complaint_id = $1 ORDER BY id"},

    [CP_ST_RATE_BUMP] =
	{"complaint.rate_bump",
	 "INSERT INTO complaint_intake_rate (bucket, hour_key, n) VALUES ($1, $2, 1) "
	 "ON CONFLICT (bucket, hour_key) DO UPDATE SET n = complaint_intake_rate.n + 1 "
	 "RETURNING n"},
    [CP_ST_RATE_PURGE] = {"complaint.rate_purge",
			  "DELETE FROM complaint_intake_rate WHERE hour_key < $1"},
    [CP_ST_USER_NAME] = {"complaint.user_name", "SELECT username FROM users WHERE id = $1"},
};

struct db_stmts complaint_stmts = {"complaint", sql, CP_ST__MAX, 0, false};

/* No village column for the log: complaint entries are not shown per village,
 * and their history is the commission's alone (a department user may be the
 * accused). */
const struct trail_table complaint_tables[CP_T__MAX] = {
    [CP_T_COMPLAINTS] = {"complaints", &complaint_stmts, CP_ST_GET, CP_ST_ALL, NULL,
			 &perm_complaint_manage},
    [CP_T_ACTIONS] = {"complaint_actions", &complaint_stmts, CP_ST_ACTION_GET, CP_ST_ACTION_ALL,
		      NULL,
			 &perm_complaint_manage},
    [CP_T_LINKS] = {"complaint_links", &complaint_stmts, CP_ST_LINK_GET, CP_ST_LINK_ALL, NULL,
			 &perm_complaint_manage},
    [CP_T_EXTENSIONS] = {"complaint_extensions", &complaint_stmts, CP_ST_EXT_GET, CP_ST_EXT_ALL,
			 NULL,
			 &perm_complaint_manage},
    [CP_T_KEYS] = {"complaint_keys", &complaint_stmts, CP_ST_KEY_GET, CP_ST_KEY_ALL, NULL,
			 &perm_complaint_manage},
};
