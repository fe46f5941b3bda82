#!/usr/bin/env python3
"""Copy a city imported into SQLite (`qinglian --db F import DIR`) into a
PostgreSQL database migrated by qinglian, row for row with the same ids, for the
red-flag benchmark when importing the city into PostgreSQL would take too long
(the import checks, numbers and logs every record; this copy does not).  Every
table but the log (trail, trail_node, trail_head), sessions and
schema_migrations is emptied in PostgreSQL and filled by COPY from psql, in the
order SQLite created them (the order of the migrations, parents first).  The
copied database is for reading (scans, the SQL peer): its log is empty, so
`verify` is meaningless there.  Usage: pg_copy.py CITY.db POSTGRES_URL"""
import sqlite3, subprocess, sys

SKIP = {"trail", "trail_node", "trail_head", "sessions", "schema_migrations"}


def text(v):
    if v is None:
        return "\\N"
    if isinstance(v, bytes):
        return "\\\\x" + v.hex()
    s = str(v)
    return (s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def main():
    db, url = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY rowid") if r[0] not in SKIP]
    subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", url, "-c",
                    "TRUNCATE " + ", ".join(tables) + " CASCADE"], check=True)
    for t in tables:
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
        n = con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        if not n:
            continue
        p = subprocess.Popen(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", url, "-c",
                              f"\\copy {t} ({', '.join(cols)}) FROM STDIN"],
                             stdin=subprocess.PIPE)
        out = p.stdin
        batch = []
        for row in con.execute(f'SELECT {", ".join(cols)} FROM "{t}"'):
            batch.append("\t".join(text(v) for v in row))
            if len(batch) >= 10000:
                out.write(("\n".join(batch) + "\n").encode())
                batch = []
        if batch:
            out.write(("\n".join(batch) + "\n").encode())
        out.close()
        if p.wait() != 0:
            sys.exit(f"copy of {t} failed")
        print(f"{t}: {n}", file=sys.stderr)
    subprocess.run(["psql", "-q", "-X", url, "-c", "ANALYZE"], check=True)


main()
